"""The transparency section of a place page: decisions, spending and assets for that place (3 queries)."""

from __future__ import annotations

import datetime

from django.db.models import Count, Q, Sum
from django.utils import timezone

from localism.charts import money
from localism.models import Place
from transparency.models import AssetNomination, Decision, SpendingRecord

SHOWN = 5


def place_section_context(request, place) -> dict:
    # The place and the places inside it (a subquery of the small places table, so the large spending
    # table is read through its (place, payment_date) index).
    area = Place.objects.filter(Q(pk=place.pk) | Q(parent=place) | Q(parent__parent=place)).values("pk")
    in_place = Q(place__in=area)
    decisions = list(
        Decision.objects.published()
        .filter(Q(places=place) | Q(places__parent=place))
        .distinct()
        .only("title", "slug", "decision_date", "decision_maker")[:SHOWN]
    )
    since = timezone.localdate() - datetime.timedelta(days=365)
    spend = SpendingRecord.objects.filter(in_place, payment_date__gte=since).aggregate(
        total=Sum("amount"), count=Count("id")
    )
    assets = list(
        AssetNomination.objects.on_the_list().filter(in_place).only("reference", "asset_name", "address")[: SHOWN + 1]
    )
    return {
        "place": place,
        "decisions": decisions,
        "spend_total": money(spend["total"] or 0),
        "spend_count": spend["count"],
        "assets": assets[:SHOWN],
        "more_assets": len(assets) > SHOWN,
    }
