"""Councillors: their council, division or ward, party, contact, surgeries (with a calendar feed) and register
of interests; and "who represents me" naming them for a postcode."""

import datetime
import io

import icalendar
import pytest
from django.urls import reverse
from django.utils import timezone

from localism.models import Council, Councillor, Place
from tests.admin_forms import add_inline_form, admin_form_data
from tests.factories import CouncillorFactory, PlaceFactory, PostcodeFactory, SurgeryFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def cromer_areas(reference_data):
    """A division and a ward for NR27 9AB (linked by its ONS codes), with their councillors."""
    north_norfolk = Place.objects.get(slug="north-norfolk")
    division = PlaceFactory(name="Cromer", slug="cromer-division", kind=Place.Kind.DIVISION, parent=north_norfolk)
    division.ons_code = "E58000999"
    division.save()
    ward = PlaceFactory(name="Cromer Town", slug="cromer-town-ward", kind=Place.Kind.WARD, parent=north_norfolk)
    ward.ons_code = "E05000111"
    ward.save()
    PostcodeFactory(in_cromer=True, division_code="E58000999", ward_code="E05000111")
    county = Council.objects.get(slug="norfolk-county-council")
    district = Council.objects.get(slug="north-norfolk-district-council")
    return {
        "division": division,
        "ward": ward,
        "county_councillor": CouncillorFactory(name="Ada County", council=county, area=division, party="Green"),
        "district_councillors": [
            CouncillorFactory(name="Ben District", council=district, area=ward, party=""),
            CouncillorFactory(name="Cy District", council=district, area=ward, party="Liberal Democrat"),
        ],
    }


def test_a_postcode_names_its_county_councillor_and_district_councillors_with_contact(client, cromer_areas):
    SurgeryFactory(councillor=cromer_areas["county_councillor"], venue="Cromer Library")
    page = client.get(reverse("localism:who_represents_me"), {"postcode": "NR27 9AB"}).content.decode()
    assert "Your county councillor:" in page and "Ada County" in page and "Green" in page
    assert "Your district councillors:" in page and "Ben District" in page and "Cy District" in page
    assert "Independent" in page  # a councillor with no party
    assert "mailto:ada-county@example.org" in page
    assert "Next surgery:" in page and "Cromer Library" in page
    assert page.index("Ada County") < page.index("Norfolk County Council</a>") or page.index(
        "Norfolk County Council"
    ) < page.index("Ada County") < page.index("North Norfolk District Council")
    assert "We do not know which district ward" not in page


def test_the_same_answer_as_json(client, cromer_areas):
    data = client.get(reverse("localism:who_represents_me_json"), {"postcode": "NR27 9AB"}).json()
    county, district = data["councils"][0], data["councils"][1]
    assert [c["name"] for c in county["councillors"]] == ["Ada County"]
    assert county["councillors"][0]["area"] == "Cromer"
    assert [c["name"] for c in district["councillors"]] == ["Ben District", "Cy District"]
    assert district["councillors"][0]["party"] == "Independent"
    assert county["councillors"][0]["surgeries_calendar"].endswith(
        reverse("localism:councillor_surgeries", kwargs={"slug": "ada-county"})
    )
    assert not any("councillor" in note for note in data["notes"])


def test_a_known_ward_with_no_councillor_on_record_says_so(client, cromer_areas):
    Councillor.objects.filter(area=cromer_areas["ward"]).delete()
    page = client.get(reverse("localism:who_represents_me"), {"postcode": "NR27 9AB"}).content.decode()
    assert "We have no district councillors on record for Cromer Town" in page
    assert "Ada County" in page


def test_near_you_leads_to_the_place_page_naming_the_councillors(client, cromer_areas):
    page = client.get(reverse("localism:find_by_postcode"), {"postcode": "NR27 9AB"}, follow=True).content.decode()
    assert "Who represents NR27 9AB" in page
    assert "Ada County" in page and "Ben District" in page


def test_a_division_page_lists_its_councillors_and_a_council_page_its_members(client, cromer_areas):
    page = client.get(cromer_areas["division"].get_absolute_url()).content.decode()
    assert "Councillors for Cromer" in page and "Ada County" in page and "Ben District" not in page
    page = client.get(reverse("localism:council_detail", args=["north-norfolk-district-council"])).content.decode()
    assert "Ben District" in page and "Cy District" in page and "Ada County" not in page


def test_a_councillor_page_shows_contact_surgeries_and_register_of_interests(client, cromer_areas):
    councillor = cromer_areas["county_councillor"]
    councillor.interests_url = "https://www.norfolk.gov.uk/interests/ada-county"
    councillor.phone = "01603 000000"
    councillor.save()
    SurgeryFactory(councillor=councillor, venue="Cromer Parish Hall", notes="No appointment needed")
    SurgeryFactory(
        councillor=councillor,
        venue="A surgery that is over",
        starts_at=timezone.now() - datetime.timedelta(days=3),
    )
    page = client.get(councillor.get_absolute_url()).content.decode()
    assert "Norfolk County Council" in page and "County electoral division" in page and "Green" in page
    assert 'href="https://www.norfolk.gov.uk/interests/ada-county"' in page
    assert 'href="tel:01603000000"' in page or "01603 000000" in page
    assert "Cromer Parish Hall" in page and "No appointment needed" in page
    assert "A surgery that is over" not in page


