"""Quarter presets on the spending explorer: the last four quarters of the data, one click each."""

import datetime
import html
from decimal import Decimal

import pytest
from django.urls import reverse

from tests.transparency.factories import SpendingRecordFactory
from transparency.services import spending_facets_refresh

pytestmark = pytest.mark.django_db


@pytest.fixture
def spending():
    for day, amount, area in [
        (datetime.date(2026, 2, 10), "700", "Adult Social Services"),
        (datetime.date(2026, 4, 3), "1000", "Adult Social Services"),
        (datetime.date(2026, 6, 30), "3000", "Adult Social Services"),
        (datetime.date(2026, 5, 14), "900", "Highways"),
    ]:
        SpendingRecordFactory(amount=Decimal(amount), payment_date=day, service_area=area)
    spending_facets_refresh()


def _quarter_links(page: str) -> dict[str, str]:
    import re

    return {
        label: html.unescape(href)
        for href, label in re.findall(r'<a class="govuk-link" href="(\?[^"]*date_from[^"]*)"[^>]*>([^<]+)</a>', page)
    }


def test_the_last_four_quarters_of_the_data_are_offered_newest_first(client, spending):
    page = client.get(reverse("transparency:spending")).content.decode()
    assert list(_quarter_links(page)) == [
        "April to June 2026",
        "January to March 2026",
        "October to December 2025",
        "July to September 2025",
    ]


def test_a_quarter_link_filters_to_that_quarter_and_keeps_the_other_filters(client, spending):
    page = client.get(reverse("transparency:spending"), {"service_area": "Adult Social Services", "page": "2"})
    link = _quarter_links(page.content.decode())["April to June 2026"]
    assert "date_from=01%2F04%2F2026" in link and "date_to=30%2F06%2F2026" in link
    assert "service_area=Adult+Social+Services" in link and "page=" not in link
    chosen = client.get(reverse("transparency:spending") + link).content.decode()
    assert "£4,000" in chosen  # 1,000 + 3,000 in the quarter; Highways and February left out
    assert 'aria-current="true">April to June 2026</a>' in chosen


def test_no_quarters_are_offered_before_any_spending_is_published(client, db):
    page = client.get(reverse("transparency:spending")).content.decode()
    assert "Quarters" not in page
