"""Spending totals rolled up ahead of time, so that a wide filter need not read a million records.

Three materialized views, refreshed with the supplier list after every import:

- by month, supplier and service area: answers no filter, a date range, a service area,
  a supplier and a supplier search (months cut by a date range come from the records);
- by amount band, month and service area, and by amount band and supplier: answer an
  amount range (the bands cut by it come from the records).

A fourth records the newest record id the views have seen. When it differs from the
records' (rows were added since the refresh) every summary is worked out from the records,
so the figures are never stale. Amount bands have fixed, exact boundaries; SQL's
width_bucket() and Python's bisect_right() put an amount in the same band.
"""

from __future__ import annotations

import bisect
import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db import connection
from django.db.models import DateField, Q, QuerySet
from django.db.models.functions import TruncMonth

# Band boundaries: 20 a decade from £1 to £1 billion (amounts below £1, credit notes included,
# are band 0; a band i holds BOUNDARIES[i-1] <= amount < BOUNDARIES[i]).
_STEPS = ["1", "1.1", "1.2", "1.3", "1.5", "1.6", "1.8", "2", "2.2", "2.5", "2.8", "3", "3.5", "4", "4.5", "5", "6",
          "7", "8", "9"]  # fmt: skip
BOUNDARIES: list[Decimal] = [Decimal(step) * (10**power) for power in range(9) for step in _STEPS] + [Decimal(10**9)]
_ARRAY = "ARRAY[" + ",".join(str(b) for b in BOUNDARIES) + "]::numeric[]"

MONTHLY = "transparency_spend_monthly"
BANDED = "transparency_spend_banded"
BANDED_SUPPLIER = "transparency_spend_banded_supplier"
SEEN = "transparency_spend_rollup_seen"

CREATE_SQL = f"""
CREATE MATERIALIZED VIEW {MONTHLY} AS
    SELECT date_trunc('month', payment_date)::date AS month, supplier_slug, service_area,
           SUM(amount) AS total, COUNT(*) AS n
    FROM transparency_spendingrecord GROUP BY 1, 2, 3
    WITH NO DATA;
CREATE INDEX {MONTHLY}_month ON {MONTHLY} (month) INCLUDE (supplier_slug, service_area, total, n);
CREATE INDEX {MONTHLY}_area ON {MONTHLY} (service_area, month);
CREATE INDEX {MONTHLY}_supplier ON {MONTHLY} (supplier_slug, month);
CREATE MATERIALIZED VIEW {BANDED} AS
    SELECT width_bucket(amount, {_ARRAY}) AS band, date_trunc('month', payment_date)::date AS month,
           service_area, SUM(amount) AS total, COUNT(*) AS n
    FROM transparency_spendingrecord GROUP BY 1, 2, 3
    WITH NO DATA;
CREATE INDEX {BANDED}_band ON {BANDED} (band) INCLUDE (month, service_area, total, n);
CREATE MATERIALIZED VIEW {BANDED_SUPPLIER} AS
    SELECT width_bucket(amount, {_ARRAY}) AS band, supplier_slug, SUM(amount) AS total, COUNT(*) AS n
    FROM transparency_spendingrecord GROUP BY 1, 2
    WITH NO DATA;
CREATE INDEX {BANDED_SUPPLIER}_band ON {BANDED_SUPPLIER} (band) INCLUDE (supplier_slug, total, n);
CREATE MATERIALIZED VIEW {SEEN} AS
    SELECT COALESCE(MAX(id), 0) AS latest_id FROM transparency_spendingrecord
    WITH NO DATA;
"""  # noqa: S608 (our own names and numbers)
DROP_SQL = f"""
DROP MATERIALIZED VIEW IF EXISTS {SEEN};
DROP MATERIALIZED VIEW IF EXISTS {BANDED_SUPPLIER};
DROP MATERIALIZED VIEW IF EXISTS {BANDED};
DROP MATERIALIZED VIEW IF EXISTS {MONTHLY};
"""

