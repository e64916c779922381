"""A month with no records is a gap in the spending chart and "no data" in its table, not a month of £0."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from localism.charts import month_chart, months_with_gaps

pytestmark = pytest.mark.django_db


def test_a_month_without_records_is_a_gap_in_the_chart_and_says_no_data_in_the_table(client, spending_with_a_gap):
    html = client.get(reverse("transparency:spending")).content.decode()

    assert "May 2026: no data" in html
    assert 'class="localism-chart__gap"' in html
    assert '<th scope="row" class="govuk-table__header">May 2026</th>' in html
    assert "No data" in html
    assert "May 2026: £0" not in html


def test_months_with_gaps_keeps_gaps_as_none_not_zero():
    rows = [(datetime.date(2025, 11, 1), Decimal("5")), (datetime.date(2026, 2, 1), Decimal("7"))]

    assert months_with_gaps(rows) == [
        (datetime.date(2025, 11, 1), Decimal("5")),
        (datetime.date(2025, 12, 1), None),
        (datetime.date(2026, 1, 1), None),
        (datetime.date(2026, 2, 1), Decimal("7")),
    ]


def test_a_gap_month_draws_no_column():
    chart = month_chart([(datetime.date(2026, 4, 1), Decimal("10")), (datetime.date(2026, 6, 1), Decimal("5"))])

    gap = chart["columns"][1]
    assert gap.has_data is False and gap.height == 0
    assert gap.value_text == "May 2026: no data"
