"""One-time codes and paper ballots in a real browser, with the keyboard, each page scanned by axe: a resident
without an account votes with the code from their card; staff print codes and enter paper ballots."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from budgeting.models import Ballot
from participation_codes.models import CodeBatch
from participation_codes.services import printed
from tests.browser.conftest import press
from tests.participation_codes.helpers import codes_for

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_resident_votes_with_the_code_on_their_card(page, cromer_round, assert_accessible):
    code = printed(codes_for(cromer_round, 1)[0])
    page.goto(cromer_round.get_absolute_url())
    assert_accessible(page)
    press(page, page.get_by_role("link", name="Vote with your code"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Vote with your code")
    assert_accessible(page)

    # A mistyped code: one message, and what was chosen is kept.
    page.get_by_label("Your one-time code").fill("ABCD-EFGH-JKMN")
    press(page, page.get_by_label("Community fridge (£3,000)"), "Space")
    press(page, page.get_by_role("button", name="Cast your vote"))
    expect(page.locator(".govuk-error-summary")).to_contain_text("This code cannot be used.")
    expect(page.get_by_label("Community fridge (£3,000)")).to_be_checked()
    assert_accessible(page)

    page.get_by_label("Your one-time code").fill(code.lower())
    press(page, page.get_by_label("Youth music (£5,000)"), "Space")
    press(page, page.get_by_role("button", name="Cast your vote"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Your vote is recorded")
    expect(page.get_by_text("Your code is now used up")).to_be_visible()
    assert_accessible(page)
    ballot = Ballot.objects.get()
    assert ballot.channel == "code" and ballot.choices.count() == 2


def test_staff_print_codes_and_enter_paper_ballots(page, sign_in, moderator, cromer_round, assert_accessible):
    sign_in(page, moderator)
    page.goto(reverse("admin:budgeting_round_change", args=[cromer_round.pk]))
    press(page, page.get_by_role("link", name="One-time codes"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("One-time codes")
    assert_accessible(page)
    page.get_by_label("How many codes").fill("16")
    page.get_by_label("Where they will go").fill("Cromer carnival")
    with page.expect_download() as download:
        press(page, page.get_by_role("button", name="Make the codes and download the sheet"))
    assert download.value.suggested_filename.endswith(".pdf")
    assert CodeBatch.objects.get().size == 16

    page.goto(reverse("admin:budgeting_round_change", args=[cromer_round.pk]))
    press(page, page.get_by_role("link", name="Enter paper ballots"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Enter paper ballots")
    assert_accessible(page)

    # Over the pot: refused with the amounts, what was typed kept.
    page.get_by_label("Ballot paper number").fill("0001")
    press(page, page.get_by_label("Benches on the prom (£6,000)"), "Space")
    press(page, page.get_by_label("Youth music (£5,000)"), "Space")
    press(page, page.get_by_role("button", name="Enter this ballot"))
    expect(page.get_by_role("alert")).to_contain_text("cost £11,000, more than the £10,000 available")
    expect(page.get_by_label("Ballot paper number")).to_have_value("0001")
    assert_accessible(page)

    press(page, page.get_by_label("Youth music (£5,000)"), "Space")
    press(page, page.get_by_role("button", name="Enter this ballot"))
    expect(page.locator(".messagelist")).to_contain_text("Ballot paper 0001 is entered and counted.")
    expect(page.locator("#took-part")).to_contain_text("1 on paper")
    assert_accessible(page)

    # The same paper again is caught.
    page.get_by_label("Ballot paper number").fill("0001")
    press(page, page.get_by_label("Community fridge (£3,000)"), "Space")
    press(page, page.get_by_role("button", name="Enter this ballot"))
    expect(page.get_by_role("alert")).to_contain_text(re.compile("Ballot paper 0001 has already been entered"))
    assert Ballot.objects.filter(channel="paper").count() == 1