MONTHLY_FILTERS = {"date_from", "date_to", "service_area", "supplier", "q"}
AMOUNT_FILTERS = {"amount_min", "amount_max"}


def refresh() -> None:
    """Bring the rolled-up totals up to date with the records (after an import)."""
    with connection.cursor() as cursor:
        for view in (MONTHLY, BANDED, BANDED_SUPPLIER, SEEN):
            cursor.execute(f"REFRESH MATERIALIZED VIEW {view}")  # noqa: S608 (our own view names)


def band_of(amount: Decimal) -> int:
    return bisect.bisect_right(BOUNDARIES, amount)


@dataclass
class Part:
    """One source of rows for the summary: SQL giving (month, supplier_slug, service_area, amount, n).

    `counts` says which grouping sets the part's rows count towards: "all", or "no-supplier" (rows
    without a supplier: totals, months and service areas) or "supplier-only" (suppliers alone).
    """

    sql: str
    params: list
    counts: str = "all"


def versions() -> tuple[int, int]:
    """The newest record's id, and the newest the rolled-up totals have seen (one query)."""
    latest, seen, _ = versions_and_latest_payment()
    return latest, seen


def versions_and_latest_payment() -> tuple[int, int, datetime.date | None]:
    """`versions()` and the latest payment date in the data, in the same query (each is one index probe)."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT COALESCE((SELECT id FROM transparency_spendingrecord ORDER BY id DESC LIMIT 1), 0), "  # noqa: S608
            f"(SELECT latest_id FROM {SEEN}), "
            "(SELECT payment_date FROM transparency_spendingrecord ORDER BY payment_date DESC LIMIT 1)"
        )
        return cursor.fetchone()


def _records_part(records: QuerySet, edges: Q | None = None) -> Part:
    if edges is not None:
        records = records.filter(edges)
    inner = (
        records.order_by()
        .annotate(rollup_month=TruncMonth("payment_date", output_field=DateField()))
        .values("rollup_month", "supplier_slug", "service_area", "amount")
    )
    sql, params = inner.query.sql_with_params()
    return Part(
        f"SELECT r.rollup_month::date, r.supplier_slug, r.service_area, r.amount, 1 FROM ({sql}) AS r",  # noqa: S608
        list(params),
    )


def _supplier_conditions(filters: dict) -> tuple[list[str], list]:
    from transparency.models import Supplier

    conditions, params = [], []
    if filters.get("service_area"):
        conditions.append("service_area = %s")
        params.append(filters["service_area"])
    if filters.get("supplier"):
        conditions.append("supplier_slug = %s")
        params.append(filters["supplier"])
    if filters.get("q"):
        from transparency.filters import clean_text

        text = clean_text(filters["q"])
        if text:
            sub, sub_params = Supplier.objects.filter(name__icontains=text).values("slug").query.sql_with_params()
            conditions.append(f"supplier_slug IN ({sub})")
            params.extend(sub_params)
    return conditions, params


def _first_of_next_month(day: datetime.date) -> datetime.date:
    return (day.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)


def monthly_parts(records: QuerySet, filters: dict) -> list[Part] | None:
    """Whole months from the monthly view; the days of months a date range cuts, from the records."""
    start, end = filters.get("date_from"), filters.get("date_to")
    # Whole months run from first_full (inclusive) to after_full (exclusive).
    first_full = None if start is None else (start if start.day == 1 else _first_of_next_month(start))
    after_full = None
    if end is not None:
        ends_its_month = _first_of_next_month(end) - datetime.timedelta(days=1) == end
        after_full = _first_of_next_month(end) if ends_its_month else end.replace(day=1)
    if first_full is not None and after_full is not None and first_full >= after_full:
        return None  # no whole month: the records alone are quicker
    conditions, params = _supplier_conditions(filters)
    if first_full is not None:
        conditions.append("month >= %s")
        params.append(first_full)
    if after_full is not None:
        conditions.append("month < %s")
        params.append(after_full)
    where = f"WHERE {' AND '.join(conditions)}" if conditions else ""
    parts = [Part(f"SELECT month, supplier_slug, service_area, total, n FROM {MONTHLY} {where}", params)]  # noqa: S608
    edges = Q()
    if start is not None and first_full != start:
        edges |= Q(payment_date__lt=first_full)  # the days of the month the range starts in
    if end is not None and after_full <= end:
        edges |= Q(payment_date__gte=after_full)  # the days of the month the range ends in
    if edges:
        parts.append(_records_part(records, edges))
    return parts


def banded_parts(records: QuerySet, filters: dict) -> list[Part] | None:
    """Whole amount bands from the banded views; the bands an amount range cuts, from the records."""
    low, high = filters.get("amount_min"), filters.get("amount_max")
    # Whole bands run from first (inclusive) to last (inclusive).
    first = 0
    if low is not None:
        first = band_of(low)
        if not (first > 0 and BOUNDARIES[first - 1] == low):
            first += 1  # low is inside its band: that band is cut
    last = len(BOUNDARIES)
    if high is not None:
        last = band_of(high) - 1  # high's own band is cut (an amount above high could be in it)
    if first > last:
        return None
    parts = [
        Part(
            f"SELECT month, NULL, service_area, total, n FROM {BANDED} WHERE band BETWEEN %s AND %s",  # noqa: S608
            [first, last],
            counts="no-supplier",
        ),
        Part(
            f"SELECT NULL::date, supplier_slug, NULL, total, n FROM {BANDED_SUPPLIER} WHERE band BETWEEN %s AND %s",  # noqa: S608
            [first, last],
            counts="supplier-only",
        ),
    ]
    edges = Q()
    if first > 0:
        edges |= Q(amount__lt=BOUNDARIES[first - 1])
    if last < len(BOUNDARIES):
        edges |= Q(amount__gte=BOUNDARIES[last])
    if edges:
        parts.append(_records_part(records, edges))
    return parts


def summary_parts(records: QuerySet, filters: dict, current: bool) -> list[Part]:
    """The cheapest correct sources for a filtered summary: rolled-up totals where the filters allow and
    they are `current` (they have seen every record), else the records."""
    active = {name for name, value in filters.items() if value not in (None, "")}
    parts = None
    if current and active <= MONTHLY_FILTERS:
        parts = monthly_parts(records, filters)
    elif current and active and active <= AMOUNT_FILTERS:
        parts = banded_parts(records, filters)
    return parts or [_records_part(records)]


def summary_sql(parts: list[Part]) -> tuple[str, list]:
    """One pass over the parts: the total, and the totals by month, by supplier and by service area.

    Each row gives the level (GROUPING() bits: 4 month rolled up, 2 supplier, 1 service area), the
    group, and two sums: over the rows that count towards totals, months and service areas, and
    over those that count towards suppliers.
    """
    unions, params = [], []
    for part in parts:
        unions.append(f"SELECT p.*, %s FROM ({part.sql}) AS p(month, supplier_slug, service_area, amount, n)")  # noqa: S608
        params.extend([part.counts, *part.params])
    sql = f"""
    SELECT GROUPING(s.month, s.supplier_slug, s.service_area), s.month, s.supplier_slug, s.service_area,
           SUM(s.amount) FILTER (WHERE s.counts <> 'supplier-only'),
           SUM(s.n) FILTER (WHERE s.counts <> 'supplier-only'),
           SUM(s.amount) FILTER (WHERE s.counts <> 'no-supplier')
    FROM ({" UNION ALL ".join(unions)}) AS s(month, supplier_slug, service_area, amount, n, counts)
    GROUP BY GROUPING SETS ((), (s.month), (s.supplier_slug), (s.service_area))
    """  # noqa: S608 (the parts are SQL we or the ORM built; values go as parameters)
    return sql, params