def test_the_surgeries_calendar_feed_lists_the_coming_surgeries(client, cromer_areas):
    councillor = cromer_areas["county_councillor"]
    SurgeryFactory(councillor=councillor, venue="Cromer Library; upstairs, room 2")
    SurgeryFactory(councillor=councillor, venue="Over", starts_at=timezone.now() - datetime.timedelta(days=3))
    response = client.get(reverse("localism:councillor_surgeries", args=[councillor.slug]))
    assert response["Content-Type"].startswith("text/calendar")
    events = icalendar.Calendar.from_ical(response.content).walk("VEVENT")
    assert [str(e["location"]) for e in events] == ["Cromer Library; upstairs, room 2"]
    assert str(events[0]["summary"]) == "Surgery: Ada County"


def test_an_unknown_councillor_is_not_found(client, reference_data):
    assert client.get(reverse("localism:councillor_detail", args=["nobody"])).status_code == 404
    assert client.get(reverse("localism:councillor_surgeries", args=["nobody"])).status_code == 404


def _councillor_form(staff_client, council_slug: str, **fields) -> tuple[str, dict]:
    """The admin's form to add a councillor, filled in with these fields for a councillor of this council."""
    url = reverse("admin:localism_councillor_add")
    data = admin_form_data(staff_client.get(url).content.decode())
    data.update(fields, council=Council.objects.get(slug=council_slug).pk)
    return url, data


def test_staff_add_a_councillor_with_a_surgery_in_the_admin(staff_client, cromer_areas):
    url, data = _councillor_form(
        staff_client,
        "north-norfolk-district-council",
        name="Dee New",
        slug="dee-new",
        area=cromer_areas["ward"].pk,
        party="Labour",
        email="dee@example.org",
    )
    data = add_inline_form(
        data,
        "surgeries",
        {
            "starts_at_0": "12/01/2027",
            "starts_at_1": "10:00",
            "ends_at_0": "12/01/2027",
            "ends_at_1": "11:00",
            "venue": "Cromer Library",
        },
    )
    response = staff_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    councillor = Councillor.objects.get(slug="dee-new")
    assert councillor.surgeries.get().venue == "Cromer Library"


def test_a_county_councillor_must_represent_a_division_not_a_ward(staff_client, cromer_areas):
    url, data = _councillor_form(
        staff_client, "norfolk-county-council", name="Wrong Area", slug="wrong-area", area=cromer_areas["ward"].pk
    )
    page = staff_client.post(url, data).content.decode()
    assert "A councillor of Norfolk County Council represents a county electoral division" in page
    assert not Councillor.objects.filter(slug="wrong-area").exists()


def test_the_guidance_pages_promises_about_councillors_are_kept(client, cromer_areas):
    """'Enter your postcode to find your county councillor' and 'your councillor's page lists their surgeries'."""
    guide = client.get(reverse("localism:page_detail", args=["working-with-councillors"])).content.decode()
    assert 'href="/councils/who-represents-me/"' in guide and "find your county councillor" in guide
    assert "lists their coming surgeries" in guide
    how = client.get(reverse("localism:page_detail", args=["how-to-get-involved"])).content.decode()
    assert "find your county councillor and district councillors" in how
    page = client.get(reverse("localism:who_represents_me"), {"postcode": "NR27 9AB"}).content.decode()
    councillor = cromer_areas["county_councillor"]
    assert councillor.get_absolute_url() in page
    SurgeryFactory(councillor=councillor, venue="Cromer Library")
    assert "Cromer Library" in client.get(councillor.get_absolute_url()).content.decode()


def test_the_demo_councillors_are_labelled_as_sample_data(client, reference_data):
    from devtools.demo.localism import seed_sample_areas

    seed_sample_areas(io.StringIO())
    councillor = Councillor.objects.get(slug="alex-sample-sample")
    assert councillor.is_sample and councillor.area.is_sample
    assert "not a real councillor" in client.get(councillor.get_absolute_url()).content.decode()
    PostcodeFactory(in_cromer=True)
    data = client.get(reverse("localism:who_represents_me_json"), {"postcode": "NR27 9AB"}).json()
    assert data["councils"][0]["councillors"][0]["is_sample_data"] is True


def test_councillor_pages_run_a_fixed_number_of_queries(client, cromer_areas, django_assert_max_num_queries):
    for councillor in (cromer_areas["county_councillor"], *cromer_areas["district_councillors"]):
        for _ in range(4):
            SurgeryFactory(councillor=councillor)
    district = Council.objects.get(slug="north-norfolk-district-council")
    for n in range(5):
        CouncillorFactory(name=f"More {n}", council=district, area=cromer_areas["ward"])
    councillor = cromer_areas["county_councillor"]
    for url, most in (
        (reverse("localism:who_represents_me") + "?postcode=NR27+9AB", 11),
        (reverse("localism:who_represents_me_json") + "?postcode=NR27+9AB", 11),
        (councillor.get_absolute_url(), 4),
        (reverse("localism:councillor_surgeries", args=[councillor.slug]), 3),
        (reverse("localism:council_detail", args=["north-norfolk-district-council"]), 6),
        (cromer_areas["ward"].get_absolute_url(), 20),
    ):
        with django_assert_max_num_queries(most):
            assert client.get(url).status_code == 200
