"""A survey that branches, in Chromium: answered page by page with the keyboard, saved, resumed and sent;
the same with scripts off, and with a one-time code on a phone. Every page is scanned by axe-core (with
scripts on: axe is a script)."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from consultations.models import Response
from participation_codes.services import printed
from tests.browser.conftest import expect_success, press, press_button
from tests.consultations.factories import ConsultationFactory, branching_survey
from tests.participation_codes.helpers import codes_for

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def consultation(reference_data):
    consultation = ConsultationFactory(title="A new community transport service", slug="community-transport")
    branching_survey(consultation)
    return consultation


def _heading(page, text: str) -> None:
    expect(page.get_by_role("heading", level=1)).to_have_text(text)


def _continue_to(page, heading: str, assert_accessible) -> None:
    """Continue with the keyboard to the next page of questions, and scan it."""
    press_button(page, "Continue")
    _heading(page, heading)
    assert_accessible(page)


def test_a_resident_saves_a_branching_survey_and_comes_back_to_finish_it(
    sign_in, page, resident, consultation, assert_accessible
):
    sign_in(page, resident)
    page.goto(consultation.get_absolute_url())
    press_button(page, "Respond to the consultation")
    _heading(page, "Your response")
    assert_accessible(page)

    # Continuing without the required answer: the error summary, then the answer that opens "Your journeys".
    press_button(page, "Continue")
    expect(page.locator(".govuk-error-summary")).to_be_focused()
    assert_accessible(page)
    press(page, page.get_by_role("radio", name="Yes"), "Space")
    _continue_to(page, "Your journeys", assert_accessible)

    press(page, page.get_by_role("checkbox", name="Evenings"), "Space")
    press_button(page, "Save and come back later")
    expect_success(page, "Your answers are saved.")
    assert_accessible(page)
    assert not Response.objects.exists()

    # Coming back another day: the survey opens at the page where they stopped, with what they chose.
    page.goto(consultation.get_absolute_url())
    press_button(page, "Continue your response")
    _heading(page, "Your journeys")
    expect(page.get_by_role("checkbox", name="Evenings")).to_be_checked()
    _continue_to(page, "Safety and anything else", assert_accessible)
    expect(page.get_by_text("How safe do you feel travelling in the evening?")).to_be_visible()
    press(page, page.get_by_role("radio", name="4: Good"), "Space")
    press_button(page, "Send your response")
    _heading(page, "Response received")
    assert_accessible(page)
    saved = Response.objects.get(respondent=resident)
    assert len(saved.not_asked) == 1


def test_the_branching_survey_works_with_scripts_off(browser, live_server, sign_in, resident, consultation):
    # axe-core needs scripts: these pages are scanned in the journey above.
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False, locale="en-GB")
    context.set_default_timeout(10_000)
    page = context.new_page()
    sign_in(page, resident)
    page.goto(reverse("consultations:respond", kwargs={"slug": consultation.slug}))
    page.get_by_role("radio", name="No").check()
    page.get_by_role("button", name="Continue").click()
    _heading(page, "What stops you")
    page.get_by_label("What stops you using it?").fill("There is no bus on Sundays")
    page.get_by_role("button", name="Save and come back later").click()
    expect(page.get_by_text("Your answers are saved.")).to_be_visible()

    page.goto(reverse("consultations:respond", kwargs={"slug": consultation.slug}))
    _heading(page, "What stops you")
    expect(page.get_by_label("What stops you using it?")).to_have_value("There is no bus on Sundays")
    page.get_by_role("button", name="Continue").click()
    _heading(page, "Safety and anything else")
    expect(page.get_by_text("How safe do you feel")).to_have_count(0)
    page.get_by_role("link", name="Back to the previous page of questions").click()
    _heading(page, "What stops you")
    page.get_by_role("button", name="Continue").click()
    page.get_by_role("button", name="Send your response").click()
    _heading(page, "Response received")
    assert Response.objects.get(respondent=resident).answers.count() == 2
    context.close()


def test_a_resident_without_an_account_answers_the_branching_survey_with_a_code_on_a_phone(
    page, consultation, assert_accessible
):
    code = printed(codes_for(consultation, 1)[0])
    page.set_viewport_size({"width": 375, "height": 667})
    page.goto(consultation.get_absolute_url())
    press(page, page.get_by_role("link", name="Respond with your code"))
    _heading(page, "Your response")
    assert_accessible(page)

    press(page, page.get_by_role("radio", name="No"), "Space")
    _continue_to(page, "What stops you", assert_accessible)
    page.get_by_label("What stops you using it?").fill("The bus does not come to my village")
    _continue_to(page, "Safety and anything else", assert_accessible)
    expect(page.get_by_text("How safe do you feel")).to_have_count(0)
    _continue_to(page, "Check your answers and send them", assert_accessible)
    expect(page.get_by_text("The bus does not come to my village")).to_be_visible()

    # A mistyped code: one message; the answers wait for the right one.
    page.get_by_label("Your one-time code").fill("ABCD-EFGH-JKMN")
    press_button(page, "Send your response")
    expect(page.locator(".govuk-error-summary")).to_contain_text("This code cannot be used.")
    assert_accessible(page)
    assert not Response.objects.exists()

    page.get_by_label("Your one-time code").fill(code.lower())
    press_button(page, "Send your response")
    _heading(page, "Response received")
    expect(page.get_by_text("Your code is now used up")).to_be_visible()
    assert_accessible(page)
    saved = Response.objects.get()
    assert saved.channel == Response.Channel.CODE and saved.answers.count() == 2
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
