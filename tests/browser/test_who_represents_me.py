"""A resident finds who represents them, starting from the home page, at desktop and phone size:
zero axe-core violations on every page of the way."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from localism.models import Council, Place
from tests.browser.conftest import PHONE, fits_the_screen
from tests.factories import CouncillorFactory, PlaceFactory, PostcodeFactory, SurgeryFactory

pytestmark = pytest.mark.django_db(transaction=True)

SIZES = pytest.mark.parametrize("size", [{"width": 1280, "height": 800}, PHONE], ids=["desktop", "phone"])


@pytest.fixture
def represented(reference_data):
    north_norfolk = Place.objects.get(slug="north-norfolk")
    division = PlaceFactory(name="Cromer", slug="cromer-division", kind=Place.Kind.DIVISION, parent=north_norfolk)
    ward = PlaceFactory(name="Cromer Town", slug="cromer-town-ward", kind=Place.Kind.WARD, parent=north_norfolk)
    Place.objects.filter(pk=division.pk).update(ons_code="E58000999")
    Place.objects.filter(pk=ward.pk).update(ons_code="E05000111")
    PostcodeFactory(in_cromer=True, division_code="E58000999", ward_code="E05000111")
    PostcodeFactory(in_cromer=True, postcode="NR27 9AD")
    county = CouncillorFactory(
        name="Ada County",
        council=Council.objects.get(slug="norfolk-county-council"),
        area=division,
        phone="01603 222222",
        interests_url="https://example.org/interests/ada-county",
    )
    SurgeryFactory(councillor=county, venue="Cromer Library, Prince of Wales Road")
    CouncillorFactory(
        name="Ben District", council=Council.objects.get(slug="north-norfolk-district-council"), area=ward
    )


@SIZES
def test_a_resident_finds_who_represents_them_starting_from_the_home_page(page, represented, assert_accessible, size):
    page.set_viewport_size(size)
    page.goto(reverse("localism:home"))
    assert_accessible(page)
    page.get_by_label("Enter your postcode").fill("nr27 9ab")
    page.get_by_role("button", name="Show what's near you").click()
    expect(page).to_have_url(re.compile(r"/places/cromer/\?postcode=NR27\+9AB$"))
    expect(page.get_by_role("heading", name="Who represents NR27 9AB")).to_be_visible()
    expect(page.get_by_text("Your county councillor:")).to_be_visible()
    expect(page.get_by_role("link", name="Ada County")).to_be_visible()
    expect(page.get_by_role("link", name="Ben District")).to_be_visible()
    expect(page.get_by_role("link", name="Cromer Town Council", exact=True)).to_be_visible()
    fits_the_screen(page)
    assert_accessible(page)

    page.get_by_role("link", name="Ada County").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ada County")
    expect(page.get_by_text("Cromer Library, Prince of Wales Road")).to_be_visible()
    expect(page.get_by_role("link", name="Ada County's register of interests")).to_be_visible()
    expect(page.get_by_role("link", name="Add the surgeries to your calendar (iCalendar)")).to_be_visible()
    fits_the_screen(page)
    assert_accessible(page)

    page.locator("main").get_by_role("link", name="Norfolk County Council", exact=True).click()
    expect(page.get_by_role("heading", name="Councillors")).to_be_visible()
    assert_accessible(page)


@SIZES
def test_a_postcode_with_no_ward_data_or_not_found_is_told_plainly(page, represented, assert_accessible, size):
    page.set_viewport_size(size)
    page.goto(reverse("localism:home"))
    page.get_by_role("link", name="Who represents you").click()
    page.get_by_label("Enter your postcode").fill("NR27 9AD")
    page.get_by_role("button", name="Find your councils").click()
    expect(page.get_by_text("We do not know which district ward NR27 9AD is in")).to_be_visible()
    expect(page.get_by_role("link", name="North Norfolk District Council", exact=True)).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Enter your postcode").fill("NR27 9ZZ")
    page.get_by_role("button", name="Find your councils").click()
    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    expect(page.get_by_label("Enter your postcode")).to_have_value("NR27 9ZZ")
    assert_accessible(page)
