"""Community asset transfer and neighbourhood plans in a real browser, each page scanned with axe:
a group applies to take over a building and staff move it through to a decision; a resident reads the
stage of a parish's neighbourhood plan from the county-wide list."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from asset_transfers.models import Stage, TransferApplication
from localism.models import Council, Place
from neighbourhood_plans.models import NeighbourhoodPlan
from tests.browser.conftest import expect_heading, expect_success, press_button
from tests.factories import PlaceFactory
from transparency.models import Decision

pytestmark = pytest.mark.django_db(transaction=True)


def _staff_step(page, sign_in, moderator, application, button: str, fill) -> None:
    sign_in(page, moderator)
    page.goto(reverse("admin:asset_transfers_transferapplication_change", kwargs={"object_id": application.pk}))
    page.get_by_role("button", name=button).click()
    fill(page)


def test_a_group_applies_to_take_over_a_building_and_staff_move_it_through_to_a_decision(
    page, sign_in, group_owner, moderator, reference_data, assert_accessible, tmp_path
):
    sign_in(page, group_owner)
    page.goto(reverse("asset_transfers:list"))
    assert_accessible(page)
    page.get_by_role("button", name="Apply for a building or land").click()
    expect_heading(page, "Apply to take over a building or land", assert_accessible)

    page.get_by_label("Name of the building or land").fill("Runton Road Hall")
    page.get_by_label("Address or description of where it is").fill("Runton Road, Cromer")
    page.get_by_label("Where is it?").select_option(label="Cromer")
    page.get_by_label("Which council owns it?").select_option(label="Norwich City Council")
    page.get_by_label("A lease").check()
    page.get_by_label("What would your group do with it?").fill("A community café and a youth club.")
    press_button(page, "Send the expression of interest")
    expect(page.locator(".govuk-error-summary")).to_contain_text("Say how the community would benefit")
    expect(page.get_by_label("Name of the building or land")).to_have_value("Runton Road Hall")
    expect(page.get_by_label("What would your group do with it?")).to_have_value("A community café and a youth club.")
    assert_accessible(page)
    page.get_by_label("How would the community benefit?").fill("Somewhere warm to meet, open every day.")
    press_button(page, "Send the expression of interest")
    expect(page.locator(".govuk-error-summary")).to_contain_text("Norwich City Council does not cover Cromer")
    expect(page.get_by_label("How would the community benefit?")).to_have_value(
        "Somewhere warm to meet, open every day."
    )
    assert_accessible(page)
    assert not TransferApplication.objects.exists()

    page.get_by_label("Which council owns it?").select_option(label="North Norfolk District Council")
    press_button(page, "Send the expression of interest")
    expect_success(page, "Expression of interest CAT-")
    expect(page.locator("#application-status")).to_have_text("Expression of interest")
    assert_accessible(page)
    application = TransferApplication.objects.get()

    _staff_step(
        page,
        sign_in,
        moderator,
        application,
        "Accept the expression of interest",
        lambda p: p.get_by_label("Note for the group and the timeline").fill("Send a five-year budget."),
    )
    page.get_by_role("button", name="Accept the expression of interest").click()
    expect(page.locator(".messagelist")).to_contain_text("Accepted: 1")

    sign_in(page, group_owner)
    page.goto(application.get_absolute_url())
    expect(page.locator("#timeline")).to_contain_text("Send a five-year budget.")
    page.get_by_role("button", name="Add a document").click()
    expect_heading(page, "Add a document", assert_accessible)
    case = tmp_path / "business-case.pdf"
    case.write_bytes(b"%PDF-1.4\n% the business case\n")
    page.get_by_label("What is the document?").fill("Business case")
    page.get_by_label("The document", exact=True).set_input_files(str(case))
    press_button(page, "Add the document")
    expect_success(page, "“Business case” added")
    press_button(page, "Send the business case")
    expect_success(page, "Business case sent")
    expect(page.locator("#application-status")).to_have_text("Assessment")
    assert_accessible(page)

    today = f"{timezone.localdate():%d/%m/%Y}"

    def decide(p):
        p.get_by_label("Approved").check()
        p.get_by_label("Date of the decision").fill(today)
        p.get_by_label("Who decided").fill("Cabinet")
        p.get_by_label("Reasons").fill("The business case shows the hall will be well used.")

    _staff_step(page, sign_in, moderator, application, "Record the decision", decide)
    page.get_by_role("button", name="Record the decision").click()
    expect(page.locator(".messagelist")).to_contain_text("Decision recorded: 1")
    application.refresh_from_db()
    assert application.stage == Stage.DECISION and application.outcome == "approved"

    page.context.clear_cookies()
    page.goto(application.get_absolute_url())
    expect(page.locator("#application-status")).to_have_text("Decision: approved")
    expect(page.locator("#timeline")).to_contain_text("Business case sent")
    expect(page.locator("main")).to_contain_text("The business case shows the hall will be well used.")
    assert_accessible(page)
    page.get_by_role("link", name=Decision.objects.get().title).click()
    expect_heading(page, Decision.objects.get().title, assert_accessible)


@pytest.fixture
def plans(reference_data, moderator):
    from neighbourhood_plans import services

    today = timezone.localdate()
    made = {}
    for name, district in (("Aldborough", "north-norfolk"), ("Felmingham", "north-norfolk"), ("Reepham", "broadland")):
        district_place = Place.objects.get(slug=district)
        made[name] = services.plan_designate(
            by=moderator,
            area=PlaceFactory(name=name, kind=Place.Kind.PARISH, parent=district_place),
            council=Council.objects.district_council_of(district_place).get(),
            name=f"{name} Neighbourhood Plan",
            qualifying_body=f"{name} Parish Council",
            designated_on=today - timedelta(days=700),
        )
    plan = made["Felmingham"]
    start = plan.designated_on
    plan = services.plan_open_consultation(
        plan=plan, by=moderator, opens_on=start + timedelta(days=10), closes_on=start + timedelta(days=70)
    )
    plan = services.plan_submit(plan=plan, by=moderator, submitted_on=start + timedelta(days=100))
    plan = services.plan_start_examination(plan=plan, by=moderator, starts_on=start + timedelta(days=150))
    services.plan_record_referendum(
        plan=plan,
        by=moderator,
        held_on=start + timedelta(days=300),
        turnout=Decimal("34.2"),
        yes_share=Decimal("87.5"),
    )
    return made


def test_a_resident_reads_the_stage_of_a_parish_neighbourhood_plan(page, plans, assert_accessible):
    page.goto(reverse("neighbourhood_plans:list"))
    expect(page.get_by_role("heading", name="3 plans")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("District").select_option(label="North Norfolk")
    page.get_by_label("Stage").select_option(label="Referendum held")
    press_button(page, "Apply filters")
    expect(page).to_have_url(reverse("neighbourhood_plans:list") + "?stage=referendum&district=north-norfolk")
    expect(page.get_by_role("heading", name="1 plan")).to_be_visible()
    expect(page.locator("#plans")).not_to_contain_text("Aldborough")
    assert_accessible(page)

    page.get_by_role("link", name="Felmingham").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Felmingham Neighbourhood Plan")
    expect(page.locator("#plan-stage")).to_have_text("Referendum held")
    referendum = page.locator("#referendum")
    expect(referendum).to_contain_text("34.2%")
    expect(referendum).to_contain_text("87.5%")
    expect(referendum).to_contain_text("Supported")
    assert_accessible(page)

    page.get_by_role("link", name="Felmingham", exact=True).click()
    expect(page.get_by_role("heading", name="Neighbourhood plans")).to_be_visible()
    assert_accessible(page)
    assert NeighbourhoodPlan.objects.count() == 3
