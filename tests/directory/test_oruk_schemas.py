"""The Open Referral UK API against the profile's published schemas and OpenAPI document.

Every list is read on its first, a middle and its last page, with no filter and with each filter;
every object is read on its own; each response must validate against the published schema and
carry no null (an absent value is left out).
"""

import datetime
import json

import pytest
from django.urls import get_resolver

from directory.models import Listing, Location, Organisation, Taxonomy, TaxonomyTerm
from directory.oruk_schemas import EXTENSION_MARK, SCHEMA_DIR, VENDORED, published_openapi
from directory.services import listing_refresh_search
from tests.directory.factories import (
    CostOptionFactory,
    ListingFactory,
    LocationFactory,
    OrganisationFactory,
    ScheduleFactory,
    TaxonomyFactory,
    TaxonomyTermFactory,
)
from tests.directory.oruk import get, validate
from tests.factories import PlaceFactory, PostcodeFactory
from tests.vendored import SHARED_DATA, assert_identical_to_shared, assert_matches_recorded_sums

pytestmark = pytest.mark.django_db


def test_the_vendored_profile_is_the_published_one():
    assert_matches_recorded_sums(VENDORED)


def test_the_vendored_profile_is_byte_identical_to_the_shared_copy():
    assert_identical_to_shared(VENDORED, SHARED_DATA / "oruk-uk-profile")


@pytest.fixture
def directory_data(db):
    """Full listings that every filter finds (four of them: a first, middle and last page at one a page),
    sparse ones that leave every optional value out, and taxonomies with and without a URI."""
    PostcodeFactory(postcode="NR2 1AB", latitude=52.629423, longitude=1.285973)
    sport = TaxonomyTermFactory(name="Sport")
    for n in range(3):
        TaxonomyTermFactory(name=f"Sport {n}", parent=sport, taxonomy=sport.taxonomy)
    for n in range(3):
        TaxonomyFactory(name=f"Register {n}", uri="https://example.org/register" if n else "", version="")
    kinds = list(TaxonomyTerm.objects.filter(parent=sport))
    norwich = PlaceFactory(name="Norwich")
    for n in range(4):
        organisation = OrganisationFactory(
            name=f"Football group {n}",
            website="https://example.org/" if n % 2 else "",
            email="group@example.org" if n % 2 else "",
            charity_number="1051642" if n == 1 else "",
        )
        listing = ListingFactory(
            organisation=organisation,
            name=f"Walking football {n}",
            minimum_age=50,
            maximum_age=90,
            eligibility="Over 50s" if n % 2 else "",
            languages=["en", "pl"] if n % 2 else [],
            phone="01603 000000" if n % 2 else "",
            email="hello@example.org" if n % 2 else "",
            contact_name="Pat" if n % 2 else "",
            url="https://example.org/walking" if n % 2 else "",
            temporarily_closed=n == 3,
            closed_note="Closed while the pitch is relaid" if n == 3 else "",
            categories=[kinds[n % 3]],
        )
        if n % 2:
            listing.service_areas.set([norwich])
        LocationFactory(listing=listing, name="" if n % 2 else "Pavilion", accessibility="Step-free" if n % 2 else "")
        ScheduleFactory(listing=listing, byday="FR", opens_at=datetime.time(10), closes_at=datetime.time(11, 30))
        ScheduleFactory(
            listing=listing,
            kind="closed",
            freq="",
            byday="",
            opens_at=None,
            closes_at=None,
            closed_on_bank_holidays=bool(n % 2),
        )
        CostOptionFactory(listing=listing, amount="2.50" if n % 2 else None, amount_description="")
    for n in range(3):
        sparse = ListingFactory(name=f"Drop-in {n}", last_confirmed_at=None)
        LocationFactory(listing=sparse, latitude=52.931, longitude=1.301)
        ScheduleFactory(listing=sparse, freq="", byday="", opens_at=None, closes_at=None, description="By arrangement")
    listing_refresh_search()  # and the days each listing is open, as the services keep them
    return sport


SERVICE_FILTERS = {
    "no filter": lambda sport: "",
    "search": lambda sport: "search=football",
    "taxonomy_term_id": lambda sport: f"taxonomy_term_id={sport.pk}",
    "taxonomy_id": lambda sport: f"taxonomy_id={sport.taxonomy_id}",
    "minimum_age": lambda sport: "minimum_age=60",
    "maximum_age": lambda sport: "maximum_age=70",
    "day": lambda sport: "day=FR",
    "start_time": lambda sport: "start_time=10:30",
    "end_time": lambda sport: "end_time=11:00",
}
LOCATION_FILTERS = {
    "postcode": lambda sport: "postcode=NR2+1AB",
    "proximity": lambda sport: "postcode=NR2+1AB&proximity=2000",
}
TERM_FILTERS = {
    "no filter": lambda sport: "",
    "taxonomy_id": lambda sport: f"taxonomy_id={sport.taxonomy_id}",
    "parent_id": lambda sport: f"parent_id={sport.pk}",
}
LISTS = (
    [("/services", name, query) for name, query in SERVICE_FILTERS.items()]
    + [("/service_at_locations", name, query) for name, query in (SERVICE_FILTERS | LOCATION_FILTERS).items()]
    + [("/taxonomy_terms", name, query) for name, query in TERM_FILTERS.items()]
    + [
        ("/taxonomies", "no filter", SERVICE_FILTERS["no filter"]),
        ("/organizations", "no filter", SERVICE_FILTERS["no filter"]),
    ]
)


