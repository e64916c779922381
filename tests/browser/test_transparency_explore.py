"""Residents explore spending, contracts, grants, decisions and assets in a real browser:
zero axe-core violations on every page, and the spending journey with the keyboard alone."""

import datetime
import re
from decimal import Decimal

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.browser.conftest import expect_heading, press, press_button, type_into
from tests.transparency.factories import (
    AssetNominationFactory,
    ContractFactory,
    DecisionFactory,
    GrantFactory,
    SpendingRecordFactory,
)
from transparency.models import AssetNomination, DisposalNotice
from transparency.services import spending_facets_refresh

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def published(reference_data):
    for month in range(1, 7):
        SpendingRecordFactory(
            beneficiary_name="Wensum Care Services Ltd",
            amount=Decimal("1000.00") * month,
            payment_date=datetime.date(2025, month, 10),
        )
    SpendingRecordFactory(
        beneficiary_name="Anglian Highways Ltd",
        amount=Decimal("80000.00"),
        service_area="Highways and Transport",
        expense_type="Winter gritting",
    )
    spending_facets_refresh()
    ContractFactory(title="Home care in Breckland", is_sme=True, is_vcse=True)
    GrantFactory(title="Warm spaces in libraries")
    DecisionFactory(
        title="Library opening hours",
        slug="library-opening-hours",
        consultation_url=reverse("consultations:detail", kwargs={"slug": "x"}),
    )
    listed = AssetNominationFactory(
        asset_name="The Red Lion",
        reference="ACV-2026-0001",
        status=AssetNomination.Status.LISTED,
        latitude=52.93,
        longitude=1.30,
    )
    DisposalNotice(nomination=listed, notified_on=datetime.date(2026, 1, 10)).save()
    AssetNominationFactory(asset_name="Old Post Office", status=AssetNomination.Status.NOT_LISTED)


def test_a_resident_filters_spending_and_opens_a_supplier_with_the_keyboard(page, published, assert_accessible):
    page.goto(reverse("transparency:index"))
    expect_heading(page, "Transparency and open data", assert_accessible)

    press(page, page.get_by_role("link", name="Spending over £500"))
    expect_heading(page, "Spending over £500", assert_accessible)

    # Type-ahead picks "Adult Social Services".
    type_into(page, page.get_by_role("combobox", name="Service area (optional)"), "Adult")
    press_button(page, "Apply filters")
    expect(page).to_have_url(re.compile(r"service_area=Adult\+Social\+Services"))
    expect(page.locator(".transparency-totals")).to_contain_text("£21,000")
    assert_accessible(page)

    press(page, page.get_by_role("rowheader").get_by_role("link", name="Wensum Care Services Ltd"))
    expect_heading(page, "Wensum Care Services Ltd", assert_accessible)


def test_a_filter_mistake_is_announced_and_accessible(page, published, assert_accessible):
    page.goto(reverse("transparency:spending") + "?amount_min=lots&date_from=31/02/2025")

    expect(page.locator(".govuk-error-summary")).to_be_focused()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter an amount in pounds")
    assert_accessible(page)


@pytest.mark.parametrize(
    ("path", "heading"),
    [
        (reverse("transparency:contracts"), "Contracts over £5,000"),
        (reverse("transparency:grants"), "Grants to voluntary and community organisations"),
        (reverse("transparency:decisions"), "Decisions"),
        (reverse("transparency:decision_detail", kwargs={"slug": "library-opening-hours"}), "Library opening hours"),
        (reverse("transparency:assets"), "Assets of community value"),
        (reverse("transparency:assets_unsuccessful"), "Unsuccessful nominations"),
        (reverse("transparency:asset_detail", kwargs={"reference": "ACV-2026-0001"}), "The Red Lion"),
        (reverse("localism:place_detail", kwargs={"slug": "north-norfolk"}), "North Norfolk"),
    ],
)
def test_transparency_pages_are_accessible(page, published, assert_accessible, path, heading):
    page.goto(path)

    expect_heading(page, heading, assert_accessible)


@pytest.mark.parametrize(
    "size", [{"width": 1280, "height": 900}, {"width": 320, "height": 640}], ids=["desktop", "320"]
)
def test_a_resident_enters_dates_as_day_month_and_year(page, published, assert_accessible, size):
    page.set_viewport_size(size)
    page.goto(reverse("transparency:spending"))
    paid_after = page.get_by_role("group", name="Paid on or after (optional)")
    paid_after.get_by_label("Day").fill("31")
    paid_after.get_by_label("Month").fill("2")
    paid_after.get_by_label("Year").fill("2025")
    page.get_by_role("button", name="Apply filters").click()

    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("Paid on or after: 31/02/2025 is not a real date")
    expect(paid_after.get_by_label("Day")).to_have_value("31")  # what was typed is kept
    assert_accessible(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= size["width"]
    summary.get_by_role("link").click()
    expect(paid_after.get_by_label("Day")).to_be_focused()

    paid_after.get_by_label("Day").fill("1")
    paid_after.get_by_label("Month").fill("4")
    page.get_by_role("group", name="Paid on or before (optional)").get_by_label("Day").fill("30")
    page.get_by_role("group", name="Paid on or before (optional)").get_by_label("Month").fill("6")
    page.get_by_role("group", name="Paid on or before (optional)").get_by_label("Year").fill("2025")
    page.get_by_role("button", name="Apply filters").click()

    # April to June 2025: 4,000 + 5,000 + 6,000, and 80,000 on 14 May
    expect(page.locator(".transparency-totals")).to_contain_text("£95,000")
    expect(page.get_by_role("link", name="April to June 2025")).to_have_attribute("aria-current", "true")
    assert_accessible(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= size["width"]
