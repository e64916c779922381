"""Reads shared by the explore pages, downloads, the place section and other apps."""

from __future__ import annotations

import datetime
import hashlib
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.cache import cache
from django.db import connection
from django.db.models import QuerySet

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


_SUMMARY_SQL = """
SELECT GROUPING(s.month, s.supplier_slug, s.service_area) AS level,
       s.month, s.supplier_slug, s.service_area, SUM(s.amount), COUNT(*)
FROM (
    SELECT date_trunc('month', f.payment_date)::date AS month, f.supplier_slug, f.service_area, f.amount
    FROM ({inner}) AS f
) AS s
GROUP BY GROUPING SETS ((), (s.month), (s.supplier_slug), (s.service_area))
"""


def spending_summary(records: QuerySet[SpendingRecord]) -> SpendingSummary:
    """Totals and the three charts' numbers of a filtered view, in one pass over the records (two queries).

    The pass reads only columns the covering indexes hold, so PostgreSQL can answer it from an index alone;
    the top suppliers' names come after, from their few rows.
    """
    inner = records.order_by().values("payment_date", "supplier_slug", "service_area", "amount")
    sql, params = inner.query.sql_with_params()
    summary = SpendingSummary()
    suppliers = []
    with connection.cursor() as cursor:
        cursor.execute(_SUMMARY_SQL.format(inner=sql), params)  # noqa: S608 (the ORM built the inner query)
        for level, month, slug, service_area, total, count in cursor.fetchall():
            # GROUPING() bits: 4 = month rolled up, 2 = supplier, 1 = service area.
            if level == 7:
                summary.total, summary.count = total or Decimal("0"), count
            elif level == 3:
                summary.by_month.append((month, total))
            elif level == 5:
                suppliers.append((slug, total))
            elif level == 6:
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


def spending_data_version() -> str:
    """Changes whenever spending records are added (imports only ever add rows): part of every cached
    summary's key, so that an import is seen at once. One probe of the primary key index."""
    latest = SpendingRecord.objects.order_by("-pk").values_list("pk", flat=True).first()
    return str(latest or 0)


def cached_spending_summary(records: QuerySet[SpendingRecord], filters: dict[str, str]) -> SpendingSummary:
    """The summary of a filtered view, from the shared cache when the same view was asked for since the last
    import (the figures only change when data is imported)."""
    text = "&".join(f"{key}={value}" for key, value in sorted(filters.items()) if value)
    key = f"transparency:spending-summary:{spending_data_version()}:{hashlib.sha256(text.encode()).hexdigest()}"
    summary = cache.get(key)
    if summary is None:
        summary = spending_summary(records)
        cache.set(key, summary, timeout=SUMMARY_CACHE_SECONDS)
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
