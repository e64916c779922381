"""The portal on a phone: 375×812 (a common phone) and 320 pixels wide (WCAG 1.4.10 Reflow).

Each page checked here gets an axe-core scan at both sizes.
"""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from localism.models import Council, Place, PlaceContact
from tests.browser.conftest import PHONE, SIZES, fits_the_screen
from tests.directory.factories import ListingFactory, OrganisationFactory
from tests.factories import PostcodeFactory

pytestmark = pytest.mark.django_db(transaction=True)

# --- Phone numbers ------------------------------------------------------------------------------


def dials(page, assert_accessible, url: str, number: str, tel: str) -> None:
    """On the page at `url` the number shown is a link a phone dials, nothing scrolls sideways, axe finds nothing."""
    page.goto(url)
    expect(page.get_by_role("link", name=number)).to_have_attribute("href", tel)
    fits_the_screen(page)
    assert_accessible(page)


@SIZES
def test_a_listing_phone_number_is_a_link_a_phone_can_dial(page, reference_data, assert_accessible, size):
    listing = ListingFactory(name="Acle Lunch Club", phone="01603 123456")
    page.set_viewport_size(size)
    dials(page, assert_accessible, listing.get_absolute_url(), "01603 123456", "tel:+441603123456")


def test_a_listing_phone_that_is_not_a_number_is_shown_as_text(page, reference_data):
    listing = ListingFactory(name="Acle Lunch Club", phone="ask at reception")
    page.set_viewport_size(PHONE)
    page.goto(listing.get_absolute_url())
    expect(page.get_by_text("Telephone: ask at reception")).to_be_visible()
    expect(page.locator("a[href^='tel:']")).to_have_count(0)


@SIZES
def test_an_organisation_phone_number_is_a_link(page, reference_data, assert_accessible, size):
    organisation = OrganisationFactory(name="Acle Community Association", phone="(01493) 750 000")
    page.set_viewport_size(size)
    dials(page, assert_accessible, organisation.get_absolute_url(), "(01493) 750 000", "tel:+441493750000")


@SIZES
def test_a_place_contact_phone_number_is_a_link(page, reference_data, assert_accessible, size):
    PlaceContact.objects.create(
        place=Place.objects.get(slug="north-norfolk"),
        name="Cllr Sam Example",
        role=PlaceContact.Role.COUNTY_COUNCILLOR,
        email="sam.example.councillor@north-norfolk-example.gov.uk",
        phone="+44 (0)1263 513811",
    )
    page.set_viewport_size(size)
    url = reverse("localism:place_detail", kwargs={"slug": "north-norfolk"})
    dials(page, assert_accessible, url, "+44 (0)1263 513811", "tel:+441263513811")


@SIZES
def test_a_council_phone_number_is_a_link_on_its_page_and_in_who_represents_you(
    page, reference_data, assert_accessible, size
):
    Council.objects.filter(name="North Norfolk District Council").update(phone="01263 513811")
    PostcodeFactory(in_cromer=True)
    page.set_viewport_size(size)
    url = Council.objects.get(name="North Norfolk District Council").get_absolute_url()
    dials(page, assert_accessible, url, "01263 513811", "tel:+441263513811")
    url = reverse("localism:who_represents_me") + "?postcode=NR27+9AB"
    dials(page, assert_accessible, url, "01263 513811", "tel:+441263513811")


# --- The home page ------------------------------------------------------------------------------


@SIZES
def test_the_home_page_directory_search_stacks_its_fields(page, reference_data, assert_accessible, size):
    page.set_viewport_size(size)
    page.goto(reverse("localism:home"))
    keywords = page.get_by_label("What are you looking for?").bounding_box()
    postcode = page.get_by_label("Near a postcode (optional)").bounding_box()
    button = page.get_by_role("button", name="Search the directory").bounding_box()
    assert postcode["y"] >= keywords["y"] + keywords["height"], "the postcode is beside the keywords, not below"
    assert button["y"] >= postcode["y"] + postcode["height"], "the button is beside the postcode, not below"
    assert keywords["width"] >= size["width"] * 0.8, "the keywords box is squeezed"
    fits_the_screen(page)
    assert_accessible(page)


# --- Directory search -----------------------------------------------------------------------------


@pytest.fixture
def lunch_clubs(reference_data):
    for town in ("Acle", "Aylsham", "Cromer", "Diss", "Holt"):
        ListingFactory(name=f"{town} Lunch Club", summary="A hot two-course lunch and good company.")


@SIZES
def test_on_a_phone_the_result_count_shows_first_and_the_filters_fold_away_after_the_results(
    page, lunch_clubs, assert_accessible, size
):
    page.set_viewport_size(size)
    page.goto(reverse("directory:search") + "?q=lunch")
    count = page.get_by_role("heading", name="5 results")
    filters = page.locator("details", has_text="Filter results")
    if size == PHONE:
        expect(count).to_be_in_viewport()
    expect(filters).not_to_have_attribute("open", "")
    expect(page.get_by_label("Category")).to_be_hidden()
    last_result = page.get_by_role("link", name="Holt Lunch Club")
    assert last_result.bounding_box()["y"] < filters.bounding_box()["y"], "the filters come before the results"
    fits_the_screen(page)
    assert_accessible(page)

    page.get_by_text("Filter results").click()
    expect(page.get_by_label("Category")).to_be_visible()
    fits_the_screen(page)
    assert_accessible(page)


def test_beside_the_results_the_filters_are_open(page, lunch_clubs, assert_accessible):
    page.set_viewport_size({"width": 1024, "height": 768})
    page.goto(reverse("directory:search") + "?q=lunch")
    expect(page.locator("details", has_text="Filter results")).to_have_attribute("open", "")
    expect(page.get_by_label("Category")).to_be_visible()
    assert_accessible(page)


def test_without_javascript_the_folded_filters_open_and_apply(browser, live_server, lunch_clubs):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False, viewport=PHONE)
    page = context.new_page()
    page.goto(reverse("directory:search") + "?q=lunch")
    page.get_by_text("Filter results").click()
    page.get_by_label("Type").select_option(label="Club")
    page.get_by_role("button", name="Apply filters").click()
    expect(page).to_have_url(re.compile(r"kind=club"))
    expect(page.get_by_role("heading", level=2, name=re.compile(r"\d+ results?"))).to_be_visible()
    context.close()


def test_a_filter_with_an_error_is_shown_open_on_a_phone(page, lunch_clubs):
    page.set_viewport_size(PHONE)
    page.goto(reverse("directory:search") + "?q=lunch&age=old")
    expect(page.locator(".govuk-error-summary")).to_be_focused()
    page.locator(".govuk-error-summary").get_by_role("link", name="Enter an age in whole years, like 8").click()
    expect(page.get_by_label("Suitable for age")).to_be_focused()
