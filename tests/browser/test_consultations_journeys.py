"""Consultations in a real browser: each role's journey by keyboard, and every page scanned by axe-core."""

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from consultations.models import EqualityMonitoring, Response, TeamApplication
from discussions.models import Comment
from tests.browser.conftest import expect_heading, expect_success, press, press_button, type_into
from tests.consultations.factories import (
    ConsultationFactory,
    DocumentFactory,
    MeetingFactory,
    OutcomeActionFactory,
    OutcomeFactory,
    QuestionFactory,
    StageFactory,
    TeamFactory,
    TeamMemberFactory,
)
from tests.discussions.factories import CommentFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def consultation(reference_data):
    consultation = ConsultationFactory(title="A new community transport service", slug="community-transport")
    QuestionFactory(consultation=consultation, position=1, kind="single", text="Do you use it?", is_required=True)
    QuestionFactory(consultation=consultation, position=2, kind="scale", text="How well does it work?")
    QuestionFactory(
        consultation=consultation,
        position=3,
        kind="multiple",
        text="When do you travel?",
        options=["Mornings", "Evenings"],
    )
    QuestionFactory(
        consultation=consultation,
        position=4,
        kind="ranking",
        text="Rank these priorities",
        options=["Lower fares", "Longer hours"],
    )
    QuestionFactory(consultation=consultation, position=5, kind="long-text", text="Anything else?")
    StageFactory(consultation=consultation)
    DocumentFactory(consultation=consultation, title="Easy Read summary", is_easy_read=True)
    team = TeamFactory(consultation=consultation)
    TeamMemberFactory(team=team, name="Margaret", role="Co-chair")
    MeetingFactory(team=team, title="Workshop on fares")
    CommentFactory(target=consultation, text="Evening journeys matter to me.")
    return consultation


