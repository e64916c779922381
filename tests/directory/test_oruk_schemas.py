"""The Open Referral UK API against the profile's published schemas and OpenAPI document.

Every list is read on its first, a middle and its last page, with no filter and with each filter;
every object is read on its own; each response must validate against the published schema and
carry no null (an absent value is left out).
"""

import json

import pytest
from django.urls import get_resolver, reverse

from directory.models import Listing, Location, Organisation, Taxonomy, TaxonomyTerm
from directory.oruk_schemas import EXTENSION_MARK, SCHEMA_DIR, VENDORED, published_openapi
from tests.directory.oruk import get, validate
from tests.vendored import SHARED_DATA, assert_identical_to_shared, assert_matches_recorded_sums

pytestmark = pytest.mark.django_db


def test_the_vendored_profile_is_the_published_one():
    assert_matches_recorded_sums(VENDORED)


def test_the_vendored_profile_is_byte_identical_to_the_shared_copy():
    assert_identical_to_shared(VENDORED, SHARED_DATA / "oruk-uk-profile")


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
def test_first_middle_and_last_pages_are_valid_with_and_without_each_filter(client, oruk_directory, path, query):
    url = f"/api/oruk{path}?per_page=1&{query(oruk_directory)}"
    first = get(client, f"{url}&page=1")
    last_page = first["total_pages"]
    assert last_page >= 3, "the data set must give a middle page"

    pages = [first, get(client, f"{url}&page={(1 + last_page) // 2}"), get(client, f"{url}&page={last_page}")]

    for page in pages:
        validate(page, path)
        assert nulls(page) == []
        assert page["size"] == 1
    assert [(p["first_page"], p["last_page"]) for p in pages] == [(True, False), (False, False), (False, True)]


def test_every_object_is_valid_on_its_own(client, oruk_directory):
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
    data = get(client, reverse("oruk:root"))

    validate(data, reverse("localism:home"))
    assert nulls(data) == []


def test_absent_values_are_left_out_where_the_profile_says_string(client, oruk_directory):
    """The values that a consumer's validator refused when they were sent as null."""
    sparse = Listing.objects.get(name="Drop-in 0")
    bare = Organisation.objects.get(name="Football group 0")
    no_uri = Taxonomy.objects.get(name="Register 0")

    service = get(client, reverse("oruk:service_detail", kwargs={"pk": sparse.pk}))
    organisation = get(client, reverse("oruk:organization_detail", kwargs={"pk": bare.pk}))
    taxonomy = get(client, reverse("oruk:taxonomy_detail", kwargs={"pk": no_uri.pk}))

    assert not {"accreditations", "alert", "assurer_email", "email", "url", "minimum_age"} & set(service)
    assert "website" not in organisation and "email" not in organisation
    assert "uri" not in taxonomy and "version" not in taxonomy
    assert get(
        client, reverse("oruk:service_detail", kwargs={"pk": Listing.objects.get(name="Walking football 3").pk})
    )["alert"] == ("Closed while the pitch is relaid")


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
    document = get(client, reverse("oruk:openapi"))

    stripped = without_our_extensions(document)
    assert stripped.pop("servers") == []
    assert stripped == json.loads((SCHEMA_DIR / "openapi.json").read_text())
    assert document["servers"] == [
        {"url": "http://testserver/api/oruk", "description": "This API", EXTENSION_MARK: True}
    ]


def test_the_openapi_document_describes_every_path_served(client):
    document = get(client, reverse("oruk:openapi"))

    served = {
        reverse("localism:home") + str(p.pattern).replace("<str:pk>", "{id}")
        for p in get_resolver("directory.api_urls").url_patterns
    }
    served.discard("/openapi.json")
    assert set(document["paths"]) == served
    ours = {path for path, item in document["paths"].items() if item.get(EXTENSION_MARK)}
    assert (
        ours == set(document["paths"]) - set(published_openapi()["paths"]) == {"/organizations", "/organizations/{id}"}
    )
