"""Councils as data: each tier, the places it covers and what it is responsible for (issue: devolution)."""

import pytest
from django.urls import reverse

from localism.models import Council, Place, Responsibility
from tests.queries import queries_of

pytestmark = pytest.mark.django_db

DISTRICT_COUNCILS = {
    "Breckland Council",
    "Broadland District Council",
    "Great Yarmouth Borough Council",
    "Borough Council of King's Lynn and West Norfolk",
    "North Norfolk District Council",
    "Norwich City Council",
    "South Norfolk Council",
}


def test_the_county_its_seven_districts_and_the_town_councils_are_there_from_the_start(reference_data):
    assert set(Council.objects.filter(tier=Council.Tier.DISTRICT).values_list("name", flat=True)) == DISTRICT_COUNCILS
    county = Council.objects.get(tier=Council.Tier.COUNTY)
    assert county.name == "Norfolk County Council"
    assert list(county.places.values_list("slug", flat=True)) == ["norfolk"]
    cromer = Council.objects.get(name="Cromer Town Council")
    assert cromer.tier == Council.Tier.PARISH and cromer.places.get().slug == "cromer"
    # Every district council covers exactly its district.
    for council in Council.objects.filter(tier=Council.Tier.DISTRICT):
        assert council.places.get().kind == Place.Kind.DISTRICT


def test_each_tier_starts_with_its_usual_responsibilities(reference_data):
    def holds(council_name: str) -> set[str]:
        return set(Council.objects.get(name=council_name).responsibilities.values_list("slug", flat=True))

    assert {"libraries", "highways", "adult-social-care"} <= holds("Norfolk County Council")
    assert "assets-of-community-value" in holds("North Norfolk District Council")
    assert "assets-of-community-value" not in holds("Norfolk County Council")
    assert {"allotments", "community-halls"} <= holds("Cromer Town Council")


def test_a_town_page_names_its_town_district_and_county_councils_in_that_order(client, reference_data):
    response = client.get(reverse("localism:place_detail", kwargs={"slug": "cromer"}))
    page = response.content.decode()
    names = ["Norfolk County Council", "North Norfolk District Council", "Cromer Town Council"]
    positions = [page.index(name) for name in names]
    assert positions == sorted(positions)
    assert "Breckland Council" not in page
    assert "Your councils" in page


def test_an_unparished_town_shows_its_district_and_county_only(client, reference_data):
    page = client.get(reverse("localism:place_detail", kwargs={"slug": "great-yarmouth-town"})).content.decode()
    assert "Great Yarmouth Borough Council" in page and "Norfolk County Council" in page
    assert "Town Council" not in page


def test_which_council_does_what_lists_every_responsibility_and_council(client, reference_data):
    page = client.get(reverse("localism:council_list")).content.decode()
    for responsibility in Responsibility.objects.all():
        assert responsibility.name.replace("'", "&#x27;") in page
    for council in Council.objects.all():
        assert council.get_absolute_url() in page


def test_a_council_page_shows_its_area_contact_and_what_it_does(client, reference_data):
    council = Council.objects.get(name="North Norfolk District Council")
    council.email, council.phone = "info@north-norfolk.example.org", "01263 000000"
    council.save()
    page = client.get(council.get_absolute_url()).content.decode()
    assert "District, borough or city council" in page
    assert 'href="/places/north-norfolk/">North Norfolk</a>' in page
    assert "mailto:info@north-norfolk.example.org" in page
    assert "Assets of community value" in page


def test_staff_edit_what_a_council_is_responsible_for(client, moderator, reference_data):
    council = Council.objects.get(name="Cromer Town Council")
    libraries = Responsibility.objects.get(slug="libraries")
    client.force_login(moderator)
    url = reverse("admin:localism_council_change", args=[council.pk])
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "name": council.name,
            "slug": council.slug,
            "tier": council.tier,
            "places": [p.pk for p in council.places.all()],
            "responsibilities": [libraries.pk],
            "website": "",
            "email": "",
            "phone": "",
            "address": "",
        },
    )
    assert response.status_code == 302
    assert list(council.responsibilities.values_list("slug", flat=True)) == ["libraries"]


