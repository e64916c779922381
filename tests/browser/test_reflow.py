"""Every public and signed-in page reflows at 320 CSS pixels wide (WCAG 2.2, 1.4.10 Reflow).

The pages are the ones the accessibility crawl visits (test_crawl_accessibility.py), with its data.
A page passes when the document is no wider than the viewport: anything wider than a phone
(a data table) scrolls inside its own labelled region instead.
"""

from __future__ import annotations

import json

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from directory.models import Listing, Organisation
from discussions.models import Comment
from localism.models import Place, PlaceContact
from tests.browser import test_crawl_accessibility as crawl
from tests.browser.conftest import NARROWEST, SIZES, fits_the_screen, press

pytestmark = pytest.mark.django_db(transaction=True)

# The crawl's data: demo content, and what it lacks so that every kind of page has some.
_portal_for_the_module, portal = crawl._portal_for_the_module, crawl.portal

LONG_WEB_ADDRESS = "https://www.age-well-north-norfolk.org.uk/what-we-do/lunch-clubs-and-befriending-in-north-walsham"
LONG_EMAIL = "befriending.coordinator@age-well-north-norfolk-community.org.uk"
# What people search for is shown back to them: a long one must wrap too.
LONG_SEARCHES = [
    reverse("localism:search") + "?q=" + "befriending" * 4,
    reverse("directory:search") + "?q=" + "befriending" * 4,
]


@pytest.fixture
def long_words(portal) -> dict:
    """Web addresses and email addresses as long as real ones, where pages show them in full."""
    organisation, listing = portal["organisation"], portal["published"]
    Organisation.objects.filter(pk=organisation.pk).update(website=LONG_WEB_ADDRESS, email=LONG_EMAIL)
    Listing.objects.filter(pk=listing.pk).update(
        email=LONG_EMAIL, description=f"Read more at {LONG_WEB_ADDRESS} or write to {LONG_EMAIL}."
    )
    Comment.objects.filter(pk=portal["neighbour_comment"].pk).update(text=f"The timetable is at {LONG_WEB_ADDRESS}")
    PlaceContact.objects.create(
        place=Place.objects.get(slug="norwich"), name="Locality officer", role="officer", email=LONG_EMAIL
    )
    return portal


# Wide data tables, and the label of the region each scrolls in.
WIDE_TABLES = {
    reverse("transparency:spending"): "Payments, scrolls sideways",
    reverse("transparency:grants"): "Grants, scrolls sideways",
    reverse("budgeting:results", kwargs={"slug": "norwich-results"}): "Votes and funding",
    reverse("consultations:results", kwargs={"slug": "recycling-centre-opening-days"}): "Figures for question 1",
    reverse(
        "consultations:outcome", kwargs={"slug": "recycling-centre-opening-days"}
    ): "What we are doing as a result",
    reverse("consultations:detail", kwargs={"slug": "community-transport-service"}): "Co-production team members",
}
# Every table outside a scrolling region reflows: none of it is past the right edge of the screen.
TABLES_OFF_SCREEN = """() => [...document.querySelectorAll("table")]
  .filter((table) => !table.closest(".localism-table-scroll"))
  .filter((table) => table.getBoundingClientRect().right > document.documentElement.clientWidth)
  .map((table) => table.caption ? table.caption.textContent.trim() : table.outerHTML.slice(0, 80))"""

# What overflows, for the failure message: the innermost elements whose right edge is past the viewport.
OVERFLOWING = """() => {
  const width = document.documentElement.clientWidth;
  const wide = [];
  for (const element of document.body.querySelectorAll("*")) {
    if (element.closest("[role=region][tabindex]") && !element.matches("[role=region][tabindex]")) continue;
    const box = element.getBoundingClientRect();
    // Text that does not wrap spills out of its box: count it as part of the box.
    const spills = !element.matches("input, textarea, select") && box.left + element.scrollWidth > width + 0.5;
    if ((box.right > width + 0.5 || spills) && box.width > 0 && element.checkVisibility()) {
      const inner = [...element.children].some((child) => child.getBoundingClientRect().right > width + 0.5);
      const name = `${element.tagName.toLowerCase()}.${[...element.classList].join(".")}`;
      if (!inner) wide.push(`${name} ${Math.round(box.right)}px`);
    }
  }
  return {scrollWidth: document.documentElement.scrollWidth, width, wide: wide.slice(0, 5)};
}"""


