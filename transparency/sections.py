"""The transparency section of a place page: decisions, notices, spending and assets for that place (4 queries)."""

from __future__ import annotations

import datetime
from urllib.parse import urlencode

from django.db.models import Count, Sum
from django.urls import reverse
from django.utils import timezone

from localism.dates import long_date
from localism.numbers import money
from transparency.models import (
    SUPPLIER_VECTOR,
    AssetNomination,
    Decision,
    Notice,
    SpendingFacet,
    SpendingRecord,
    Supplier,
)

SHOWN = 5


def place_section_context(request, place) -> dict:
    in_place = place.content_filter("place", covering=False)
    decisions = list(
        Decision.objects.published()
        .filter(place.content_filter("places", covering=False))
        .distinct()
        .only("title", "slug", "decision_date", "decision_maker")[:SHOWN]
    )
    notices = list(
        Notice.objects.current()
        .filter(place.content_filter("places", covering=True))
        .distinct()
        .select_related("council")
        .only("title", "slug", "kind", "published_on", "council__name")[:SHOWN]
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
        "notices": notices,
        "spend_text": money(spend["total"] or 0),
        "spend_count": spend["count"],
        "assets": assets[:SHOWN],
        "more_assets": len(assets) > SHOWN,
    }


def search_decisions(query, text):
    """Published decisions, for the site search."""
    from localism.search import SearchHit, first_hits, ranked, weighted

    matches = ranked(
        Decision.objects.published().only("title", "slug", "decision_date", "decision_maker"),
        weighted(("title", "A"), ("decision_maker", "B"), ("summary", "C")),
        query,
    )
    return first_hits(
        matches,
        lambda d: SearchHit(
            d.title, d.get_absolute_url(), f"Decided by {d.decision_maker} on {long_date(d.decision_date)}."
        ),
    )


def search_notices(query, text):
    """Councils' published notices, for the site search."""
    from localism.search import SearchHit, first_hits, ranked, weighted

    matches = ranked(
        Notice.objects.published()
        .select_related("council")
        .only("title", "slug", "kind", "published_on", "council__name"),
        weighted(("title", "A"), ("venue", "B"), ("body", "C")),
        query,
    )
    return first_hits(
        matches,
        lambda n: SearchHit(
            n.title,
            n.get_absolute_url(),
            f"{n.get_kind_display()} from {n.council.name}, {long_date(n.published_on)}.",
        ),
    )


def search_assets(query, text):
    """Decided nominations of assets of community value (listed, not listed or removed), for the site search."""
    from localism.search import SearchHit, first_hits, ranked, weighted

    public = AssetNomination.objects.exclude(status=AssetNomination.Status.SUBMITTED)
    matches = ranked(
        public.only("reference", "asset_name", "address", "postcode", "status"),
        weighted(("asset_name", "A"), ("address", "B"), ("community_value", "C")),
        query,
    )
    return first_hits(
        matches,
        lambda a: SearchHit(
            a.asset_name, a.get_absolute_url(), f"{a.address}, {a.postcode}. {a.get_status_display()}."
        ),
    )


def search_suppliers(query, text):
    """Suppliers the council paid, for the site search: the small supplier table, never the payments."""
    from localism.search import SearchHit, first_hits, ranked

    matches = ranked(
        Supplier.objects.only("slug", "name", "supplier_type", "registration_number"), SUPPLIER_VECTOR, query
    )
    return first_hits(matches, lambda s: SearchHit(s.name, s.get_absolute_url(), _supplier_summary(s)))


def _supplier_summary(supplier: Supplier) -> str:
    described = supplier.supplier_type or "Supplier"
    if supplier.registration_number:
        described += f", charity or company number {supplier.registration_number}"
    return f"{described}. The council's payments to them."


def search_spending(query, text):
    """Service areas and expense types of the spending records, for the site search: each links to the
    spending explorer filtered on it, and is read from the small table of facets, never the payments."""
    from localism.search import SearchHit, first_hits, ranked, weighted

    matches = ranked(SpendingFacet.objects.all(), weighted(("value", "A")), query).order_by("-rank", "kind", "value")
    explorer = reverse("transparency:spending")
    return first_hits(
        matches,
        lambda facet: SearchHit(
            f"Spending on {facet.value}",
            f"{explorer}?{urlencode({facet.kind: facet.value})}",
            f"{facet.get_kind_display()}: the council's payments, in the spending explorer.",
        ),
    )


def sitemaps() -> dict:
    from localism.sitemaps import rows_sitemap

    decided = AssetNomination.objects.exclude(status=AssetNomination.Status.SUBMITTED)
    return {
        "decisions": rows_sitemap("monthly", lambda: Decision.objects.published().only("slug").order_by("pk")),
        "notices": rows_sitemap("weekly", lambda: Notice.objects.published().only("slug").order_by("pk")),
        "assets": rows_sitemap("monthly", lambda: decided.only("reference").order_by("pk")),
        "suppliers": rows_sitemap("monthly", lambda: Supplier.objects.only("slug").order_by("slug")),
    }