def test_a_resident_responds_and_comments_with_the_keyboard(
    sign_in, page, client, live_server, resident, consultation, assert_accessible
):
    sign_in(page, resident)
    page.goto(reverse("consultations:list"))
    assert_accessible(page)
    press(page, page.get_by_role("link", name="A new community transport service"))
    expect_heading(page, "A new community transport service", assert_accessible)

    press(page, page.get_by_role("button", name=re.compile("Respond to the consultation")))
    expect_heading(page, "Your response", assert_accessible)
    # Sending without the required answer shows the error summary, focused.
    press_button(page, "Send your response")
    expect(page.locator(".govuk-error-summary")).to_be_focused()
    assert_accessible(page)

    press(page, page.get_by_label("Yes").first, "Space")
    press(page, page.get_by_label("4: Good"), "Space")
    press(page, page.get_by_label("Evenings"), "Space")
    press(page, page.get_by_label("Longer hours"), "ArrowDown")  # first place
    type_into(page, page.get_by_label("5. Anything else?"), "Please run on Sundays <b>too</b>")
    press_button(page, "Send your response")
    expect_heading(page, "Response received", assert_accessible)
    saved = Response.objects.get(respondent=resident)
    assert {a.question.text: a.choices or a.text for a in saved.answers.select_related("question")}[
        "Rank these priorities"
    ] == [1]

    press_button(page, "Answer the equality questions")
    expect(page.get_by_label("What is your age?")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("What is your age?").select_option("35-44")
    press_button(page, "Continue")
    expect(page.get_by_text("Which of the following best describes your sexual orientation?")).to_be_visible()
    assert_accessible(page)
    press(page, page.get_by_role("radio", name="Female"), "Space")
    press_button(page, "Send your answers")
    expect_success(page, "Thank you for answering the equality questions.")
    assert EqualityMonitoring.objects.get().sex == "female"

    type_into(page, page.get_by_label("Your comment"), "Line one\nSee https://example.org/timetable")
    press_button(page, "Post comment")
    expect_success(page, "Your comment is published.")
    expect(page.get_by_role("link", name="https://example.org/timetable")).to_have_attribute(
        "rel", "nofollow ugc noopener"
    )
    assert_accessible(page)
    press(page, page.get_by_role("button", name=re.compile("^Agree")).first)
    expect(page.get_by_role("button", name=re.compile("^You agree"))).to_be_visible()
    assert Comment.objects.get(text="Evening journeys matter to me.").agreement_count == 1


def test_a_group_member_applies_to_join_the_team_by_keyboard(
    sign_in, page, client, live_server, other_resident, consultation, assert_accessible
):
    sign_in(page, other_resident)
    page.goto(consultation.get_absolute_url())
    press(page, page.get_by_role("link", name="Apply to join the team"))
    expect_heading(page, "Apply to join the co-production team", assert_accessible)
    type_into(page, page.get_by_label("Why you would like to join"), "We run a car scheme in Aylsham.")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    type_into(page, page.get_by_label("Lived experience or interest you bring"), "Volunteer drivers")
    type_into(page, page.get_by_label("On behalf of an organisation"), "Aylsham Community Hub")
    press_button(page, "Send your application")
    expect(page.get_by_text("Thank you for applying.")).to_be_visible()
    assert TeamApplication.objects.get().organisation_name == "Aylsham Community Hub"


def test_staff_publish_moderate_and_publish_an_outcome(sign_in, page, client, live_server, moderator, reference_data):
    draft = ConsultationFactory(draft=True, title="Day opportunities", slug="day-opportunities")
    sign_in(page, moderator)
    page.goto(draft.get_absolute_url())
    expect(page.get_by_text("Preview: this consultation is not published")).to_be_visible()
    page.goto(reverse("admin:consultations_publish", kwargs={"pk": draft.pk}))
    for label in ["formative stage", "sufficient reasons", "adequate time", "conscientiously considered"]:
        page.get_by_label(re.compile(label)).check()
    page.get_by_role("button", name="Publish").click()
    expect(page.get_by_text(re.compile("^Published. It opens on"))).to_be_visible()

    comment = CommentFactory(target=draft, text="Something rude")
    page.goto(reverse("admin:discussions_comment_changelist") + "?queue=waiting")
    page.goto(reverse("admin:discussions_comment_changelist"))
    page.get_by_role("checkbox", name=re.compile("Select this object")).first.check()
    page.locator("select[name=action]").select_option("hide_abusive")
    page.get_by_role("button", name="Go").click()
    comment.refresh_from_db()
    assert comment.hidden_reason == "abusive"

    outcome = OutcomeFactory(consultation__title="Recycling centres", consultation__slug="recycling")
    OutcomeActionFactory(outcome=outcome)
    page.goto(reverse("admin:consultations_outcome_changelist"))
    page.get_by_role("checkbox", name=re.compile("Select this object")).first.check()
    page.locator("select[name=action]").select_option("_publish_outcome")
    page.get_by_role("button", name="Go").click()
    outcome.refresh_from_db()
    assert outcome.published_at is not None


@pytest.mark.parametrize(
    "path",
    [
        reverse("consultations:list") + "?status=closed&status=outcome",
        reverse("consultations:outcome", kwargs={"slug": "recycling"}),
        reverse("consultations:results", kwargs={"slug": "recycling"}),
        reverse("consultations:results", kwargs={"slug": "community-transport"}),
        "/consultations/community-transport/meetings/{meeting}/",
        "/discussions/consultation/{consultation}/",
        "/discussions/consultation/{consultation}/moderation-log/",
        reverse("consultations:equality_report", kwargs={"slug": "community-transport"}),
    ],
)
def test_public_and_staff_pages_are_accessible(
    sign_in, page, client, live_server, moderator, consultation, assert_accessible, path
):
    outcome = OutcomeFactory(consultation__title="Recycling centres", consultation__slug="recycling")
    QuestionFactory(consultation=outcome.consultation, kind="single", options=["Tuesday", "Wednesday"])
    OutcomeActionFactory(outcome=outcome)
    outcome.themes.create(theme="Open later", response_count=12)
    outcome.published_at = timezone.now() - dt.timedelta(days=1)
    outcome.save()
    Response.objects.create(consultation=outcome.consultation).answers.create(
        question=outcome.consultation.questions.get(), choices=[0]
    )
    for _ in range(6):
        EqualityMonitoring.objects.create(consultation=consultation, sex="female", age_band="35-44")
    sign_in(page, moderator)
    meeting = consultation.team.meetings.get()
    page.goto(path.format(meeting=meeting.pk, consultation=consultation.pk))
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert_accessible(page)


def test_home_and_place_pages_with_consultations_are_accessible(page, consultation, assert_accessible):
    from localism.models import Place

    consultation.places.add(Place.objects.get(slug="cromer"))
    page.goto(reverse("localism:home"))
    expect(page.get_by_role("link", name="A new community transport service")).to_be_visible()
    assert_accessible(page)
    page.goto(reverse("localism:place_detail", kwargs={"slug": "cromer"}))
    expect(page.get_by_role("link", name="A new community transport service")).to_be_visible()
    assert_accessible(page)


def test_refusals_and_errors_are_accessible(
    sign_in, page, client, live_server, resident, consultation, assert_accessible
):
    upcoming = ConsultationFactory(upcoming=True, title="Library hours", slug="library-hours")
    sign_in(page, resident)
    page.goto(reverse("consultations:respond", kwargs={"slug": upcoming.slug}))
    expect_heading(page, "You cannot respond to this consultation now", assert_accessible)
    page.goto(reverse("consultations:results", kwargs={"slug": consultation.slug}))
    expect(page.get_by_text("We publish the results when the consultation closes")).to_be_visible()
    assert_accessible(page)
    page.goto(consultation.get_absolute_url())
    press_button(page, "Post comment")
    expect(page.locator(".govuk-error-summary")).to_be_focused()
    expect(page).to_have_title(re.compile("^Error: "))
    assert_accessible(page)
