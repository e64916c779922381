"""Choosing text alerts in a real browser, with the keyboard, through the outbox and a Notify stand-in on loopback."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from notifications.models import Announcement, MobileNumber
from notifications.services import announcement_send, subscription_follow
from tests.browser.conftest import expect_heading, expect_success, press_button
from tests.factories import PlaceFactory
from tests.notifications.conftest import notify_fake  # noqa: F401 (the fixture)

pytestmark = pytest.mark.django_db(transaction=True)


def _code(notify_fake) -> str:  # noqa: F811 (the fixture's value)
    return re.match(r"(\d{6}) is your ", notify_fake.texts()[-1]["personalisation"]["body"]).group(1)


def test_a_resident_chooses_text_alerts_and_gets_the_next_alert_by_text(
    page,
    sign_in,
    resident,
    notify_fake,  # noqa: F811 (the fixture)
    assert_accessible,
):
    place = PlaceFactory(name="Wells Test", slug="wells-test")
    subscription_follow(user=resident, target=place)
    sign_in(page, resident)

    page.goto(reverse("accounts:profile"))
    page.get_by_role("link", name="Text message alerts").click()
    expect_heading(page, "Text message alerts", assert_accessible)

    # A landline is refused with the GOV.UK error summary, and what was typed is kept.
    page.get_by_label("UK mobile number").fill("01603 222222")
    page.get_by_role("button", name="Send a code").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter a UK mobile number")
    expect(page.get_by_label("UK mobile number")).to_have_value("01603 222222")
    assert_accessible(page)

    page.get_by_label("UK mobile number").fill("07123 456789")
    page.get_by_label("UK mobile number").press("Enter")
    expect_success(page, "We have sent a code to 07123 456789.")
    assert_accessible(page)

    code = _code(notify_fake)
    wrong = f"{(int(code) + 1) % 1_000_000:06d}"
    page.get_by_label("Code from the text message").fill(wrong)
    page.get_by_label("Code from the text message").press("Enter")
    expect(page.locator(".govuk-error-summary")).to_contain_text("The code is not correct")
    assert not MobileNumber.objects.get(user=resident).is_verified
    assert_accessible(page)

    page.get_by_label("Code from the text message").fill(code)
    press_button(page, "Turn on text alerts")
    expect_success(page, "Text alerts are on. We will text 07123 456789.")
    expect(page.get_by_role("heading", name="Text alerts are on")).to_be_visible()
    assert_accessible(page)
    assert MobileNumber.objects.get(user=resident).is_verified

    announcement = Announcement.objects.create(title="Quay closed on Saturday", body="For the carnival.")
    announcement.places.add(place)
    announcement_send(announcement=announcement, by=None)
    alert = notify_fake.texts()[-1]
    assert alert["phone_number"] == "+447123456789"
    assert alert["personalisation"]["body"].startswith("Quay closed on Saturday\n")
