"""A community group nominates an asset with the keyboard; staff import data and decide the nomination in the
admin; the asset then appears on the public list. Axe scans the public pages at each step."""

from pathlib import Path

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from devtools.sample_data import SAMPLE_DIR
from tests.browser.conftest import (
    expect_error_summary,
    expect_heading,
    list_the_nomination_in_the_admin,
    press,
    press_button,
    type_into,
)
from tests.factories import PostcodeFactory, UserFactory
from transparency.models import AssetNomination, SpendingRecord

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def group_member(reference_data):
    PostcodeFactory(in_cromer=True)
    return UserFactory(email="group@example.org", display_name="Group Member")


def _type_into(page, label: str, text: str) -> None:
    type_into(page, page.get_by_label(label, exact=False).first, text)


def test_a_group_nominates_an_asset_with_the_keyboard_and_staff_list_it(
    sign_in, page, client, live_server, group_member, moderator, assert_accessible, tmp_path
):
    sign_in(page, group_member)
    page.goto(reverse("transparency:assets"))
    assert_accessible(page)
    press(page, page.get_by_role("link", name="Nominate an asset"))
    expect_heading(page, "Nominate an asset of community value", assert_accessible)

    press_button(page, "Send the nomination")
    expect_error_summary(page, assert_accessible)

    _type_into(page, "Name of the asset", "The Red Lion")
    _type_into(page, "Address", "12 Church Street, Cromer")
    _type_into(page, "Postcode", "NR27 9AB")
    _type_into(page, "The land and its boundaries", "The pub, its car park and garden.")
    _type_into(page, "What you know of the freeholders", "Not known")
    _type_into(page, "Why it is of community value", "The last pub in the town; the darts league meets here.")
    _type_into(page, "Name of the nominating body", "Cromer Town Council")
    press(page, page.get_by_label("Parish or town council"), "Space")
    _type_into(page, "The body's local connection", "The town council for Cromer.")
    _type_into(page, "Evidence of eligibility", "We are the town council.")
    plan = tmp_path / "boundary-plan.pdf"
    plan.write_bytes(b"%PDF-1.7\n%%EOF\n")
    page.get_by_label("Supporting document").set_input_files(plan)
    press(page, page.get_by_label("I confirm the body is eligible"), "Space")
    press_button(page, "Send the nomination")

    expect(page.get_by_role("heading", level=1)).to_have_text("The Red Lion")
    expect(page.locator(".govuk-inset-text")).to_contain_text("Awaiting a decision")
    expect(page.get_by_role("link", name="boundary-plan.pdf")).to_be_visible()
    assert_accessible(page)
    nomination = AssetNomination.objects.get()
    page.goto(reverse("transparency:yours"))
    expect(page.get_by_role("link", name="The Red Lion")).to_be_visible()
    expect(page.get_by_text("Awaiting a decision, due by")).to_be_visible()
    assert_accessible(page)

    # Staff decide it in the admin.
    sign_in(page, moderator)
    list_the_nomination_in_the_admin(page, nomination)
    expect(page.locator(".messagelist")).to_contain_text("The Red Lion is listed")

    page.goto(reverse("transparency:assets"))
    expect(page.get_by_role("link", name="The Red Lion", exact=True)).to_be_visible()
    assert_accessible(page)


def test_staff_import_the_demo_quarter_and_a_broken_file_in_the_admin(sign_in, page, client, live_server, moderator):
    sign_in(page, moderator)
    page.goto(reverse("admin:localism_importbatch_changelist"))
    page.get_by_role("link", name="Import a data file").click()

    page.get_by_label("Spending over £500").check()
    page.get_by_label("CSV file").set_input_files(str(Path(SAMPLE_DIR) / "spending-broken.csv"))
    page.get_by_role("button", name="Import the file").click()
    errors = page.locator("#import-errors")
    expect(errors).to_contain_text("Nothing was imported.")
    expect(errors).to_contain_text("Line 4: “31/02/2026” is not a date in the form dd/mm/yyyy")
    expect(errors).to_contain_text("Line 7: “twelve pounds” is not an amount of money (for example £1,234.56)")
    expect(errors).to_contain_text("Line 10: Beneficiary name is missing")
    expect(errors).to_contain_text("Line 12: “2026/13/01” is not a date in the form dd/mm/yyyy")
    assert SpendingRecord.objects.count() == 0

    page.get_by_label("Spending over £500").check()
    page.get_by_label("CSV file").set_input_files(str(Path(SAMPLE_DIR) / "spending-2026-q1.csv"))
    page.get_by_role("button", name="Import the file").click()
    expect(page.locator(".messagelist")).to_contain_text("Imported spending-2026-q1.csv: 400 new rows")
    assert SpendingRecord.objects.count() == 400

    page.goto(reverse("transparency:spending"))
    expect(page.locator(".transparency-totals")).to_contain_text("400")
