"""The directory in a real browser: a resident searching, a group adding a listing, staff approving it.
Every directory page gets an axe-core scan; each journey is done with the keyboard alone."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from directory.models import Listing, Membership, Organisation
from tests.browser.conftest import expect_error_summary, expect_heading, type_in_turn, type_into
from tests.directory.factories import (
    ListingFactory,
    LocationFactory,
    MembershipFactory,
    OrganisationFactory,
    ScheduleFactory,
    TaxonomyTermFactory,
)
from tests.factories import PostcodeFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


def tab_to(page, locator, limit: int = 80, key: str = "Tab") -> None:
    """Press Tab (or Shift+Tab) until the element has focus, as a keyboard user would."""
    for _ in range(limit):
        page.keyboard.press(key)
        if locator.evaluate("element => element === document.activeElement"):
            return
    raise AssertionError(f"Could not reach {locator} with the Tab key")


@pytest.fixture
def directory(reference_data):
    PostcodeFactory()
    parent = TaxonomyTermFactory(name="Older people")
    term = TaxonomyTermFactory(name="Lunch clubs", parent=parent, taxonomy=parent.taxonomy)
    organisation = OrganisationFactory(name="Acle Community Association")
    listing = ListingFactory(
        organisation=organisation,
        name="Acle Lunch Club",
        summary="A hot two-course lunch and good company.",
        categories=[term],
        minimum_age=60,
        phone="01493 000000",
    )
    LocationFactory(listing=listing, latitude=52.6300, longitude=1.2860, accessibility="Step-free")
    ScheduleFactory(listing=listing, byday="WE")
    ListingFactory(organisation=organisation, name="Acle Youth Club", summary="Games for young people.")
    return {"listing": listing, "term": term, "parent": parent, "organisation": organisation}


def test_a_resident_searches_near_a_postcode_and_reads_a_listing_with_the_keyboard(page, directory, assert_accessible):
    page.goto(reverse("directory:search"))
    expect_heading(page, "Find services, clubs and activities", assert_accessible)

    tab_to(page, page.get_by_label("Keywords"))
    type_in_turn(page, "lunch", "nr2 1ab")
    page.keyboard.press("Enter")

    expect(page).to_have_url(re.compile(r"q=lunch.*postcode=nr2"))
    expect(page.get_by_role("heading", name="1 result")).to_be_visible()
    expect(page.get_by_text("less than half a mile")).to_be_visible()
    assert_accessible(page)

    link = page.get_by_role("link", name="Acle Lunch Club")
    tab_to(page, link)
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Acle Lunch Club")
    expect(page.get_by_text("Every Wednesday, 10am to midday")).to_be_visible()
    expect(page.get_by_text("60 years and over")).to_be_visible()
    assert_accessible(page)


def test_search_errors_and_empty_results_are_accessible(page, directory, assert_accessible):
    page.goto(reverse("directory:search") + "?postcode=banana&age=old")
    expect_error_summary(page, assert_accessible)
    page.goto(reverse("directory:search") + "?q=zebras")
    expect(page.get_by_text("remove some of the filters")).to_be_visible()
    assert_accessible(page)


def test_organisation_and_category_pages_are_accessible(page, directory, assert_accessible):
    page.goto(directory["organisation"].get_absolute_url())
    expect_heading(page, "Acle Community Association", assert_accessible)
    page.goto(reverse("directory:category_list"))
    assert_accessible(page)
    page.goto(directory["parent"].get_absolute_url())
    expect(page.get_by_role("link", name="Acle Lunch Club")).to_be_visible()
    assert_accessible(page)


def test_a_resident_reports_a_problem_with_the_keyboard(
    sign_in, page, client, live_server, directory, assert_accessible
):
    sign_in(page, UserFactory())
    page.goto(directory["listing"].get_absolute_url())
    tab_to(page, page.get_by_role("link", name="Report a problem with this listing"))
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Report a problem")
    assert_accessible(page)

    tab_to(page, page.get_by_role("button", name="Send report"))
    page.keyboard.press("Enter")
    expect_error_summary(page, assert_accessible)
    type_into(page, page.get_by_label("What is wrong with this listing?"), "It now meets on Thursdays.")
    tab_to(page, page.get_by_role("button", name="Send report"))
    page.keyboard.press("Enter")
    expect(page.get_by_text("Thank you. We have told the people who run this listing")).to_be_visible()


def test_a_group_registers_and_adds_a_listing_with_the_keyboard(
    sign_in, page, client, live_server, directory, assert_accessible
):
    owner = UserFactory(email="group@example.org")
    sign_in(page, owner)
    page.goto(reverse("directory:dashboard"))
    assert_accessible(page)
    tab_to(page, page.get_by_role("link", name="Register an organisation"))
    page.keyboard.press("Enter")
    expect_heading(page, "Register an organisation", assert_accessible)

    type_into(page, page.get_by_label("Name of the organisation"), "Aylsham Walkers")
    # Radios: Tab reaches the group, the arrow keys choose within it.
    tab_to(page, page.get_by_label("Registered charity", exact=True))
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    expect(page.get_by_label("Community group")).to_be_checked()
    type_into(page, page.get_by_label("What does the organisation do?"), "Weekly walks for everyone.")
    tab_to(page, page.get_by_role("button", name="Register"))
    page.keyboard.press("Enter")

    expect_heading(page, "Aylsham Walkers", assert_accessible)
    organisation = Organisation.objects.get(name="Aylsham Walkers")
    assert Membership.objects.get(organisation=organisation).user == owner

    tab_to(page, page.get_by_role("link", name="Add a listing"))
    page.keyboard.press("Enter")
    expect_heading(page, "Add a listing", assert_accessible)
    type_into(page, page.get_by_label("Name", exact=True), "Saturday Health Walk")
    tab_to(page, page.get_by_label("Service", exact=True))
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    expect(page.get_by_label("Activity", exact=True)).to_be_checked()
    type_into(page, page.get_by_label("Summary"), "A gentle walk around Aylsham.")
    type_into(page, page.get_by_label("Description"), "Meet at the market place.")
    page.get_by_label("Building and street").first.focus()
    type_in_turn(page, "Market Place", "Aylsham", "NR2 1AB")
    tab_to(page, page.get_by_role("button", name="Save and submit for review"))
    page.keyboard.press("Enter")

    expect(page.get_by_text("is sent for review")).to_be_visible()
    expect(page.get_by_text("Waiting for review")).to_be_visible()
    assert_accessible(page)
    assert Listing.objects.get(name="Saturday Health Walk").status == Listing.Status.PENDING


def test_a_form_with_mistakes_is_accessible(sign_in, page, client, live_server, directory, assert_accessible):
    owner = UserFactory()
    MembershipFactory(organisation=directory["organisation"], user=owner, role=Membership.Role.OWNER)
    sign_in(page, owner)
    page.goto(reverse("directory:listing_create", kwargs={"slug": directory["organisation"].slug}))
    page.get_by_role("button", name="Save as draft").click()
    expect(page.locator(".govuk-error-summary").first).to_be_focused()
    expect(page).to_have_title(re.compile("^Error: "))
    assert_accessible(page)
    # Each section has its own summary; its links take the keyboard to the field.
    section_summary = page.locator("#what-it-is + .govuk-error-summary")
    tab_to(page, section_summary.get_by_role("link", name="Enter the name of the listing"))
    page.keyboard.press("Enter")
    expect(page.get_by_label("Name", exact=True)).to_be_focused()


def test_staff_approve_a_listing_in_the_admin_with_the_keyboard(
    sign_in, page, client, live_server, directory, moderator
):
    pending = ListingFactory(
        organisation=directory["organisation"], name="Acle Book Club", status=Listing.Status.PENDING
    )
    sign_in(page, moderator)
    page.goto(reverse("admin:directory_listing_changelist") + "?status__exact=pending")
    checkbox = page.locator("input.action-select")
    tab_to(page, checkbox, limit=400)
    page.keyboard.press("Space")
    action = page.locator("select[name=action]")
    tab_to(page, action, key="Shift+Tab")
    action.select_option("approve")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")

    expect(page.get_by_text("Approved: 1.")).to_be_visible()
    pending.refresh_from_db()
    assert pending.status == Listing.Status.PUBLISHED


def test_invitation_and_member_pages_are_accessible(sign_in, page, client, live_server, directory, assert_accessible):
    owner = UserFactory()
    MembershipFactory(organisation=directory["organisation"], user=owner, role=Membership.Role.OWNER)
    invited = UserFactory(email="invited@example.org")
    from directory.models import Invitation

    invitation = Invitation.objects.create(
        organisation=directory["organisation"], email=invited.email, invited_by=owner
    )
    sign_in(page, owner)
    page.goto(reverse("directory:organisation_manage", kwargs={"slug": directory["organisation"].slug}))
    page.get_by_role("button", name="Send invitation").click()
    expect_error_summary(page, assert_accessible)
    page.goto(reverse("directory:organisation_edit", kwargs={"slug": directory["organisation"].slug}))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Change the details")
    assert_accessible(page)

    sign_in(page, invited)
    page.goto(reverse("directory:invitation_accept", kwargs={"token": invitation.token}))
    assert_accessible(page)
    tab_to(page, page.get_by_role("button", name="Join Acle Community Association"))
    page.keyboard.press("Enter")
    expect(page.get_by_text("You are now a member of Acle Community Association")).to_be_visible()
