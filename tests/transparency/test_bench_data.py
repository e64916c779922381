"""The bench data set: spending loaded with COPY, indexes rebuilt, the explorer working on it."""

import io

import pytest
from django.urls import reverse

from devtools.demo.transparency import seed_bench_spending
from transparency.models import SpendingFacet, SpendingRecord, Supplier

pytestmark = pytest.mark.django_db


def test_bench_spending_is_loaded_in_bulk_and_explorable(client, reference_data):
    out = io.StringIO()

    seed_bench_spending(out, 2_000)

    assert SpendingRecord.objects.count() == 2_000
    assert SpendingRecord.objects.filter(amount__lt=0).exists()  # credit notes
    assert SpendingRecord.objects.exclude(place=None).exists()
    assert SpendingFacet.objects.filter(kind="service_area").count() == 12
    assert Supplier.objects.count() > 100
    assert "2,000 spending records" in out.getvalue()
    area = SpendingFacet.objects.filter(kind="service_area").first().value
    assert client.get(reverse("transparency:spending"), {"service_area": area}).status_code == 200
