"""Every account page a signed-in person can reach, scanned with axe-core."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.parametrize(
    "url",
    [
        "/accounts/profile/",
        "/accounts/email/",
        "/accounts/password/change/",
        "/accounts/2fa/",
        "/accounts/logout/",
        "/notifications/following/",
        "/accounts/profile/delete/",
    ],
)
def test_signed_in_account_pages_are_accessible(page, sign_in, resident, assert_accessible, url):
    sign_in(page, resident)
    page.goto(url)
    expect(page.locator("main h1")).to_be_visible()
    assert_accessible(page)


@pytest.mark.parametrize("url", ["/accounts/password/reset/", "/accounts/login/", "/accounts/signup/"])
def test_signed_out_account_pages_are_accessible(page, assert_accessible, url):
    page.goto(url)
    assert_accessible(page)


def test_staff_two_factor_set_up_page_is_accessible(page, sign_in, staff_without_mfa, assert_accessible):
    sign_in(page, staff_without_mfa)
    page.goto("/accounts/reauthenticate/?next=/accounts/2fa/totp/activate/")
    assert_accessible(page)
    page.get_by_label("Password").fill("a-long-test-password-42")
    page.get_by_role("button", name="Confirm").click()
    expect(page).to_have_url(re.compile(r"/accounts/2fa/totp/activate/$"))
    assert_accessible(page)
