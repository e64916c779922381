"""Events with sign-up in a real browser: one person takes the last place, another joins the waiting list, the
organiser sees both with their access needs, and when the first cancels the second is promoted and emailed;
every page passes an axe scan."""

import pytest
from django.core import mail
from django.urls import reverse
from playwright.sync_api import expect

from events.models import Registration
from notifications.models import Notification
from tests.browser.conftest import expect_success, press_button
from tests.events.factories import EventFactory
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


def _sign_up(page, assert_accessible, needs: str, button: str, said: str) -> None:
    """Give access needs, press the button, see what the page says, and scan it."""
    page.get_by_label("Do you have any access needs? (optional)").fill(needs)
    press_button(page, button)
    expect_success(page, said)
    assert_accessible(page)


def test_signing_up_to_a_full_event_and_being_promoted_from_its_waiting_list(
    page, sign_in, reference_data, parish_clerk, assert_accessible
):
    event = EventFactory(title="Councillor surgery at Cromer Library", capacity=1)
    first = UserFactory(display_name="Ali First")
    second = UserFactory(display_name="Bea Second")

    page.goto(reverse("events:list"))
    assert_accessible(page)
    page.get_by_role("link", name="Councillor surgery at Cromer Library").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Councillor surgery at Cromer Library")
    # The first takes the one place; the second finds the event full and joins the waiting list.
    for person, shown, needs, button, said in [
        (first, ("#places", "1 of 1 left"), "Step-free access", "Sign up", "You have a place"),
        (second, ("#full", "This event is full"), "A hearing loop, please", "Join the waiting list", "waiting list"),
    ]:
        sign_in(page, person)
        page.goto(event.get_absolute_url())
        expect(page.locator(shown[0])).to_contain_text(shown[1])
        assert_accessible(page)
        _sign_up(page, assert_accessible, needs, button, said)
    expect(page.locator("#your-place")).to_contain_text("You are on the waiting list")

    sign_in(page, parish_clerk)
    page.goto(event.get_absolute_url())
    page.get_by_role("link", name="Who is coming, their access needs, and the waiting list").click()
    expect(page.get_by_role("region", name="People with a place")).to_contain_text("Step-free access")
    expect(page.get_by_role("region", name="The waiting list, first come first served")).to_contain_text(
        "A hearing loop, please"
    )
    assert_accessible(page)

    sign_in(page, first)
    page.goto(event.get_absolute_url())
    press_button(page, "Cancel my place")
    expect_success(page, "Your place is cancelled")
    assert_accessible(page)

    promoted = Notification.objects.get(event__kind="events.promoted")
    assert promoted.recipient == second
    assert Registration.objects.get(event=event, user=second).has_place
    assert [m.subject for m in mail.outbox if second.email in m.to and "place came free" in m.subject]

    sign_in(page, second)
    page.goto(event.get_absolute_url())
    expect(page.locator("#your-place")).to_contain_text("You have a place")
    expect(page.get_by_role("button", name="Cancel my place")).to_be_visible()
    assert_accessible(page)
