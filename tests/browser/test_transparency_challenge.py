"""The Community Right to Challenge pages in a real browser: a body expresses an interest with the keyboard,
and every page has zero axe-core violations."""

import pytest
from django.urls import reverse

from tests.browser.conftest import expect_error_summary, expect_heading, press, press_button, type_into
from tests.factories import UserFactory
from transparency.models import ExpressionOfInterest

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_body_expresses_an_interest_with_the_keyboard(page, sign_in, assert_accessible, open_window):
    sign_in(page, UserFactory(email="trust@example.org"))

    page.goto(reverse("transparency:challenge"))
    assert_accessible(page)
    press(page, page.get_by_role("link", name="Express an interest in Libraries 2026"))
    expect_heading(page, "Express an interest in running a service", assert_accessible)

    press_button(page, "Send the expression of interest")
    expect_error_summary(page, assert_accessible)

    for label, text in [
        ("Name of the body", "Holt Community Library Trust"),
        ("The service you want to run", "Holt branch library"),
        ("The area it would cover", "Holt"),
        ("Your financial resources", "Reserves of £40,000."),
        ("Your capability to run the service", "Experienced volunteers."),
        ("Outcomes for the people who use the service", "Saturday opening."),
        ("How it would promote", "A warm space."),
    ]:
        type_into(page, page.get_by_label(label), text)
    press(page, page.get_by_label("Parish or town council"), "Space")
    press_button(page, "Send the expression of interest")

    expect_heading(page, "Holt branch library", assert_accessible)
    assert ExpressionOfInterest.objects.get().body_kind == "parish_council"