def test_the_place_and_council_pages_run_a_fixed_number_of_queries(client, reference_data, django_assert_num_queries):
    from tests.factories import PlaceFactory

    cromer = Place.objects.get(slug="cromer")
    url = reverse("localism:place_detail", kwargs={"slug": "cromer"})
    client.get(url)
    before = queries_of(client, url)
    for n in range(5):
        extra = Council.objects.create(name=f"Extra council {n}", slug=f"extra-{n}", tier=Council.Tier.PARISH)
        extra.places.add(cromer)
        extra.responsibilities.set(Responsibility.objects.all())
        PlaceFactory(parent=cromer)
    assert queries_of(client, url) == before
    assert queries_of(client, reverse("localism:council_list")) <= 6


def test_a_postcode_finds_its_county_district_and_town_council(client, reference_data):
    from tests.factories import PostcodeFactory

    PostcodeFactory(in_cromer=True)
    page = client.get(reverse("localism:who_represents_me"), {"postcode": "nr27 9ab"}).content.decode()
    for name in ("Norfolk County Council", "North Norfolk District Council", "Cromer Town Council"):
        assert name in page
    assert "not from official parish boundaries" in page
    data = client.get(reverse("localism:who_represents_me_json"), {"postcode": "NR27 9AB"}).json()
    assert [c["name"] for c in data["councils"]] == [
        "Norfolk County Council",
        "North Norfolk District Council",
        "Cromer Town Council",
    ]
    assert [c["is_exact"] for c in data["councils"]] == [True, True, False]
    assert "Assets of community value" in data["councils"][1]["responsible_for"]


def test_an_unparished_postcode_says_so_plainly(client, reference_data):
    from tests.factories import PostcodeFactory

    PostcodeFactory(postcode="NR2 1AB")
    page = client.get(reverse("localism:who_represents_me"), {"postcode": "NR2 1AB"}).content.decode()
    assert "Norwich City Council" in page and "Norfolk County Council" in page
    assert "We have no town or parish council on record for this postcode" in page


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("banana", "Enter a real postcode, like NR1 2DH"),
        ("SW1A 1AA", "SW1A 1AA is outside Norfolk County Council&#x27;s area"),
        ("", "Enter a postcode"),
    ],
)
def test_a_bad_or_outside_postcode_gets_a_specific_message_and_keeps_what_was_typed(
    client, reference_data, typed, message
):
    response = client.get(reverse("localism:who_represents_me"), {"postcode": typed})
    page = response.content.decode()
    assert "There is a problem" in page
    assert message in page
    assert f'value="{typed}"' in page or not typed
    assert client.get(reverse("localism:who_represents_me_json"), {"postcode": typed}).status_code == 400


def test_the_guidance_pages_promise_only_what_the_portal_does(client, reference_data):
    for slug in ("how-to-get-involved", "working-with-councillors"):
        page = client.get(reverse("localism:page_detail", kwargs={"slug": slug})).content.decode()
        # The promise to find your councillor is kept: tests/localism/test_councillors.py follows it.
        assert 'href="/councils/who-represents-me/"' in page
    assert client.get(reverse("localism:who_represents_me")).status_code == 200


def test_finding_your_councils_runs_a_fixed_number_of_queries(client, reference_data):
    from tests.factories import PostcodeFactory

    PostcodeFactory(in_cromer=True)
    url = reverse("localism:who_represents_me")
    before = queries_of(client, url, {"postcode": "NR27 9AB"})
    cromer = Place.objects.get(slug="cromer")
    for n in range(4):
        extra = Council.objects.create(name=f"Extra {n}", slug=f"extra-{n}", tier=Council.Tier.PARISH)
        extra.places.add(cromer)
    assert queries_of(client, url, {"postcode": "NR27 9AB"}) == before