def _too_wide(page, paths: list[str]) -> dict[str, object]:
    """Each path whose document is wider than the viewport, with what sticks out.

    Error pages (a 404, a form's 400) are measured too: they are pages people read on a phone.
    """
    problems: dict[str, object] = {}
    for path in paths:
        response = page.goto(path)
        if response is None or "text/html" not in response.headers.get("content-type", ""):
            problems[path] = "is not a page"
            continue
        measured = page.evaluate(OVERFLOWING)
        if measured["scrollWidth"] > NARROWEST["width"]:
            problems[path] = {"status": response.status, **measured}
    return problems


@pytest.mark.long
def test_every_public_page_fits_a_320_pixel_screen(page, long_words):
    page.set_viewport_size(NARROWEST)
    sitemap = crawl._sitemap_paths(page)
    linked = crawl._linked_public_paths(page, sitemap)
    paths = sitemap + linked + crawl.FORM_RESULT_PAGES + LONG_SEARCHES + [crawl.NOT_FOUND_PAGE]
    problems = _too_wide(page, paths)
    assert problems == {}, f"{len(problems)} of {len(paths)} pages scroll sideways:\n" + json.dumps(problems, indent=1)


@pytest.mark.parametrize("role", crawl.SIGNED_IN_PAGES)
def test_every_signed_in_page_fits_a_320_pixel_screen(page, long_words, sign_in, role):
    page.set_viewport_size(NARROWEST)
    sign_in(page, long_words[role])
    paths = crawl.SIGNED_IN_PAGES[role](long_words)
    problems = _too_wide(page, paths)
    assert problems == {}, f"{len(problems)} of {len(paths)} pages scroll sideways:\n" + json.dumps(problems, indent=1)


@pytest.mark.parametrize("path", WIDE_TABLES)
def test_a_wide_table_scrolls_in_its_own_labelled_region_and_the_page_does_not(page, portal, path):
    page.set_viewport_size(NARROWEST)
    page.goto(path)
    region = page.get_by_role("region", name=WIDE_TABLES[path], exact=True)
    expect(region).to_have_attribute("tabindex", "0")
    expect(region.get_by_role("columnheader").first).to_be_visible()
    fits_the_screen(page)
    assert page.evaluate(TABLES_OFF_SCREEN) == []


def test_a_wide_table_scrolls_sideways_with_the_keyboard_keeping_its_headers(page, portal):
    page.set_viewport_size(NARROWEST)
    page.goto(reverse("transparency:spending"))
    region = page.get_by_role("region", name="Payments, scrolls sideways")
    assert region.evaluate("element => element.scrollWidth > element.clientWidth"), "nothing to scroll at 320 pixels"
    press(page, region, "ArrowRight")
    page.wait_for_function("element => element.scrollLeft > 0", arg=region.element_handle())
    # Scrolled to its end, the last column is on screen under its own header.
    region.evaluate("element => element.scrollTo(element.scrollWidth, 0)")
    header, screen = region.get_by_role("columnheader", name="Amount").bounding_box(), region.bounding_box()
    assert screen["x"] <= header["x"] and header["x"] + header["width"] <= screen["x"] + screen["width"] + 1


def _changed_public_pages(portal) -> list[str]:
    published = portal["published"]
    return [
        reverse("localism:home"),
        reverse("directory:search") + "?q=lunch",
        published.get_absolute_url(),
        published.organisation.get_absolute_url(),
        reverse("localism:place_detail", kwargs={"slug": "north-norfolk"}),
        reverse("transparency:contracts"),
        *WIDE_TABLES,
    ]


@pytest.mark.long
@SIZES
def test_the_pages_changed_for_phones_are_accessible_at_phone_sizes(page, portal, assert_accessible, size):
    page.set_viewport_size(size)
    problems = {}
    for path in _changed_public_pages(portal):
        page.goto(path)
        try:
            assert_accessible(page)
        except AssertionError as failure:
            problems[path] = str(failure).split("\nassert")[0]
    assert problems == {}, json.dumps(problems, indent=1)


@SIZES
@pytest.mark.parametrize(
    ("role", "path"),
    [
        ("group_member", "directory:organisation_manage"),
        ("resident", "notifications:following"),
        ("resident", "transparency:yours"),
    ],
)
def test_signed_in_tables_are_accessible_at_phone_sizes(page, portal, sign_in, assert_accessible, size, role, path):
    page.set_viewport_size(size)
    sign_in(page, portal[role])
    kwargs = {"slug": portal["organisation"].slug} if path == "directory:organisation_manage" else {}
    page.goto(reverse(path, kwargs=kwargs))
    assert page.evaluate("document.documentElement.scrollWidth") <= size["width"]
    assert page.evaluate(TABLES_OFF_SCREEN) == []
    assert_accessible(page)
