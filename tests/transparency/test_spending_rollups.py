"""The rolled-up spending totals give exactly the figures the records give, for every filter they serve."""

import datetime
import random
from decimal import Decimal

import pytest
from django.db import connection
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.transparency.factories import SpendingRecordFactory
from transparency import rollups
from transparency.filters import SpendingFilterForm, spending_facets
from transparency.models import SpendingRecord
from transparency.selectors import spending_summary
from transparency.services import spending_facets_refresh

pytestmark = pytest.mark.django_db

SUPPLIERS = ["Anglian Highways Ltd", "Broadland Care Ltd", "Coastal Buses Ltd", "Wensum Catering CIC"]
AREAS = ["Adult Social Care", "Highways", "Libraries", ""]


@pytest.fixture
def records():
    chance = random.Random(20261122)
    amounts = [
        Decimal("-250.00"), Decimal("0.50"), Decimal("1.00"), Decimal("499.99"), Decimal("500.00"),
        Decimal("1100.00"), Decimal("1234.56"), Decimal("5000.00"), Decimal("5000.01"), Decimal("98765.43"),
    ]  # fmt: skip
    for n in range(160):
        SpendingRecordFactory(
            beneficiary_name=chance.choice(SUPPLIERS),
            service_area=chance.choice(AREAS),
            payment_date=datetime.date(2025, 1, 1) + datetime.timedelta(days=chance.randrange(0, 200)),
            amount=amounts[n % len(amounts)] + Decimal(chance.randrange(0, 3)),
            transaction_number=f"T{n}",
        )
    spending_facets_refresh()


def _figures(query: str, *, rollups_current: bool):
    form = SpendingFilterForm(QueryDict(query), facets=spending_facets())
    records = form.filter(SpendingRecord.objects.all())
    assert form.is_valid(), form.errors
    filters = {k: v for k, v in form.cleaned_data.items() if v not in (None, "")}
    with CaptureQueriesContext(connection) as queries:
        summary = spending_summary(records, filters, rollups_current=rollups_current)
    used_views = any(rollups.MONTHLY in q["sql"] or rollups.BANDED in q["sql"] for q in queries.captured_queries)
    figures = (
        summary.total,
        summary.count,
        summary.by_month,
        sorted(summary.top_suppliers),
        sorted(summary.by_service_area),
    )
    return figures, used_views


INSIDE_ONE_MONTH_OR_BAND = {
    "amount_max=0.99",
    "date_from=03/03/2025&date_to=28/03/2025",
    "amount_min=1230&amount_max=1240",
}


@pytest.mark.parametrize(
    "query",
    [
        "",
        "date_from=01/02/2025",
        "date_from=14/02/2025",
        "date_to=31/03/2025",
        "date_to=17/03/2025",
        "date_from=01/02/2025&date_to=30/04/2025",
        "date_from=10/02/2025&date_to=20/05/2025",
        "date_from=03/03/2025&date_to=28/03/2025",
        "service_area=Highways",
        "service_area=Libraries&date_from=15/01/2025",
        "supplier=coastal-buses-ltd",
        "q=care",
        "q=ltd&date_to=15/06/2025",
        "amount_min=500",
        "amount_min=500.01",
        "amount_min=1100&amount_max=5000",
        "amount_min=1150&amount_max=5000.01",
        "amount_max=0.99",
        "amount_min=-300&amount_max=2",
        "amount_min=5000",
        "amount_min=1230&amount_max=1240",
    ],
)
def test_rolled_up_figures_equal_the_records_figures(records, query):
    from_records, _ = _figures(query, rollups_current=False)
    from_rollups, used_views = _figures(query, rollups_current=True)

    assert from_rollups == from_records
    assert from_records[1] > 0
    # The rolled-up totals serve each of these (so this compares two ways), except a range inside
    # one month or one amount band, which the records answer more quickly.
    assert used_views == (query not in INSIDE_ONE_MONTH_OR_BAND), "the rolled-up totals were not used as expected"


def test_filters_the_rollups_do_not_serve_still_count_every_record(records):
    from_records, _ = _figures("amount_min=500&date_from=01/02/2025", rollups_current=False)
    combined, used_views = _figures("amount_min=500&date_from=01/02/2025", rollups_current=True)

    assert combined == from_records and not used_views


def test_records_added_since_the_last_refresh_are_counted_at_once(client, records):
    before = client.get(reverse("transparency:spending")).context["summary"]
    SpendingRecordFactory(
        amount=Decimal("1000000.00"), transaction_number="late", payment_date=datetime.date(2025, 3, 3)
    )

    after = client.get(reverse("transparency:spending")).context["summary"]

    assert after.total == before.total + Decimal("1000000.00")
    assert after.count == before.count + 1


def test_band_boundaries_agree_between_python_and_postgresql():
    probes = [Decimal("-5"), Decimal("0"), Decimal("0.99"), *rollups.BOUNDARIES, Decimal("1234.56"), Decimal("1e10")]
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT width_bucket(x, %s::numeric[]) FROM unnest(%s::numeric[]) AS x",
            [rollups.BOUNDARIES, probes],
        )
        in_sql = [row[0] for row in cursor.fetchall()]
    assert in_sql == [rollups.band_of(probe) for probe in probes]
