"""The emails about consultations, each through the notifications outbox inside the change's transaction."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet

from consultations.models import Consultation, Outcome, OutcomeAction, Response, TeamApplication
from localism.dates import date_and_time, long_date
from localism.links import absolute_reverse, absolute_url
from localism.models import Place
from notifications.services import Audience, email


def _followers(*objects) -> QuerySet:
    from notifications.selectors import followers_of

    return followers_of(*objects)


def _participants(consultation: Consultation) -> Audience:
    return Audience(participants(consultation), "you took part in this consultation", transactional=True)


def _outcome_url(consultation: Consultation) -> str:
    return absolute_reverse("consultations:outcome", slug=consultation.slug)


def participants(consultation: Consultation) -> QuerySet:
    """Everyone who responded online or commented."""
    from discussions.selectors import participants_of

    respondents = Response.objects.filter(consultation=consultation, respondent__isnull=False).values("respondent_id")
    commenters = participants_of(consultation).values("pk")
    return get_user_model().objects.filter(Q(pk__in=respondents) | Q(pk__in=commenters), is_active=True)


def response_receipt(*, response: Response) -> None:
    """A receipt with a copy of the answers, sent for each saved version of a response."""
    consultation = response.consultation
    answers = {a.question_id: a for a in response.answers.all()}
    copy = []
    for question in consultation.questions.all():
        answer = answers.get(question.pk)
        shown = "(not answered)" if answer is None else question.answer_in_words(answer.text, answer.choices)
        copy.append({"question": question.text, "answer": shown})
    email(
        "consultations.response_receipt",
        response.pk,
        response.revision,
        to=Audience.person(response.respondent_id, "you responded to this consultation"),
        context={
            "consultation_title": consultation.title,
            "is_change": response.revision > 1,
            "closes_at": long_date(consultation.closes_at),
            "answers": copy,
            "url": absolute_reverse("consultations:respond", slug=consultation.slug),
        },
    )


def team_application_decision(*, application: TeamApplication) -> None:
    consultation = application.team.consultation
    email(
        "consultations.team_application_decision",
        key=f"consultations.team_application:{application.pk}:{application.status}",
        to=Audience.person(application.applicant_id, "you applied to join a co-production team"),
        context={
            "consultation_title": consultation.title,
            "accepted": application.status == TeamApplication.Status.ACCEPTED,
            "decline_reason": application.decision_reason,
            "url": absolute_url(consultation.get_absolute_url() + "#team"),
        },
    )


def outcome_published(*, outcome: Outcome) -> None:
    consultation = outcome.consultation
    context = {
        "consultation_title": consultation.title,
        "decision": outcome.decision,
        "actions": [{"description": a.description, "due": long_date(a.due_on)} for a in outcome.actions.all()],
        "url": _outcome_url(consultation),
    }
    people = _participants(consultation)
    followers = Audience(
        _followers(consultation).exclude(pk__in=people.people.values("pk")), "you follow this consultation"
    )
    kind = "consultations.outcome_published"
    email(kind, to=people, context=context, key=f"consultations.outcome:{outcome.pk}")
    email(kind, to=followers, context=context, key=f"consultations.outcome.followers:{outcome.pk}")


def outcome_action_changed(*, action: OutcomeAction) -> None:
    consultation = action.outcome.consultation
    email(
        "consultations.outcome_action_changed",
        key=f"consultations.outcome_action:{action.pk}:{action.status}:{action.updated_at.timestamp():.0f}",
        to=_participants(consultation),
        context={
            "consultation_title": consultation.title,
            "action": action.description,
            "status": action.get_status_display(),
            "note": action.status_note,
            "url": _outcome_url(consultation),
        },
    )


def new_consultation(*, consultation: Consultation) -> None:
    """To followers of its topics and of its places (and of the places around and within them)."""
    # A consultation for a whole district or the county matters to people following places within it.
    related = Place.objects.showing(consultation.places.all(), covering=True)
    email(
        "consultations.new",
        consultation.pk,
        to=Audience(_followers(*consultation.topics.all(), *related), "you follow one of its topics or areas"),
        template="consultations/emails/new_consultation",
        context={
            "title": f"New consultation: {consultation.title}",
            "consultation_title": consultation.title,
            "summary": consultation.summary,
            "opens_at": long_date(consultation.opens_at),
            "closes_at": date_and_time(consultation.closes_at, joiner=" at "),
            "url": absolute_url(consultation.get_absolute_url()),
        },
    )


def closing_soon(*, consultation: Consultation) -> None:
    """To followers of the consultation, its topics and places who have not responded yet."""
    responded = Response.objects.filter(consultation=consultation, respondent__isnull=False).values("respondent_id")
    followers = _followers(consultation, *consultation.topics.all(), *consultation.places.all())
    email(
        "consultations.closing_soon",
        consultation.pk,
        to=Audience(followers.exclude(pk__in=responded), "you follow this consultation, its topic or its area"),
        context={
            "consultation_title": consultation.title,
            "summary": consultation.summary,
            "closes_at": date_and_time(consultation.closes_at, joiner=" at "),
            "url": absolute_url(consultation.get_absolute_url()),
        },
    )
