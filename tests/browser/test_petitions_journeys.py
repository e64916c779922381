"""Petitions in a real browser: a resident starts a petition, others sign, staff acknowledge it, and it
reaches its threshold; every petition page passes an axe scan."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from localism.models import Council, Responsibility
from petitions.models import ExcludedMatter, Petition, PetitionScheme, Signature
from petitions.schemes import load_schemes
from tests.browser.conftest import expect_heading, expect_success, press_button
from tests.factories import PostcodeFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def small_scheme(reference_data):
    """Norfolk's scheme with thresholds a test can reach: 2 signatures make a petition, 3 a debate."""
    load_schemes(PetitionScheme, ExcludedMatter, Council, Responsibility)
    PetitionScheme.objects.filter(council__slug="norfolk-county-council").update(
        signatures_for_petition=2, signatures_for_debate=3
    )
    PostcodeFactory()
    PostcodeFactory(in_cromer=True)
    PostcodeFactory(postcode="CB2 1TN", latitude=52.2043, longitude=0.1149, district_code="E07000008")


def _sign(page, sign_in, petition, person, postcode: str, connection: str, assert_accessible=None) -> None:
    sign_in(page, person)
    page.goto(petition.get_absolute_url())
    page.get_by_role("button", name="Sign this petition").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign this petition")
    if assert_accessible:
        assert_accessible(page)
    page.get_by_label("Your postcode").fill(postcode)
    page.get_by_label(connection).check()
    press_button(page, "Sign the petition")


def test_a_resident_starts_a_petition_others_sign_staff_acknowledge_and_it_reaches_its_threshold(
    page, sign_in, resident, moderator, small_scheme, assert_accessible
):
    sign_in(page, resident)
    page.goto(reverse("petitions:list"))
    assert_accessible(page)
    page.get_by_role("button", name="Start a petition").click()
    expect_heading(page, "Start a petition", assert_accessible)

    page.get_by_label("Title").fill("Safer crossing on Holt Road")
    page.get_by_label("What do you want the council to do?").fill("Put a zebra crossing outside the school.")
    page.get_by_label("What is it about?").select_option(label="Planning applications")
    press_button(page, "Save the draft")
    expect(page.locator(".govuk-error-summary")).to_contain_text("The scheme says: “Petitions about a planning")
    expect(page.get_by_label("Title")).to_have_value("Safer crossing on Holt Road")
    assert_accessible(page)

    page.get_by_label("What is it about?").select_option(label="Roads and highways")
    press_button(page, "Save the draft")
    expect_success(page, "saved as a draft")
    assert_accessible(page)
    press_button(page, "Send it to be checked")
    expect_success(page, "Your petition has been sent")
    petition = Petition.objects.get()
    assert petition.status == Petition.Status.CHECKING

    sign_in(page, moderator)
    page.goto(reverse("admin:petitions_petition_change", kwargs={"object_id": petition.pk}))
    page.get_by_role("button", name="Open it (passes the checks)").click()
    expect(page.locator(".messagelist")).to_contain_text("Opened: 1")

    first, second, third = UserFactory(), UserFactory(), UserFactory()
    _sign(page, sign_in, petition, first, "CB2 1TN", "I work in the area", assert_accessible)
    expect(page.locator(".govuk-error-summary")).to_contain_text("CB2 1TN is outside Norfolk County Council’s area")
    expect(page.get_by_label("Your postcode")).to_have_value("CB2 1TN")
    assert_accessible(page)
    page.get_by_label("Your postcode").fill("NR27 9AB")
    press_button(page, "Sign the petition")
    expect_success(page, "You have signed the petition")
    assert_accessible(page)

    _sign(page, sign_in, petition, second, "NR2 1AB", "I live in the area")
    expect_success(page, "You have signed the petition")
    expect(page.locator("#threshold")).to_contain_text("It counts as a petition")

    sign_in(page, moderator)
    page.goto(reverse("admin:petitions_petition_change", kwargs={"object_id": petition.pk}))
    page.get_by_role("button", name="Acknowledge it").click()
    page.get_by_label("Message").fill("Thank you: the highways team will look at the crossing.")
    page.get_by_role("button", name="Acknowledge petitions").click()
    expect(page.locator(".messagelist")).to_contain_text("Acknowledged: 1")

    _sign(page, sign_in, petition, third, "NR2 1AB", "I study in the area")
    expect_success(page, "You have signed the petition")
    expect(page.locator("#threshold")).to_contain_text("It has enough signatures for a debate at full council")
    expect(page.locator("main")).to_contain_text("Thank you: the highways team will look at the crossing.")
    table = page.get_by_role("region", name="Signatures by district")
    expect(table).to_contain_text("North Norfolk")
    expect(table).to_contain_text("Norwich")
    assert_accessible(page)
    assert Signature.objects.filter(petition=petition).count() == 3

    sign_in(page, resident)
    page.goto(petition.get_absolute_url())
    expect(page.locator("#signature-count")).to_have_text("3")
    assert_accessible(page)