def nulls(value, where="$") -> list[str]:
    """Where a response sends null."""
    if value is None:
        return [where]
    if isinstance(value, dict):
        return [found for key, item in value.items() for found in nulls(item, f"{where}.{key}")]
    if isinstance(value, list):
        return [found for n, item in enumerate(value) for found in nulls(item, f"{where}[{n}]")]
    return []


@pytest.mark.parametrize(
    ("path", "query"), [(path, query) for path, _, query in LISTS], ids=[f"{p} {n}" for p, n, _ in LISTS]
)
def test_first_middle_and_last_pages_are_valid_with_and_without_each_filter(client, directory_data, path, query):
    url = f"/api/oruk{path}?per_page=1&{query(directory_data)}"
    first = get(client, f"{url}&page=1")
    last_page = first["total_pages"]
    assert last_page >= 3, "the data set must give a middle page"

    pages = [first, get(client, f"{url}&page={(1 + last_page) // 2}"), get(client, f"{url}&page={last_page}")]

    for page in pages:
        validate(page, path)
        assert nulls(page) == []
        assert page["size"] == 1
    assert [(p["first_page"], p["last_page"]) for p in pages] == [(True, False), (False, False), (False, True)]


def test_every_object_is_valid_on_its_own(client, directory_data):
    objects = {
        "/services/{id}": Listing.objects.published().values_list("pk", flat=True),
        "/service_at_locations/{id}": Location.objects.public().values_list("service_at_location_id", flat=True),
        "/organizations/{id}": Organisation.objects.values_list("pk", flat=True),
        "/taxonomies/{id}": Taxonomy.objects.values_list("pk", flat=True),
        "/taxonomy_terms/{id}": TaxonomyTerm.objects.values_list("pk", flat=True),
    }
    checked = 0
    for path, ids in objects.items():
        for pk in ids:
            data = get(client, "/api/oruk" + path.replace("{id}", str(pk)))
            validate(data, path)
            assert nulls(data) == [], path
            checked += 1

    assert checked == 7 + 7 + 7 + 4 + 4


def test_the_root_is_valid(client):
    data = get(client, "/api/oruk/")

    validate(data, "/")
    assert nulls(data) == []


def test_absent_values_are_left_out_where_the_profile_says_string(client, directory_data):
    """The values that a consumer's validator refused when they were sent as null."""
    sparse = Listing.objects.get(name="Drop-in 0")
    bare = Organisation.objects.get(name="Football group 0")
    no_uri = Taxonomy.objects.get(name="Register 0")

    service = get(client, f"/api/oruk/services/{sparse.pk}")
    organisation = get(client, f"/api/oruk/organizations/{bare.pk}")
    taxonomy = get(client, f"/api/oruk/taxonomies/{no_uri.pk}")

    assert not {"accreditations", "alert", "assurer_email", "email", "url", "minimum_age"} & set(service)
    assert "website" not in organisation and "email" not in organisation
    assert "uri" not in taxonomy and "version" not in taxonomy
    assert get(client, f"/api/oruk/services/{Listing.objects.get(name='Walking football 3').pk}")["alert"] == (
        "Closed while the pitch is relaid"
    )


def without_our_extensions(node):
    """The document less every x-localism key and every object marked as our extension."""

    def ours(value) -> bool:
        return isinstance(value, dict) and value.get(EXTENSION_MARK) is True

    if isinstance(node, dict):
        return {
            key: without_our_extensions(value)
            for key, value in node.items()
            if not key.startswith("x-localism") and not ours(value)
        }
    if isinstance(node, list):
        return [without_our_extensions(value) for value in node if not ours(value)]
    return node


def test_the_openapi_document_is_the_published_one_plus_marked_extensions(client):
    document = get(client, "/api/oruk/openapi.json")

    stripped = without_our_extensions(document)
    assert stripped.pop("servers") == []
    assert stripped == json.loads((SCHEMA_DIR / "openapi.json").read_text())
    assert document["servers"] == [
        {"url": "http://testserver/api/oruk", "description": "This API", EXTENSION_MARK: True}
    ]


def test_the_openapi_document_describes_every_path_served(client):
    document = get(client, "/api/oruk/openapi.json")

    served = {
        "/" + str(p.pattern).replace("<str:pk>", "{id}") for p in get_resolver("directory.api_urls").url_patterns
    }
    served.discard("/openapi.json")
    assert set(document["paths"]) == served
    ours = {path for path, item in document["paths"].items() if item.get(EXTENSION_MARK)}
    assert (
        ours == set(document["paths"]) - set(published_openapi()["paths"]) == {"/organizations", "/organizations/{id}"}
    )
