"""Staff run a consultation in the admin: publish (Gunning principles), lock questions, offline responses,
teams and applications, outcomes and their actions; every step audited and the right people told."""

import datetime as dt

import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from consultations.models import Consultation, Question, Response, TeamApplication, TeamMember
from localism.models import AuditEntry
from tests.clients import signed_in
from tests.consultations.conftest import answers_for
from tests.consultations.factories import (
    ConsultationFactory,
    OutcomeActionFactory,
    OutcomeFactory,
    QuestionFactory,
    TeamFactory,
    consultation_admin_form,
)
from tests.discussions.factories import CommentFactory

pytestmark = pytest.mark.django_db


def test_staff_create_a_draft_consultation_with_questions(staff_client):
    data = consultation_admin_form(
        participation_level="co-production",
        questions=[
            {
                "position": "1",
                "kind": "scale",
                "text": "How good is your day service?",
                "options": "Very poor\nPoor\nFair\nGood\nVery good",
            },
            {"position": "2", "kind": "ranking", "text": "Rank what matters", "options": "Only one"},
        ],
    )
    response = staff_client.post(reverse("admin:consultations_consultation_add"), data)
    assert response.status_code == 200
    assert "needs at least 2 options" in response.content.decode()
    data["questions-1-options"] = "Transport\nActivities\nFriends"
    response = staff_client.post(reverse("admin:consultations_consultation_add"), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    consultation = Consultation.objects.get(slug="day-opportunities")
    assert consultation.published_at is None
    assert list(consultation.questions.values_list("options", flat=True))[1] == ["Transport", "Activities", "Friends"]
    assert AuditEntry.objects.filter(action="consultations.consultation.added").exists()


def test_publishing_walks_through_the_gunning_principles_and_warns_under_6_weeks(staff_client):
    consultation = ConsultationFactory(draft=True, closes_at=timezone.now() + dt.timedelta(days=20))
    url = reverse("admin:consultations_publish", kwargs={"pk": consultation.pk})
    page = staff_client.get(url).content.decode()
    assert "shorter than the usual 6 weeks" in page and "formative stage" in page
    staff_client.post(url, {"formative": "on", "reasons": "on"})
    consultation.refresh_from_db()
    assert consultation.published_at is None
    staff_client.post(url, {"formative": "on", "reasons": "on", "time": "on", "consideration": "on"})
    consultation.refresh_from_db()
    assert consultation.published_at is not None
    entry = AuditEntry.objects.get(action="consultations.consultation.published")
    assert entry.data["warnings"]


def test_questions_lock_once_the_first_response_arrives(staff_client, resident, consultation, survey):
    resident_client = signed_in(resident)
    page = staff_client.get(
        reverse("admin:consultations_consultation_change", kwargs={"object_id": consultation.pk})
    ).content.decode()
    assert 'name="questions-0-text"' in page
    resident_client.post(reverse("consultations:respond", kwargs={"slug": consultation.slug}), answers_for(survey))
    page = staff_client.get(
        reverse("admin:consultations_consultation_change", kwargs={"object_id": consultation.pk})
    ).content.decode()
    assert "The questions are locked because people have responded" in page
    assert 'name="questions-0-text"' not in page


def test_a_consultation_with_responses_cannot_go_back_to_draft(staff_client, resident, consultation, survey):
    resident_client = signed_in(resident)
    resident_client.post(reverse("consultations:respond", kwargs={"slug": consultation.slug}), answers_for(survey))
    assert Response.objects.exists()
    staff_client.post(reverse("admin:consultations_publish", kwargs={"pk": consultation.pk}), {"unpublish": "1"})
    consultation.refresh_from_db()
    assert consultation.published_at is not None


def test_staff_enter_an_offline_response_counted_like_any_other(staff_client, consultation, survey):
    url = reverse("admin:consultations_offline_response", kwargs={"pk": consultation.pk})
    data = answers_for(survey, channel="phone", respondent_name="Mrs P")
    data.pop("website", None)
    response = staff_client.post(url, data)
    assert response.status_code == 302
    saved = Response.objects.get()
    assert saved.channel == "phone" and saved.respondent is None and saved.respondent_name == "Mrs P"
    assert AuditEntry.objects.filter(action="consultations.response.entered_offline").exists()
    page = staff_client.get(reverse("consultations:results", kwargs={"slug": consultation.slug})).content.decode()
    assert "1 response" in page and "Phone" in page


def test_an_offline_response_still_needs_the_required_answers(staff_client, consultation, survey):
    url = reverse("admin:consultations_offline_response", kwargs={"pk": consultation.pk})
    response = staff_client.post(url, {"channel": "paper"})
    assert response.status_code == 200
    assert not Response.objects.exists()


def test_a_resident_applies_to_join_the_team_and_staff_accept(
    resident_client, resident, staff_client, consultation, django_capture_on_commit_callbacks
):
    TeamFactory(consultation=consultation)
    applicant = signed_in(resident)
    url = reverse("consultations:team_apply", kwargs={"slug": consultation.slug})
    response = applicant.post(
        url, {"why": "I use the bus", "brings": "Wheelchair user", "access_needs": "Step-free venue"}
    )
    assert response.status_code == 302
    assert applicant.post(url, {"why": "Again", "brings": "x"}).status_code == 400  # one pending application
    application = TeamApplication.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        staff_client.post(
            reverse("admin:consultations_teamapplication_changelist"),
            {"action": "_accept", "_selected_action": [application.pk]},
        )
    member = TeamMember.objects.get(user=resident)
    assert member.access_needs == "Step-free venue"
    assert mail.outbox[-1].to == [resident.email] and "Welcome" in mail.outbox[-1].body
    page = applicant.get(consultation.get_absolute_url()).content.decode()
    assert "Wheelchair user" in page and "Step-free venue" not in page


def test_staff_decline_an_application_with_a_reason_the_applicant_is_told(
    resident, staff_client, consultation, django_capture_on_commit_callbacks
):
    team = TeamFactory(consultation=consultation)
    application = TeamApplication.objects.create(team=team, applicant=resident, why="x", brings="y")
    url = reverse("admin:consultations_teamapplication_changelist")
    page = staff_client.post(url, {"action": "_decline", "_selected_action": [application.pk]}).content.decode()
    assert "Reason (the applicant is told)" in page
    with django_capture_on_commit_callbacks(execute=True):
        staff_client.post(
            url,
            {"action": "_decline", "_selected_action": [application.pk], "apply": "1", "reason": "The team is full"},
        )
    application.refresh_from_db()
    assert application.status == "declined"
    assert "The team is full" in mail.outbox[-1].body


def test_publishing_the_outcome_tells_everyone_who_responded_or_commented(
    staff_client, resident, other_resident, django_capture_on_commit_callbacks
):
    outcome = OutcomeFactory()
    consultation = outcome.consultation
    question = QuestionFactory(consultation=consultation)
    Response.objects.create(consultation=consultation, respondent=resident).answers.create(
        question=question, choices=[0]
    )
    CommentFactory(target=consultation, author=other_resident)
    OutcomeActionFactory(outcome=outcome)
    assert (
        staff_client.get(reverse("consultations:outcome", kwargs={"slug": consultation.slug})).status_code == 200
    )  # staff preview
    with django_capture_on_commit_callbacks(execute=True):
        staff_client.post(
            reverse("admin:consultations_outcome_changelist"),
            {"action": "_publish_outcome", "_selected_action": [outcome.pk]},
        )
    assert sorted(m.to[0] for m in mail.outbox) == sorted([resident.email, other_resident.email])
    assert "We asked, you said, we did" in mail.outbox[0].subject
    page = staff_client.get(reverse("consultations:outcome", kwargs={"slug": consultation.slug})).content.decode()
    assert "Evening journeys matter most" in page and "Extend hours to 10pm" in page and "<svg" in page


def test_an_outcome_is_not_public_until_published(client):
    outcome = OutcomeFactory()
    assert client.get(reverse("consultations:outcome", kwargs={"slug": outcome.consultation.slug})).status_code == 404


def test_an_outcome_cannot_be_published_before_closing(staff_client):
    outcome = OutcomeFactory(consultation=ConsultationFactory())
    staff_client.post(
        reverse("admin:consultations_outcome_changelist"),
        {"action": "_publish_outcome", "_selected_action": [outcome.pk]},
    )
    outcome.refresh_from_db()
    assert outcome.published_at is None


def test_an_action_status_change_tells_participants(staff_client, resident, django_capture_on_commit_callbacks):
    from consultations import services

    action = OutcomeActionFactory()
    consultation = action.outcome.consultation
    Response.objects.create(consultation=consultation, respondent=resident)
    with django_capture_on_commit_callbacks(execute=True):
        services.outcome_publish(outcome=action.outcome, by=None)
    mail.outbox.clear()
    outcome = action.outcome
    data = {
        "what_we_asked": outcome.what_we_asked,
        "what_you_said": outcome.what_you_said,
        "decision": outcome.decision,
        "consultation": consultation.pk,
        "themes-TOTAL_FORMS": "0",
        "themes-INITIAL_FORMS": "0",
        "actions-TOTAL_FORMS": "1",
        "actions-INITIAL_FORMS": "1",
        "actions-0-id": action.pk,
        "actions-0-outcome": outcome.pk,
        "actions-0-description": action.description,
        "actions-0-owner": action.owner,
        "actions-0-due_on": action.due_on.strftime("%d/%m/%Y"),
        "actions-0-status": "in-progress",
        "actions-0-status_note": "Drivers recruited",
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(
            reverse("admin:consultations_outcome_change", kwargs={"object_id": outcome.pk}), data
        )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert [m.to for m in mail.outbox] == [[resident.email]]
    assert "In progress" in mail.outbox[0].body and "Drivers recruited" in mail.outbox[0].body
    assert AuditEntry.objects.filter(action="consultations.outcome_action.updated").exists()


def test_question_kinds_cover_the_issue():
    assert set(Question.Kind.values) == {"text", "long-text", "single", "multiple", "scale", "ranking"}


def test_the_consultation_admin_links_to_its_team_outcome_and_tools(staff_client, consultation):
    page = staff_client.get(
        reverse("admin:consultations_consultation_change", kwargs={"object_id": consultation.pk})
    ).content.decode()
    for text in ["Preview", "Enter an offline response", "Results", "Add a co-production team", "Add the outcome"]:
        assert text in page or text.replace("Preview", "View on site") in page


def test_publishing_a_consultation_emails_followers_of_its_topics_and_areas(
    staff_client, reference_data, django_capture_on_commit_callbacks
):
    from localism.models import Place, Topic
    from notifications.services import subscription_follow
    from tests.factories import UserFactory

    consultation = ConsultationFactory(draft=True, title="Library opening hours")
    consultation.places.add(Place.objects.get(slug="north-norfolk"))
    consultation.topics.add(Topic.objects.get(slug="libraries-and-culture"))
    topic_fan = UserFactory(email="topic.fan@example.org", email_frequency="instant")
    town_fan = UserFactory(email="town.fan@example.org", email_frequency="instant")  # Cromer is in North Norfolk
    digest_fan = UserFactory(email="digest.fan@example.org", email_frequency="weekly")
    stranger = UserFactory(email="stranger@example.org", email_frequency="instant")
    subscription_follow(user=topic_fan, target=Topic.objects.get(slug="libraries-and-culture"))
    subscription_follow(user=town_fan, target=Place.objects.get(slug="cromer"))
    subscription_follow(user=digest_fan, target=Place.objects.get(slug="north-norfolk"))
    subscription_follow(user=stranger, target=Place.objects.get(slug="thetford"))
    with django_capture_on_commit_callbacks(execute=True):
        staff_client.post(
            reverse("admin:consultations_publish", kwargs={"pk": consultation.pk}),
            {"formative": "on", "reasons": "on", "time": "on", "consideration": "on"},
        )
    news = [m for m in mail.outbox if m.subject == "New consultation: Library opening hours"]
    assert sorted(m.to[0] for m in news) == ["topic.fan@example.org", "town.fan@example.org"]
    from notifications.models import Notification

    assert Notification.objects.get(recipient=digest_fan).status == "waiting"  # for the weekly digest


def test_a_closed_consultation_s_outcome_is_published_with_the_button_on_its_page(
    staff_client, moderator, django_capture_on_commit_callbacks
):
    outcome = OutcomeFactory()
    page = staff_client.get(
        reverse("admin:consultations_outcome_change", kwargs={"object_id": outcome.pk})
    ).content.decode()
    assert f'action="/{settings.ADMIN_URL}consultations/outcome/{outcome.pk}/actions/"' in page

    with django_capture_on_commit_callbacks(execute=True):
        staff_client.post(
            reverse("admin:consultations_outcome_actions", kwargs={"object_id": outcome.pk}),
            {"action": "_publish_outcome"},
        )

    outcome.refresh_from_db()
    assert outcome.published_at is not None
    assert AuditEntry.objects.filter(action="consultations.outcome.published", actor=moderator).exists()
    after = staff_client.get(
        reverse("admin:consultations_outcome_change", kwargs={"object_id": outcome.pk})
    ).content.decode()
    assert 'value="_publish_outcome"' not in after


def _outcome_form(consultation) -> dict:
    return {
        "consultation": consultation.pk,
        "what_we_asked": "How should buses run?",
        "what_you_said": "Later buses.",
        "decision": "Buses run until 10pm.",
        "themes-TOTAL_FORMS": "0",
        "themes-INITIAL_FORMS": "0",
        "actions-TOTAL_FORMS": "0",
        "actions-INITIAL_FORMS": "0",
    }


def test_an_outcome_cannot_be_started_while_the_consultation_is_open(staff_client):
    from consultations.models import Outcome

    consultation = ConsultationFactory(title="Bus hours")  # open now

    page = staff_client.post(reverse("admin:consultations_outcome_add"), _outcome_form(consultation))

    assert page.status_code == 200
    assert "“Bus hours” is still open until" in page.content.decode()
    assert not Outcome.objects.exists()


def test_the_service_refuses_an_outcome_for_an_open_consultation(moderator):
    from consultations import services
    from consultations.models import Outcome

    consultation = ConsultationFactory(title="Bus hours")

    with pytest.raises(services.ConsultationError, match="still open until"):
        services.outcome_create(
            outcome=Outcome(consultation=consultation, what_we_asked="a", what_you_said="b", decision="c"),
            by=moderator,
        )
    assert not Outcome.objects.exists()


def test_an_outcome_is_started_for_a_closed_consultation_and_audited(staff_client, moderator):
    from consultations.models import Outcome

    consultation = ConsultationFactory(title="Bus hours", closed=True)

    response = staff_client.post(reverse("admin:consultations_outcome_add"), _outcome_form(consultation))

    assert response.status_code == 302
    assert Outcome.objects.get().consultation == consultation
    assert AuditEntry.objects.filter(action="consultations.outcome.created", actor=moderator).exists()
