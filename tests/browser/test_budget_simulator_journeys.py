"""The budget simulator in a real browser, on a phone-sized screen: a resident balances the budget with the
live running balance (scripts on) and with the "Check my budget" button alone (scripts off); every page passes
an axe scan."""

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from budget_simulator.models import BudgetSubmission
from tests.browser.conftest import expect_success, fits_the_screen, press_button

pytestmark = pytest.mark.django_db(transaction=True)


PHONE = {"width": 375, "height": 667}


def _scan_without_scripts(browser, live_server, page, assert_accessible) -> None:
    """axe-core needs scripts to run, so the page as served with scripts off (its own scripts taken out) is
    scanned in a page that runs them, at the same address and size, with the same stylesheets."""
    html = re.sub(r"<script\b[^>]*>.*?</script>", "", page.content(), flags=re.S)
    context = browser.new_context(base_url=live_server.url, locale="en-GB", viewport=PHONE)
    scan = context.new_page()
    scan.route(page.url, lambda route: route.fulfill(status=200, content_type="text/html; charset=utf-8", body=html))
    try:
        scan.goto(page.url)
        assert scan.locator("script").count() == 0
        assert_accessible(scan)
    finally:
        context.close()


def _steps(person) -> dict[str, int]:
    submission = BudgetSubmission.objects.get(respondent=person)
    return {c.service.name: c.steps for c in submission.choices.select_related("service")}


def test_a_resident_balances_the_budget_on_a_phone_with_the_live_balance(
    page,
    sign_in,
    resident,
    simulator,
    assert_accessible,
):
    sign_in(page, resident)
    page.set_viewport_size(PHONE)
    page.goto(simulator.consultation.get_absolute_url())
    page.get_by_role("link", name="Balance the budget").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Balance the budget")
    fits_the_screen(page)
    assert_accessible(page)

    balance = page.locator("#budget-balance")
    expect(balance).to_have_attribute("aria-live", "polite")
    page.get_by_label("Libraries").fill("-1")
    expect(balance).to_contain_text("You still need to find £750,000.")
    expect(page.locator("[data-consequence]").first).to_have_text("2 fewer mobile library stops")
    page.get_by_label("Council tax").fill("1")
    expect(balance).to_contain_text("You still need to find £550,000.")
    expect(page.get_by_text("a Band D household pays £5.50 a year more")).to_be_visible()
    assert_accessible(page)

    # The server refuses the budget that does not balance yet, and keeps what was typed.
    press_button(page, "Submit my budget")
    expect(page.locator(".govuk-error-summary")).to_contain_text("you still need to find £550,000")
    expect(page.get_by_label("Libraries")).to_have_value("-1")
    fits_the_screen(page)
    assert_accessible(page)

    page.get_by_label("Home care").fill("-1")
    expect(balance).to_contain_text("You still need to find £50,000.")
    page.get_by_label("Council tax").fill("2")
    expect(balance).to_contain_text("Your budget balances, with £150,000 to spare.")
    expect(page.get_by_text("120 fewer home care packages")).to_be_visible()
    press_button(page, "Submit my budget")
    expect_success(page, "your budget has been submitted")
    expect(page.get_by_role("heading", level=1)).to_have_text("Budget submitted")
    fits_the_screen(page)
    assert_accessible(page)
    assert _steps(resident) == {"Libraries": -1, "Home care": -1}


def test_a_resident_balances_the_budget_on_a_phone_with_scripts_off(
    browser,
    live_server,
    sign_in,
    resident,
    simulator,
    assert_accessible,
):
    context = browser.new_context(
        base_url=live_server.url,
        locale="en-GB",
        timezone_id="Europe/London",
        java_script_enabled=False,
        viewport=PHONE,
    )
    context.set_default_timeout(10_000)
    page = context.new_page()
    try:
        sign_in(page, resident)
        page.goto(reverse("budget_simulator:simulator", kwargs={"slug": simulator.consultation.slug}))
        expect(page.locator("#budget-balance")).to_contain_text("You still need to find £1,000,000.")
        _scan_without_scripts(browser, live_server, page, assert_accessible)

        page.get_by_label("Libraries").fill("-2")
        page.get_by_label("Council tax").fill("1")
        press_button(page, "Check my budget")
        expect(page.locator(".localism-budget-checked")).to_have_text("You still need to find £300,000.")
        expect(page.get_by_text("Libraries open 4 fewer hours a week")).to_be_visible()
        expect(page.get_by_label("Libraries")).to_have_value("-2")
        fits_the_screen(page)
        _scan_without_scripts(browser, live_server, page, assert_accessible)

        page.get_by_label("Home care").fill("-3")
        press_button(page, "Check my budget")
        expect(page.locator(".govuk-error-summary")).to_contain_text("Home care can move from -1 to 2 steps")
        _scan_without_scripts(browser, live_server, page, assert_accessible)

        page.get_by_label("Home care").fill("-1")
        press_button(page, "Check my budget")
        expect(page.locator(".localism-budget-checked")).to_have_text("Your budget balances, with £200,000 to spare.")
        press_button(page, "Submit my budget")
        expect(page.get_by_role("heading", level=1)).to_have_text("Budget submitted")
        _scan_without_scripts(browser, live_server, page, assert_accessible)
        assert _steps(resident) == {"Libraries": -2, "Home care": -1}

        # Once the consultation closes, the results are public, by service and by district.
        simulator.consultation.closes_at = timezone.now() - dt.timedelta(minutes=1)
        simulator.consultation.save()
        page.goto(reverse("budget_simulator:results", kwargs={"slug": simulator.consultation.slug}))
        expect(page.get_by_role("heading", level=1)).to_have_text("What people chose")
        expect(page.get_by_text("1 balanced budget.")).to_be_visible()
        fits_the_screen(page)
        _scan_without_scripts(browser, live_server, page, assert_accessible)
    finally:
        context.close()
