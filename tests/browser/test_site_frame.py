"""The home page, a place page, an information page, sign-up and sign-in in a real browser:
zero axe-core violations, and each journey done with the keyboard alone."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.urls import reverse
from playwright.sync_api import expect

from accounts.models import User
from tests.browser.conftest import expect_error_summary, expect_heading, press_button, type_in_turn, type_into
from tests.factories import PostcodeFactory, ResourceFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def content(reference_data):
    PostcodeFactory(in_cromer=True)
    ResourceFactory(title="A guide to involving people")
    from localism.models import Place, PlaceContact

    PlaceContact.objects.create(
        place=Place.objects.get(slug="north-norfolk"),
        name="Locality officer",
        role="officer",
        email="locality@example.org",
        website="https://example.org/",
    )


def test_home_page_is_accessible_and_the_skip_link_works_by_keyboard(page, content, assert_accessible):
    page.goto(reverse("localism:home"))
    expect_heading(page, "Your community, your say", assert_accessible)
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to main content")
    expect(skip).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator("#main-content")).to_be_focused()


def test_a_resident_finds_their_place_by_postcode_with_the_keyboard(page, content, assert_accessible):
    page.goto(reverse("localism:home"))
    type_into(page, page.get_by_label("Enter your postcode"), "nr27 9ab")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/places/cromer/\?postcode=NR27\+9AB$"))
    expect_heading(page, "Cromer", assert_accessible)


def test_a_postcode_error_is_accessible_and_focuses_the_summary(page, content, assert_accessible):
    page.goto(reverse("localism:find_by_postcode") + "?postcode=banana")
    expect_error_summary(page, assert_accessible)


def test_place_page_is_accessible(page, content, assert_accessible):
    page.goto(reverse("localism:place_detail", kwargs={"slug": "north-norfolk"}))
    expect_heading(page, "North Norfolk", assert_accessible)


def test_information_page_is_accessible(page, content, assert_accessible):
    page.goto(reverse("localism:page_detail", kwargs={"slug": "community-rights"}))
    expect_heading(page, "Community rights", assert_accessible)


@pytest.mark.parametrize(
    "url",
    [
        reverse("localism:get_involved"),
        reverse("localism:about"),
        reverse("localism:resource_list"),
        reverse("localism:place_list"),
        reverse("localism:search") + "?q=rights",
        reverse("localism:open_data_licence"),
        "/does-not-exist/",
    ],
)
def test_other_frame_pages_are_accessible(page, content, assert_accessible, url):
    page.goto(url)
    assert_accessible(page)


def test_sign_up_by_keyboard_then_verify_the_email(page, live_server, content, assert_accessible):
    page.goto(reverse("account_signup"))
    assert_accessible(page)
    page.get_by_label("Email").focus()
    type_in_turn(page, "keyboard.person@example.org", "Kim", "a-strong-password-2026", "a-strong-password-2026")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/accounts/confirm-email/$"))
    assert_accessible(page)

    user = User.objects.get(email="keyboard.person@example.org")
    link = re.search(r"https?://[^/\s]+(/accounts/confirm-email/\S+)", mail.outbox[-1].body).group(1)
    page.goto(link)
    assert_accessible(page)
    press_button(page, "Confirm")
    expect(page).to_have_url(re.compile(r"/accounts/profile/$"))
    assert EmailAddress.objects.get(user=user).verified
    assert_accessible(page)


def test_sign_up_errors_are_accessible_and_keep_what_was_typed(page, content, assert_accessible):
    page.goto(reverse("account_signup"))
    page.get_by_label("Email").fill("not-an-email")
    page.get_by_label("Display name").fill("Kim")
    page.get_by_role("button", name="Create an account").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter a valid email address.")
    expect(page.get_by_label("Email")).to_have_value("not-an-email")
    expect(page.get_by_label("Display name")).to_have_value("Kim")
    assert_accessible(page)


def test_sign_in_by_keyboard(page, content, assert_accessible):
    UserFactory(email="kim@example.org")
    page.goto(reverse("account_login"))
    assert_accessible(page)
    page.get_by_label("Email").focus()
    type_in_turn(page, "kim@example.org", "a-long-test-password-42")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/accounts/profile/$"))
    expect_heading(page, "Your account", assert_accessible)
