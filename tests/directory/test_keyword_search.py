"""Searching the directory by keywords alone: best match first, the true total, only what the public sees."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from directory import services
from directory.freshness import hide_stale_listings
from directory.models import Listing, ListingSearchEntry, Organisation
from tests.directory.factories import ListingFactory, LocationFactory, OrganisationFactory, TaxonomyTermFactory
from tests.directory.test_search import result_names

pytestmark = pytest.mark.django_db


def search(client, text: str, **more):
    return client.get(reverse("directory:search"), {"q": text, **more})


def total(response) -> int:
    found = re.search(r'id="results-heading">(\d+) results?<', response.content.decode())
    assert found is not None, "no total on the page"
    return int(found.group(1))


def test_names_come_first_then_categories_then_descriptions_each_group_in_name_order(client):
    walking = TaxonomyTermFactory(name="Walking")
    ListingFactory(name="Riverside rambles", description="Walks walking walkers, walk with us.")
    ListingFactory(name="Coffee morning", description="Some of us go walking afterwards.")
    ListingFactory(name="Tuesday strollers", categories=[walking])
    ListingFactory(name="Nordic walking")
    ListingFactory(name="Buggy walks")
    ListingFactory(name="Knitting circle")

    response = search(client, "walks")

    # A description that says the word five times does not climb above one that says it once.
    assert result_names(response) == [
        "Buggy walks",
        "Nordic walking",
        "Tuesday strollers",
        "Coffee morning",
        "Riverside rambles",
    ]
    assert total(response) == 5


def test_a_listing_named_with_both_words_comes_before_one_that_only_mentions_them(client):
    ListingFactory(name="Adult learning", description="A support group for carers.")
    ListingFactory(name="Carers support group")

    assert result_names(search(client, "support group")) == ["Carers support group", "Adult learning"]


def test_pages_run_on_from_one_group_to_the_next_and_show_the_true_total(client):
    for n in range(15):
        ListingFactory(name=f"Choir {n:02d}")
    for n in range(10):
        ListingFactory(name=f"Band {n:02d}", description="Like a choir, with instruments.")
    ListingFactory(name="Knitting")

    first, second = search(client, "choir"), search(client, "choir", page="2")
    beyond = search(client, "choir", page="9")

    assert result_names(first) == [f"Choir {n:02d}" for n in range(15)] + [f"Band {n:02d}" for n in range(5)]
    assert result_names(second) == [f"Band {n:02d}" for n in range(5, 10)]
    assert result_names(beyond) == result_names(second)
    assert total(first) == total(second) == total(beyond) == 25


@pytest.mark.parametrize("text", ["lunch", "lunch club", "lunch -bingo", '"lunch club"', "lunch or supper"])
def test_only_listings_the_public_sees_are_found_or_counted(client, text):
    ListingFactory(name="Public lunch club")
    hidden = [
        ListingFactory(name="Draft lunch club", status=Listing.Status.DRAFT),
        ListingFactory(name="Pending lunch club", status=Listing.Status.PENDING),
        ListingFactory(name="Rejected lunch club", status=Listing.Status.REJECTED),
        ListingFactory(name="Archived lunch club", status=Listing.Status.ARCHIVED),
        ListingFactory(name="Stale lunch club", is_hidden_as_stale=True),
        ListingFactory(
            name="Unverified lunch club", organisation=OrganisationFactory(status=Organisation.Status.PENDING)
        ),
        ListingFactory(
            name="Suspended lunch club", organisation=OrganisationFactory(status=Organisation.Status.SUSPENDED)
        ),
    ]
    ListingFactory(name="Proposed lunch club", status=Listing.Status.PENDING, edit_of=hidden[0])

    response = search(client, text)

    assert result_names(response) == ["Public lunch club"]
    assert total(response) == 1
    site = client.get(reverse("localism:search"), {"q": text}).content.decode()
    assert "Public lunch club" in site
    assert not [listing.name for listing in hidden if listing.name in site]


def test_a_listing_taken_down_or_hidden_drops_out_at_once_and_comes_back_when_public_again(
    client, organisation, group_owner, moderator
):
    listing = ListingFactory(organisation=organisation, name="Memory café")
    ListingFactory(name="Memory walk")

    def found():
        response = search(client, "memory")
        return result_names(response), total(response)

    assert found() == (["Memory café", "Memory walk"], 2)

    services.organisation_suspend(organisation=organisation, by=moderator, reason="Complaints")
    assert found() == (["Memory walk"], 1)
    services.organisation_verify(organisation=organisation, by=moderator)
    assert found() == (["Memory café", "Memory walk"], 2)

    Listing.objects.filter(pk=listing.pk).update(last_confirmed_at=timezone.now() - datetime.timedelta(days=500))
    hide_stale_listings(today=timezone.localdate())
    assert found() == (["Memory walk"], 1)
    services.listing_confirm_current(listing=Listing.objects.get(pk=listing.pk), by=group_owner)
    assert found() == (["Memory café", "Memory walk"], 2)

    services.listing_archive(listing=Listing.objects.get(pk=listing.pk), by=group_owner)
    assert found() == (["Memory walk"], 1)


def test_an_approved_edit_is_found_by_its_new_words_at_once_and_no_longer_by_the_old(
    client, organisation, group_owner, moderator
):
    listing = ListingFactory(organisation=organisation, name="Memory café")
    LocationFactory(listing=listing)
    edit = services.listing_start_edit(listing=listing, by=group_owner)
    content = services.listing_content(edit)
    content.fields["name"] = "Dementia friendly tea room"
    services.listing_update(listing=edit, content=content, by=group_owner)
    services.listing_submit(listing=edit, by=group_owner)

    # Until staff approve, the public finds the published words only.
    assert result_names(search(client, "café")) == ["Memory café"]
    assert result_names(search(client, "tea room")) == []

    services.listing_approve(listing=Listing.objects.get(pk=edit.pk), by=moderator)

    assert result_names(search(client, "café")) == []
    assert total(search(client, "café")) == 0
    assert result_names(search(client, "tea room")) == ["Dementia friendly tea room"]
    assert total(search(client, "tea")) == 1


def test_a_new_listing_is_found_once_approved_and_not_before(client, organisation, group_owner, moderator):
    draft = ListingFactory(organisation=organisation, name="Lunch club", status=Listing.Status.DRAFT)
    LocationFactory(listing=draft)
    services.listing_submit(listing=draft, by=group_owner)
    assert total(search(client, "lunch")) == 0

    services.listing_approve(listing=Listing.objects.get(pk=draft.pk), by=moderator)

    assert result_names(search(client, "lunch")) == ["Lunch club"]
    assert total(search(client, "lunch")) == 1


def test_the_search_entries_are_exactly_the_listings_the_public_sees(organisation, group_owner, moderator):
    kept = ListingFactory(organisation=organisation, name="Kept")
    archived = ListingFactory(organisation=organisation, name="Archived")
    ListingFactory(name="Draft", status=Listing.Status.DRAFT)
    ListingFactory(name="Unverified", organisation=OrganisationFactory(status=Organisation.Status.PENDING))
    services.listing_archive(listing=archived, by=group_owner)
    services.listing_start_edit(listing=kept, by=group_owner)

    assert set(ListingSearchEntry.objects.values_list("listing_id", flat=True)) == set(
        Listing.objects.published().values_list("pk", flat=True)
    )


def test_a_keyword_search_runs_a_fixed_number_of_queries(client, django_assert_num_queries):
    def add_listings(n):
        for i in range(n):
            ListingFactory(name=f"Support group {i}")
            ListingFactory(name=f"Club {i}", description="Peer support.")

    add_listings(2)
    # The categories and the places (the form's choices), the total, and the page with its columns.
    with django_assert_num_queries(4):
        few = search(client, "support")
    add_listings(20)
    for text in ("support", "support group"):
        with django_assert_num_queries(4):
            many = search(client, text)
    assert len(result_names(few)) == 4 and len(result_names(many)) == 20


@pytest.mark.parametrize(
    "text",
    [
        "support group lunch zebra quux",
        '"support group',
        "support -group",
        "-support",
        "support | group & !lunch",
        "supp:*",
        "'; DROP TABLE directory_listing; --",
        "it's a \\ backslash",
        "(((support)))",
        "or and not",
    ],
)
def test_any_keywords_give_a_page_whose_total_matches_its_results(client, text):
    ListingFactory(name="Carers support group")
    ListingFactory(name="Peer support")
    ListingFactory(name="Lunch club", description="A support group over lunch.")

    response = search(client, text)

    assert response.status_code == 200
    assert total(response) == len(result_names(response))
    assert Listing.objects.count() == 3
