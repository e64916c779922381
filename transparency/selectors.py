"""Reads shared by the explore pages, downloads, the place section and other apps."""

from __future__ import annotations

import datetime
import hashlib
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.cache import cache
from django.db import connection
from django.db.models import QuerySet

from localism.dates import long_date
from transparency import rollups
from transparency.models import Decision, SpendingRecord

TOP_SUPPLIERS = 10
SUMMARY_CACHE_SECONDS = 6 * 3600


@dataclass
class SpendingSummary:
    total: Decimal = Decimal("0")
    count: int = 0
    by_month: list[tuple[datetime.date, Decimal]] = field(default_factory=list)
    top_suppliers: list[tuple[str, str, Decimal]] = field(default_factory=list)  # (slug, name, total)
    by_service_area: list[tuple[str, Decimal]] = field(default_factory=list)
    # The latest payment date in all the data (not only this view): how recent the data is.
    published_up_to: datetime.date | None = None
    # What the figures are kept under in the shared cache (cached_spending_summary): it changes with each
    # import, so the charts drawn from them are kept under it too (transparency/partials/_spending_charts.html).
    cache_key: str = ""


def spending_summary(
    records: QuerySet[SpendingRecord], filters: dict | None = None, rollups_current: bool | None = None
) -> SpendingSummary:
    """Totals and the three charts' numbers of a filtered view, in one pass (two queries with the names).

    `filters` are the cleaned filters behind `records`: where they allow, the pass reads the rolled-up
    totals (transparency/rollups.py) instead of every record; the figures are the same.
    """
    if rollups_current is None:
        latest, seen = rollups.versions()
        rollups_current = latest == seen
    parts = rollups.summary_parts(records, filters or {}, rollups_current)
    sql, params = rollups.summary_sql(parts)
    summary = SpendingSummary()
    suppliers = []
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        for level, month, slug, service_area, total, count, supplier_total in cursor.fetchall():
            if level == 7:
                summary.total, summary.count = total or Decimal("0"), count or 0
            elif level == 3 and month is not None:
                summary.by_month.append((month, total))
            elif level == 5 and slug is not None:
                suppliers.append((slug, supplier_total))
            elif level == 6 and service_area is not None:
                summary.by_service_area.append((service_area or "Not stated", total))
    summary.by_month.sort()
    suppliers.sort(key=lambda row: row[1], reverse=True)
    top = suppliers[:TOP_SUPPLIERS]
    names = supplier_names([slug for slug, _ in top]) if top else {}
    summary.top_suppliers = [(slug, names.get(slug, slug), total) for slug, total in top]
    summary.by_service_area.sort(key=lambda row: row[1], reverse=True)
    return summary


def supplier_names(slugs: list[str]) -> dict[str, str]:
    """The latest name each supplier was paid under (one query; one index probe per supplier)."""
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT s.slug, (SELECT r.beneficiary_name FROM transparency_spendingrecord r
                            WHERE r.supplier_slug = s.slug ORDER BY r.payment_date DESC LIMIT 1)
            FROM unnest(%s::text[]) AS s(slug)
            """,
            [slugs],
        )
        return dict(cursor.fetchall())


def cached_spending_summary(records: QuerySet[SpendingRecord], filters: dict) -> SpendingSummary:
    """The summary of a filtered view, from the shared cache when the same view was asked for since the last
    import (the figures only change when data is imported). `filters` are the cleaned filters applied."""
    text = "&".join(f"{key}={value}" for key, value in sorted(filters.items()) if value not in (None, ""))
    # Imports only ever add records, so the newest record's id changes with each: an import is seen at once.
    latest, seen, published_up_to = rollups.versions_and_latest_payment()
    key = f"transparency:spending-summary:{latest}:{hashlib.sha256(text.encode()).hexdigest()}"
    summary = cache.get(key)
    if summary is None:
        summary = spending_summary(records, filters, rollups_current=latest == seen)
        cache.set(key, summary, timeout=SUMMARY_CACHE_SECONDS)
    summary.published_up_to = published_up_to
    summary.cache_key = key
    return summary


def spending_summaries_warm() -> int:
    """Work out and cache the figures people ask for most (all spending, and each service area and expense
    type on its own), so that the first visitor after an import does not wait for them."""
    from transparency.models import SpendingFacet

    views = [({}, SpendingRecord.objects.all())]
    for kind, value in SpendingFacet.objects.values_list("kind", "value"):
        views.append(({kind: value}, SpendingRecord.objects.filter(**{kind: value})))
    for filters, records in views:
        cached_spending_summary(records, filters)
    return len(views)


def decisions_for_consultation(consultation_slug: str) -> QuerySet[Decision]:
    """The published decisions that conclude a consultation (for the consultations app's outcome pages)."""
    if not consultation_slug:
        return Decision.objects.none()
    return Decision.objects.published().filter(consultation_slug=consultation_slug).order_by("-decision_date")


def decided_asset_nominations() -> QuerySet:
    """Nominations of assets of community value whose decision is public: what other apps may link to
    (an asset transfer names the asset's community-value status)."""
    from transparency.models import AssetNomination

    return AssetNomination.objects.filter(
        status__in=[AssetNomination.Status.LISTED, AssetNomination.Status.NOT_LISTED, AssetNomination.Status.REMOVED]
    )


def community_value_status(nomination) -> str:
    """The asset's community-value status in words, as other apps show it beside their link to it."""
    from transparency.models import AssetNomination

    if nomination is None:
        return "Not nominated as an asset of community value"
    if nomination.is_on_the_list:
        return f"Listed as an asset of community value until {long_date(nomination.entry_ends_on)}"
    if nomination.status == AssetNomination.Status.NOT_LISTED:
        return "Nominated as an asset of community value, not listed"
    if nomination.status == AssetNomination.Status.SUBMITTED:
        return "Nominated as an asset of community value, awaiting a decision"
    return "No longer on the list of assets of community value"
