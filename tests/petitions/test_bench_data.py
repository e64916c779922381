"""The bench's petitions: one signed by many across the districts, and many open ones for the county list;
their pages read a fixed number of queries whatever the number of signatures."""

import io

import pytest
from django.urls import reverse

from devtools.demo import petitions as demo
from petitions.models import DistrictCount, Petition
from tests.petitions.factories import PetitionFactory
from tests.queries import queries_of

pytestmark = pytest.mark.django_db


def test_the_bench_petition_is_counted_by_district_and_its_pages_cost_the_same_at_any_size(
    client, scheme, monkeypatch
):
    def opened(title, action, background):
        return PetitionFactory(title=title, action=action, background=background)

    small = PetitionFactory(title="A small petition")
    monkeypatch.setitem(demo.BENCH_SIGNATURES, "small", 700)
    monkeypatch.setitem(demo.BENCH_PETITIONS, "small", 45)
    out = io.StringIO()

    demo.seed_bench(out, "small", opened=opened, postcodes=["NR2 1AB", "NR27 9AB"])

    petition = Petition.objects.get(title=demo.BENCH_PETITION_TITLE)
    assert petition.signature_count == 700 == petition.signatures.count()
    assert sum(DistrictCount.objects.filter(petition=petition).values_list("online", flat=True)) == 700
    assert Petition.objects.public().count() == 47
    page = client.get(petition.get_absolute_url()).content.decode()
    assert 'id="signature-count">700<' in page
    assert queries_of(client, petition.get_absolute_url()) == queries_of(client, small.get_absolute_url())
    assert "one with 700 signatures and 45 more" in out.getvalue()
    listing = reverse("petitions:list")
    with_the_bench = queries_of(client, listing)
    Petition.objects.filter(title__startswith="Bench petition").delete()
    assert queries_of(client, listing) == with_the_bench
