"""The spending charts are kept, rendered, in the shared cache under the key of the figures they draw: a
payment added since (an import) shows in them at once, and each view's charts are its own."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from tests.transparency.factories import SpendingRecordFactory
from transparency.services import spending_facets_refresh

pytestmark = pytest.mark.django_db


def _charts(html: str) -> str:
    """The part of the page the charts and their tables fill (before the page of payments)."""
    return html[html.index('id="charts"') : html.index('id="payments"')]


@pytest.fixture
def payments():
    for n, area in enumerate(["Highways", "Libraries", "Highways"]):
        SpendingRecordFactory(beneficiary_name=f"Supplier {n} Ltd", service_area=area, amount=Decimal("900.00"))
    spending_facets_refresh()


def test_a_payment_added_after_the_charts_were_kept_shows_in_them_at_once(client, payments):
    for url in (reverse("transparency:spending"), reverse("transparency:supplier_detail", args=["supplier-0-ltd"])):
        before = _charts(client.get(url).content.decode())
        assert "January 2020" not in before

    SpendingRecordFactory(
        beneficiary_name="Supplier 0 Ltd",
        service_area="Highways",
        amount=Decimal("7654321.00"),
        payment_date=datetime.date(2020, 1, 15),
    )

    for url in (reverse("transparency:spending"), reverse("transparency:supplier_detail", args=["supplier-0-ltd"])):
        after = _charts(client.get(url).content.decode())
        assert "January 2020" in after
        assert "£7,654,321" in after


def test_each_filtered_view_keeps_charts_of_its_own(client, payments):
    url = reverse("transparency:spending")
    highways = _charts(client.get(url, {"service_area": "Highways"}).content.decode())
    libraries = _charts(client.get(url, {"service_area": "Libraries"}).content.decode())

    assert "£1,800" in highways and "Supplier 1 Ltd" not in highways
    assert "Supplier 1 Ltd" in libraries and "£1,800" not in libraries
