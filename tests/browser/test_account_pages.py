"""Every account page a signed-in person can reach, scanned with axe-core."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.parametrize(
    "url",
    [
        reverse("accounts:profile"),
        reverse("account_email"),
        reverse("account_change_password"),
        reverse("mfa_index"),
        reverse("account_logout"),
        reverse("notifications:following"),
        reverse("accounts:delete"),
    ],
)
def test_signed_in_account_pages_are_accessible(page, sign_in, resident, assert_accessible, url):
    sign_in(page, resident)
    page.goto(url)
    expect(page.locator("main h1")).to_be_visible()
    assert_accessible(page)


@pytest.mark.parametrize(
    "url", [reverse("account_reset_password"), reverse("account_login"), reverse("account_signup")]
)
def test_signed_out_account_pages_are_accessible(page, assert_accessible, url):
    page.goto(url)
    assert_accessible(page)


def test_staff_two_factor_set_up_page_is_accessible(page, sign_in, staff_without_mfa, assert_accessible):
    sign_in(page, staff_without_mfa)
    page.goto(reverse("account_reauthenticate") + "?next=/accounts/2fa/totp/activate/")
    assert_accessible(page)
    page.get_by_label("Password").fill("a-long-test-password-42")
    page.get_by_role("button", name="Confirm").click()
    expect(page).to_have_url(re.compile(r"/accounts/2fa/totp/activate/$"))
    assert_accessible(page)
