"""Following and unsubscribing in a real browser: accessible and keyboard-operable."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from notifications.models import Subscription
from notifications.tokens import unsubscribe_token
from tests.browser.conftest import expect_heading, press, press_button
from tests.factories import TopicFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_resident_follows_their_town_and_topics_with_the_keyboard(
    page, sign_in, resident, reference_data, assert_accessible
):
    TopicFactory(name="Libraries and culture")
    sign_in(page, resident)
    page.goto(reverse("localism:place_detail", kwargs={"slug": "cromer"}))
    assert_accessible(page)
    press(page, page.get_by_role("button", name=re.compile("Follow this place")))
    expect(page.get_by_role("button", name=re.compile("Stop following"))).to_be_visible()
    assert Subscription.objects.filter(user=resident).count() == 1
    assert_accessible(page)

    page.goto(reverse("notifications:following"))
    expect(page.get_by_role("link", name="Cromer")).to_be_visible()
    press(page, page.get_by_label("Libraries and culture"), "Space")
    press_button(page, "Save your topics")
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Your topics have been saved.")
    expect(page.get_by_label("Libraries and culture")).to_be_checked()
    assert_accessible(page)


def test_the_unsubscribe_pages_are_accessible(page, resident, assert_accessible):
    token = unsubscribe_token(resident, "notifications.announcement")
    page.goto(reverse("notifications:unsubscribe", kwargs={"token": token}))
    expect_heading(page, "Stop these emails?", assert_accessible)
    press_button(page, "Unsubscribe")
    expect_heading(page, "You have unsubscribed", assert_accessible)
    page.goto(reverse("notifications:unsubscribe", kwargs={"token": "not-a-token"}))
    assert_accessible(page)
