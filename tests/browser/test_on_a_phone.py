"""The portal on a phone: 375×812 (a common phone) and 320 pixels wide (WCAG 1.4.10 Reflow).

Each page checked here gets an axe-core scan at both sizes.
"""

import pytest
from playwright.sync_api import expect

from localism.models import Place, PlaceContact
from tests.directory.factories import ListingFactory, OrganisationFactory

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {"width": 375, "height": 812}
NARROWEST = {"width": 320, "height": 640}
SIZES = pytest.mark.parametrize("size", [PHONE, NARROWEST], ids=["375x812", "320"])


def fits_the_screen(page) -> None:
    """Nothing scrolls sideways: the document is no wider than the viewport."""
    width = page.viewport_size["width"]
    assert page.evaluate("document.documentElement.scrollWidth") <= width


# --- Phone numbers ------------------------------------------------------------------------------


@SIZES
def test_a_listing_phone_number_is_a_link_a_phone_can_dial(page, reference_data, assert_accessible, size):
    listing = ListingFactory(name="Acle Lunch Club", phone="01603 123456")
    page.set_viewport_size(size)
    page.goto(listing.get_absolute_url())
    expect(page.get_by_role("link", name="01603 123456")).to_have_attribute("href", "tel:+441603123456")
    fits_the_screen(page)
    assert_accessible(page)


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
    page.goto(organisation.get_absolute_url())
    expect(page.get_by_role("link", name="(01493) 750 000")).to_have_attribute("href", "tel:+441493750000")
    fits_the_screen(page)
    assert_accessible(page)


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
    page.goto("/places/north-norfolk/")
    expect(page.get_by_role("link", name="+44 (0)1263 513811")).to_have_attribute("href", "tel:+441263513811")
    fits_the_screen(page)
    assert_accessible(page)


# --- The home page ------------------------------------------------------------------------------


@SIZES
def test_the_home_page_directory_search_stacks_its_fields(page, reference_data, assert_accessible, size):
    page.set_viewport_size(size)
    page.goto("/")
    keywords = page.get_by_label("What are you looking for?").bounding_box()
    postcode = page.get_by_label("Near a postcode (optional)").bounding_box()
    button = page.get_by_role("button", name="Search the directory").bounding_box()
    assert postcode["y"] >= keywords["y"] + keywords["height"], "the postcode is beside the keywords, not below"
    assert button["y"] >= postcode["y"] + postcode["height"], "the button is beside the postcode, not below"
    assert keywords["width"] >= size["width"] * 0.8, "the keywords box is squeezed"
    fits_the_screen(page)
    assert_accessible(page)
