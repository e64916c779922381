"""The list with its filters, a petition's page in a fixed number of queries, the feed, search and place pages."""

import pytest
from django.test import Client
from django.urls import reverse

from localism.models import Council, Place
from petitions.models import Petition, PetitionScheme
from petitions.services import paper_sheet_add, petition_sign
from tests.clients import signed_in
from tests.factories import UserFactory
from tests.petitions.factories import PetitionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def petitions(scheme, postcodes):
    norwich_council = Council.objects.get(slug="norwich-city-council")
    PetitionScheme.objects.create(council=norwich_council, signatures_for_petition=10, signatures_for_debate=1000)
    return {
        "county": PetitionFactory(title="Keep mobile libraries running"),
        "city": PetitionFactory(title="Weekly food waste collections", council=norwich_council),
        "closed": PetitionFactory(title="Reopen the Holt road depot", status=Petition.Status.CLOSED),
        "draft": PetitionFactory(title="A draft nobody sees", status=Petition.Status.DRAFT),
    }


def _titles(response) -> set[str]:
    page = response.content.decode()
    return {t for t in ("Keep mobile", "Weekly food", "Reopen the Holt", "A draft nobody") if t in page}


def test_the_list_shows_public_petitions_and_filters_by_status_council_and_district(client, petitions):
    norwich_council = Council.objects.get(slug="norwich-city-council")
    breckland = Place.objects.get(slug="breckland")

    assert _titles(client.get(reverse("petitions:list"))) == {"Keep mobile", "Weekly food", "Reopen the Holt"}
    assert _titles(client.get(reverse("petitions:list") + "?status=closed")) == {"Reopen the Holt"}
    assert _titles(client.get(reverse("petitions:list") + f"?council={norwich_council.pk}")) == {"Weekly food"}
    assert _titles(client.get(reverse("petitions:list") + f"?district={breckland.pk}")) == {
        "Keep mobile",
        "Reopen the Holt",
    }


def test_the_list_links_each_petition_to_its_page(client, petitions):
    page = client.get(reverse("petitions:list")).content.decode()

    for key in ("county", "city", "closed"):
        petition = petitions[key]
        assert f'<a class="govuk-link" href="{petition.get_absolute_url()}">{petition.title}</a>' in page


def test_a_filter_naming_nothing_is_explained_and_the_list_still_shows(client, petitions):
    response = client.get(reverse("petitions:list") + "?council=999999")

    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()


def _signed_in_page(petition, django_assert_max_num_queries):
    viewer = signed_in(UserFactory())
    with django_assert_max_num_queries(9):
        response = viewer.get(petition.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def test_a_petition_page_runs_the_same_queries_with_no_signatures_and_with_many(
    petitions, django_assert_max_num_queries, moderator
):
    petition = petitions["county"]
    _signed_in_page(petition, django_assert_max_num_queries)
    for index in range(30):
        petition_sign(
            petition=petition, user=UserFactory(), postcode=("NR2 1AB", "NR27 9AB")[index % 2], connection="live"
        )
    paper_sheet_add(
        petition=petition,
        district=Place.objects.get(slug="breckland"),
        signatures=12,
        sheet_date=petition.opened_at.date(),
        by=moderator,
    )

    page = _signed_in_page(petition, django_assert_max_num_queries)
    with django_assert_max_num_queries(4):
        Client().get(petition.get_absolute_url())

    assert '<dd class="govuk-summary-list__value" id="signature-count">42</dd>' in page
    for district in ("Breckland", "North Norfolk", "Norwich"):
        assert district in page


def test_the_feed_lists_public_petitions_only(client, petitions):
    feed = client.get(reverse("petitions:feed"))

    assert feed["Content-Type"].startswith("application/atom+xml")
    body = feed.content.decode()
    assert "Keep mobile libraries running" in body and "A draft nobody sees" not in body
    assert "(0 signatures)" in body


def test_the_feed_counts_one_signature_as_one(client, petitions):
    petition_sign(petition=petitions["county"], user=UserFactory(), postcode="NR2 1AB", connection="live")

    body = client.get(reverse("petitions:feed")).content.decode()
    assert "(1 signature)" in body


def test_site_search_and_place_pages_show_open_petitions(client, petitions):
    found = client.get(reverse("localism:search") + "?q=libraries").content.decode()
    place = client.get(reverse("localism:place_detail", kwargs={"slug": "cromer"})).content.decode()

    assert "Keep mobile libraries running" in found
    assert "Keep mobile libraries running" in place and "Weekly food waste collections" not in place
    assert "A draft nobody sees" not in found + place


def test_thousands_of_signatures_read_with_commas_wherever_a_petition_is_counted(client, petitions, moderator):
    petition = petitions["county"]
    for district, signatures in (("breckland", 1200), ("norwich", 2000)):
        paper_sheet_add(
            petition=petition,
            district=Place.objects.get(slug=district),
            signatures=signatures,
            sheet_date=petition.opened_at.date(),
            by=moderator,
        )

    page = client.get(petition.get_absolute_url()).content.decode()
    listed = client.get(reverse("petitions:list")).content.decode()
    place = client.get(reverse("localism:place_detail", kwargs={"slug": "cromer"})).content.decode()

    assert 'id="signature-count">3,200</dd>' in page
    assert "1,300 more signatures would trigger a debate at full council" in page
    assert "Debate at full council with 4,500 signatures" in page
    assert '<td class="govuk-table__cell govuk-table__cell--numeric">1,200</td>' in page  # Breckland's paper sheets
    assert "3,200 signatures · to Norfolk County Council" in listed
    assert "3,200 signatures · to Norfolk County Council" in place
