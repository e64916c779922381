"""Participatory budgeting in a real browser: a resident votes, a group proposes, staff check and publish."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from budgeting.models import Ballot, Project
from tests.browser.conftest import expect_heading, press, press_button
from tests.budgeting.factories import ProjectFactory, RoundFactory
from tests.directory.factories import MembershipFactory
from tests.factories import PlaceFactory, PostcodeFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_resident_votes_with_the_keyboard_and_an_over_budget_ballot_is_refused(
    page, sign_in, cromer_round, assert_accessible
):
    PostcodeFactory(in_cromer=True)
    sign_in(page, UserFactory(home_postcode="NR27 9AB"))
    page.goto(cromer_round.get_absolute_url())
    assert_accessible(page)
    press_button(page, "Vote now")
    expect_heading(page, "Your vote", assert_accessible)

    total = page.locator("#ballot-total")
    expect(total).to_have_text("£0 chosen: £10,000 of £10,000 left.")
    press(page, page.get_by_label("Benches on the prom (£6,000)"), "Space")
    expect(total).to_have_text("£6,000 chosen: £4,000 of £10,000 left.")
    press(page, page.get_by_label("Youth music (£5,000)"), "Space")
    expect(total).to_have_text("£11,000 chosen: £1,000 over the £10,000 available. Untick a project before you vote.")
    assert_accessible(page)
    press_button(page, "Cast your vote")
    expect(page.locator(".govuk-error-summary")).to_contain_text("more than the £10,000 available")
    expect(page.get_by_label("Youth music (£5,000)")).to_be_checked()
    assert_accessible(page)

    press(page, page.get_by_label("Youth music (£5,000)"), "Space")
    press(page, page.get_by_label("Community fridge (£3,000)"), "Space")
    press_button(page, "Cast your vote")
    expect(page.get_by_role("heading", level=1)).to_have_text("Your vote is recorded")
    expect(page.locator("table")).to_contain_text("Community fridge")
    expect(page.locator("table")).to_contain_text("£9,000 of £10,000")
    assert Ballot.objects.count() == 1
    assert_accessible(page)


def test_a_group_proposes_a_project_with_the_keyboard(page, sign_in, resident, assert_accessible):
    budget_round = RoundFactory(taking_proposals=True)
    PlaceFactory(name="Aylsham Test")
    MembershipFactory(user=resident, organisation__name="Aylsham in Bloom")
    sign_in(page, resident)
    page.goto(budget_round.get_absolute_url())
    page.get_by_role("button", name="Propose a project").click()
    assert_accessible(page)
    page.get_by_label("Title").fill("Market square planters")
    page.get_by_label("Description").fill("Planters looked after by volunteers.")
    page.get_by_label("Cost (£)").fill("9000")
    page.get_by_label("Place").select_option(label="Aylsham Test")
    page.get_by_label("Organisation behind it").select_option(label="Aylsham in Bloom")
    press_button(page, "Send your proposal")
    expect(page.locator(".govuk-error-summary")).to_contain_text("The cost must be £6,000 or less")
    expect(page.get_by_label("Title")).to_have_value("Market square planters")
    assert_accessible(page)
    page.get_by_label("Cost (£)").fill("4000")
    press_button(page, "Send your proposal")
    expect(page.get_by_role("heading", level=1)).to_have_text("Market square planters")
    assert Project.objects.get().status == "submitted"
    assert_accessible(page)


def test_staff_check_a_proposal_and_the_published_results_are_accessible(page, sign_in, moderator, assert_accessible):
    now = timezone.now()
    closed = RoundFactory(voting_opens=now - timedelta(days=5), voting_closes=now - timedelta(hours=1))
    submitted = ProjectFactory(round=closed, status="submitted", title="Skate park ramps")
    ProjectFactory(round=closed, title="Library garden")
    sign_in(page, moderator)
    page.goto(reverse("admin:budgeting_project_change", kwargs={"object_id": submitted.pk}))
    page.get_by_label("Status").select_option("declined")
    page.get_by_label("Decline reason").fill("The land belongs to the town council, who have not agreed.")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist")).to_be_visible()
    submitted.refresh_from_db()
    assert submitted.status == "declined"

    page.goto(reverse("admin:budgeting_round_changelist"))
    page.get_by_role("checkbox", name=re.compile("Select this object")).first.check()
    page.locator("select[name=action]").select_option("publish_results")
    page.get_by_role("button", name="Go").click()
    page.goto(reverse("budgeting:results", kwargs={"slug": closed.slug}))
    expect_heading(page, "Results", assert_accessible)
    page.goto(reverse("budgeting:round_list"))
    assert_accessible(page)


def test_the_spam_trap_of_a_project_comment_form_is_hidden_from_people(page, sign_in, assert_accessible):
    project = ProjectFactory(title="Seafront benches")
    sign_in(page, UserFactory())
    page.goto(project.get_absolute_url())

    expect(page.get_by_label("Your comment")).to_be_visible()
    expect(page.locator('input[name="website"]')).to_be_hidden()
    expect(page.get_by_text("Leave this empty")).to_be_hidden()
    assert_accessible(page)
