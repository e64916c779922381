"""The Open Referral UK 3.0 API: every response is validated against the ORUK profile's schemas."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from directory.models import Listing, Organisation
from tests.directory.factories import (
    CostOptionFactory,
    ListingFactory,
    LocationFactory,
    OrganisationFactory,
    ScheduleFactory,
    TaxonomyTermFactory,
)
from tests.directory.oruk import get, validate
from tests.downloads import downloaded_json
from tests.factories import PlaceFactory, PostcodeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def full_listing(db):
    parent = TaxonomyTermFactory(name="Health")
    term = TaxonomyTermFactory(name="Exercise", parent=parent, taxonomy=parent.taxonomy)
    listing = ListingFactory(
        name="Walking football",
        minimum_age=50,
        maximum_age=90,
        eligibility="Over 50s",
        languages=["en", "pl"],
        phone="01603 000000",
        email="hello@example.org",
        contact_name="Pat",
        url="https://example.org/walking",
        categories=[term],
    )
    listing.service_areas.set([PlaceFactory(name="Norwich")])
    LocationFactory(listing=listing, accessibility="Step-free")
    ScheduleFactory(listing=listing, byday="FR", opens_at=datetime.time(10), closes_at=datetime.time(11, 30))
    ScheduleFactory(
        listing=listing, kind="closed", freq="", byday="", opens_at=None, closes_at=None, closed_on_bank_holidays=True
    )
    CostOptionFactory(listing=listing)
    return listing


def test_the_root_says_version_profile_and_where_the_openapi_document_is(client):
    data = get(client, reverse("oruk:root"))

    validate(data, reverse("localism:home"))
    assert data["version"] == "3.0"
    assert data["openapi_url"].endswith(reverse("oruk:openapi"))


def test_a_service_is_fully_nested_and_valid(client, full_listing):
    data = get(client, reverse("oruk:service_detail", kwargs={"pk": full_listing.pk}))

    validate(data, "/services/{id}")
    assert data["organization"]["name"] == full_listing.organisation.name
    assert data["service_at_locations"][0]["location"]["addresses"][0]["postal_code"] == "NR2 1AB"
    assert {s.get("byday") for s in data["schedules"]} == {"FR", None}
    assert [language["code"] for language in data["languages"]] == ["en", "pl"]
    assert data["phones"][0]["number"] == "01603 000000"
    assert data["contacts"][0]["name"] == "Pat"
    assert data["service_areas"][0]["name"] == "Norwich"
    assert data["attributes"][0]["taxonomy_term"]["name"] == "Exercise"
    assert data["cost_options"][0]["currency"] == "GBP"
    assert data["assured_date"] == timezone.localdate(full_listing.last_confirmed_at).isoformat()


def test_the_assured_date_is_the_day_in_london_the_listing_was_confirmed(client):
    """Confirmed half an hour after midnight in British Summer Time, 23:30 the day before in UTC: the API and
    the download both give the day in London."""
    today = timezone.localdate()
    year = today.year if (today.month, today.day) > (7, 11) else today.year - 1  # the last 11 July: never stale
    confirmed = datetime.datetime(year, 7, 10, 23, 30, tzinfo=datetime.UTC)
    listing = ListingFactory(name="Midnight walkers", last_confirmed_at=confirmed, published_at=confirmed)

    data = get(client, reverse("oruk:service_detail", kwargs={"pk": listing.pk}))
    validate(data, "/services/{id}")
    assert data["assured_date"] == f"{year}-07-11"
    download = client.get(reverse("directory:search_json"), {"q": "midnight"})
    rows = downloaded_json(download)["listings"]
    assert [row["assured_date"] for row in rows] == [f"{year}-07-11"]


def test_ids_of_derived_objects_are_stable(client, full_listing):
    first = get(client, reverse("oruk:service_detail", kwargs={"pk": full_listing.pk}))
    second = get(client, reverse("oruk:service_detail", kwargs={"pk": full_listing.pk}))

    assert first["languages"][0]["id"] == second["languages"][0]["id"]
    assert first["phones"][0]["id"] == second["phones"][0]["id"]


def test_services_are_paged_from_one(client, full_listing, django_assert_max_num_queries):
    for n in range(24):
        LocationFactory(listing=ListingFactory(name=f"Club {n:02d}"))

    with django_assert_max_num_queries(10):
        data = get(client, reverse("oruk:services") + "?page=2&per_page=10")

    validate(data, "/services")
    assert (data["total_items"], data["total_pages"], data["page_number"], data["size"]) == (25, 3, 2, 10)
    assert (data["first_page"], data["last_page"], data["empty"]) == (False, False, False)
    last = get(client, reverse("oruk:services") + "?page=3&per_page=10")
    assert (last["last_page"], last["size"]) == (True, 5)
    beyond = get(client, reverse("oruk:services") + "?page=9&per_page=10")
    assert beyond["empty"] is True
    validate(beyond, "/services")


def test_services_filter_by_search_taxonomy_age_and_time(client, full_listing):
    other = ListingFactory(name="Toddler group", minimum_age=0, maximum_age=4)
    ScheduleFactory(listing=other, byday="MO", opens_at=datetime.time(9), closes_at=datetime.time(10))
    from directory.services import listing_refresh_search

    listing_refresh_search()
    term = full_listing.categories.get()

    def names(query):
        return [s["name"] for s in get(client, reverse("oruk:services") + f"?{query}")["contents"]]

    assert names("search=football") == ["Walking football"]
    assert names(f"taxonomy_term_id={term.pk}") == ["Walking football"]
    assert names(f"taxonomy_term_id={term.parent_id}") == ["Walking football"]
    assert names(f"taxonomy_id={term.taxonomy_id}") == ["Walking football"]
    assert names("minimum_age=60") == ["Walking football"]
    assert names("maximum_age=3") == ["Toddler group"]
    assert names("day=MO") == ["Toddler group"]
    assert names("day=FR&start_time=11:00") == ["Walking football"]
    assert names("day=FR&start_time=12:00") == []


def test_the_time_filter_reads_times_as_people_type_them(client, full_listing):
    from directory.services import listing_refresh_search

    listing_refresh_search()

    def names(query):
        return [s["name"] for s in get(client, reverse("oruk:services") + f"?{query}")["contents"]]

    assert names("day=FR&start_time=11am") == names("day=FR&start_time=11:00") == ["Walking football"]
    assert names("day=FR&start_time=noon") == names("day=FR&start_time=12:00") == []


@pytest.mark.parametrize(
    ("query", "parameter"),
    [
        ("page=abc", "page"),
        ("page=0", "page"),
        ("per_page=100000", "per_page"),
        ("taxonomy_id=nope", "taxonomy_id"),
        ("minimum_age=-1", "minimum_age"),
        ("day=Funday", "day"),
        ("start_time=25:99", "start_time"),
        ("start_time=teatime", "start_time"),
        ("search=" + "x" * 300, "search"),
        ("search=%00", "search"),
    ],
)
def test_bad_parameters_give_400_json_saying_which(client, query, parameter):
    data = get(client, reverse("oruk:services") + f"?{query}", status=400)

    validate(data, "error")
    assert data["parameter"] == parameter


@pytest.mark.parametrize(
    "path",
    [
        "services/00000000-0000-0000-0000-000000000000",
        "services/not-a-uuid",
        "service_at_locations/00000000-0000-0000-0000-000000000000",
        "taxonomies/00000000-0000-0000-0000-000000000000",
        "taxonomy_terms/abc",
        "organizations/00000000-0000-0000-0000-000000000000",
    ],
)
def test_unknown_ids_give_404_json(client, path):
    validate(get(client, f"/api/oruk/{path}", status=404), "error")


def test_drafts_and_unverified_organisations_are_not_served(client):
    draft = ListingFactory(status=Listing.Status.DRAFT)
    hidden_org = OrganisationFactory(status=Organisation.Status.PENDING)
    ListingFactory(organisation=hidden_org)

    assert get(client, reverse("oruk:services"))["total_items"] == 0
    get(client, reverse("oruk:service_detail", kwargs={"pk": draft.pk}), status=404)
    get(client, reverse("oruk:organization_detail", kwargs={"pk": hidden_org.pk}), status=404)


def test_service_at_locations_near_a_postcode_within_a_proximity(client, django_assert_max_num_queries):
    PostcodeFactory()
    near = LocationFactory(listing=ListingFactory(name="Near"), latitude=52.6300, longitude=1.2860)
    LocationFactory(listing=ListingFactory(name="Cromer"), latitude=52.9310, longitude=1.3010)
    for n in range(10):
        LocationFactory(listing=ListingFactory(name=f"Also near {n}"), latitude=52.64, longitude=1.29)

    with django_assert_max_num_queries(12):
        data = get(client, reverse("oruk:service_at_locations") + "?postcode=nr21ab&proximity=8000")

    validate(data, "/service_at_locations")
    assert data["total_items"] == 11
    second = get(client, reverse("oruk:service_at_locations") + "?postcode=nr21ab&proximity=8000&per_page=10&page=2")
    assert (second["total_items"], second["total_pages"], second["size"], second["last_page"]) == (11, 2, 1, True)
    beyond = get(client, reverse("oruk:service_at_locations") + "?postcode=nr21ab&proximity=8000&per_page=10&page=3")
    assert (beyond["total_items"], beyond["size"], beyond["empty"]) == (11, 0, True)
    assert data["contents"][0]["service"]["name"] == "Near"
    assert data["contents"][0]["distance"] < 100
    one = get(client, reverse("oruk:service_at_location_detail", kwargs={"pk": near.service_at_location_id}))
    validate(one, "/service_at_locations/{id}")


def test_service_at_locations_leave_out_venues_of_listings_residents_do_not_see(client):
    PostcodeFactory()
    public = LocationFactory(listing=ListingFactory(name="Public"))
    for status in (Listing.Status.DRAFT, Listing.Status.PENDING, Listing.Status.ARCHIVED, Listing.Status.REJECTED):
        LocationFactory(listing=ListingFactory(name=status, status=status))
    LocationFactory(listing=ListingFactory(name="Out of date", is_hidden_as_stale=True))
    for status in (Organisation.Status.PENDING, Organisation.Status.SUSPENDED):
        LocationFactory(listing=ListingFactory(name=status, organisation=OrganisationFactory(status=status)))

    for query in ("", "?postcode=NR2+1AB&proximity=1000", "?search=public&postcode=NR2+1AB"):
        data = get(client, f"/api/oruk/service_at_locations{query}")
        assert [item["id"] for item in data["contents"]] == [str(public.service_at_location_id)], query
        assert data["total_items"] == 1


@pytest.mark.parametrize(
    ("query", "parameter"),
    [("postcode=ZZ9+9ZZ", "postcode"), ("postcode=bad", "postcode"), ("proximity=5", "postcode")],
)
def test_a_bad_postcode_gives_400(client, query, parameter):
    assert get(client, reverse("oruk:service_at_locations") + f"?{query}", status=400)["parameter"] == parameter


def test_taxonomies_terms_and_organizations_are_valid(client, full_listing):
    term = full_listing.categories.get()

    validate(get(client, reverse("oruk:taxonomies")), "/taxonomies")
    validate(get(client, reverse("oruk:taxonomy_detail", kwargs={"pk": term.taxonomy_id})), "/taxonomies/{id}")
    terms = get(client, reverse("oruk:taxonomy_terms"))
    validate(terms, "/taxonomy_terms")
    assert terms["total_items"] == 2
    validate(get(client, reverse("oruk:taxonomy_term_detail", kwargs={"pk": term.pk})), "/taxonomy_terms/{id}")
    assert (
        get(client, reverse("oruk:taxonomy_terms") + f"?parent_id={term.parent_id}")["contents"][0]["name"]
        == "Exercise"
    )
    validate(get(client, reverse("oruk:organizations")), "/organizations")
    validate(
        get(client, reverse("oruk:organization_detail", kwargs={"pk": full_listing.organisation_id})),
        "/organizations/{id}",
    )


@pytest.mark.parametrize("text", ['"', "-", "🙂 café", "a | b & !c", "(((", "or"])
def test_any_search_text_is_answered(client, text):
    ListingFactory(name="Walking football")

    validate(get(client, reverse("oruk:services") + f"?search={text}"), "/services")


def test_the_api_refuses_writes(client):
    response = client.post(reverse("oruk:services"), {})

    assert response.status_code == 405


def test_services_and_organizations_are_in_name_order_capitals_and_small_letters_together(client):
    for name in ("Zebra club", "mind club", "art club"):
        ListingFactory(name=name, organisation=OrganisationFactory(name=name.replace("club", "trust")))

    services = get(client, reverse("oruk:services"))
    organizations = get(client, reverse("oruk:organizations"))

    assert [s["name"] for s in services["contents"]] == ["art club", "mind club", "Zebra club"]
    assert [o["name"] for o in organizations["contents"]] == ["art trust", "mind trust", "Zebra trust"]
    validate(services, "/services")
    validate(organizations, "/organizations")
