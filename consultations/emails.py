"""The emails about consultations, each through the notifications outbox inside the change's transaction."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from consultations.models import Consultation, Outcome, OutcomeAction, Response, TeamApplication
from localism.dates import date_and_time
from localism.models import Place


def _notify(**kwargs) -> None:
    from notifications.services import notify

    notify(**kwargs)


def _followers(*objects) -> QuerySet:
    from notifications.selectors import followers_of

    return followers_of(*objects)


def _url(path: str) -> str:
    return settings.SITE_URL + path


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
        if answer is None:
            shown = "(not answered)"
        elif question.has_options:
            labels = [question.options[i] for i in answer.choices if i < len(question.options)]
            shown = (
                "; ".join(f"{n}. {label}" for n, label in enumerate(labels, 1))
                if question.kind == question.Kind.RANKING
                else "; ".join(labels)
            )
        else:
            shown = answer.text
        copy.append({"question": question.text, "answer": shown})
    _notify(
        kind="consultations.response_receipt",
        key=f"consultations.response_receipt:{response.pk}:{response.revision}",
        recipients=get_user_model().objects.filter(pk=response.respondent_id),
        template="consultations/emails/response_receipt",
        context={
            "consultation_title": consultation.title,
            "is_change": response.revision > 1,
            "closes_at": date_format(timezone.localtime(consultation.closes_at), "j F Y"),
            "answers": copy,
            "url": _url(reverse("consultations:respond", kwargs={"slug": consultation.slug})),
        },
        reason="You are getting this because you responded to this consultation.",
        transactional=True,
    )


def team_application_decision(*, application: TeamApplication) -> None:
    consultation = application.team.consultation
    _notify(
        kind="consultations.team_application_decision",
        key=f"consultations.team_application:{application.pk}:{application.status}",
        recipients=get_user_model().objects.filter(pk=application.applicant_id),
        template="consultations/emails/team_application_decision",
        context={
            "consultation_title": consultation.title,
            "accepted": application.status == TeamApplication.Status.ACCEPTED,
            "decline_reason": application.decision_reason,
            "url": _url(consultation.get_absolute_url() + "#team"),
        },
        reason="You are getting this because you applied to join a co-production team.",
        transactional=True,
    )


def outcome_published(*, outcome: Outcome) -> None:
    consultation = outcome.consultation
    context = {
        "consultation_title": consultation.title,
        "decision": outcome.decision,
        "actions": [
            {"description": a.description, "due": date_format(a.due_on, "j F Y")} for a in outcome.actions.all()
        ],
        "url": _url(reverse("consultations:outcome", kwargs={"slug": consultation.slug})),
    }
    people = participants(consultation)
    _notify(
        kind="consultations.outcome_published",
        key=f"consultations.outcome:{outcome.pk}",
        recipients=people,
        template="consultations/emails/outcome_published",
        context=context,
        reason="You are getting this because you took part in this consultation.",
        transactional=True,
    )
    _notify(
        kind="consultations.outcome_published",
        key=f"consultations.outcome.followers:{outcome.pk}",
        recipients=_followers(consultation).exclude(pk__in=people.values("pk")),
        template="consultations/emails/outcome_published",
        context=context,
        reason="You are getting this because you follow this consultation.",
        transactional=False,
    )


def outcome_action_changed(*, action: OutcomeAction) -> None:
    consultation = action.outcome.consultation
    _notify(
        kind="consultations.outcome_action_changed",
        key=f"consultations.outcome_action:{action.pk}:{action.status}:{action.updated_at.timestamp():.0f}",
        recipients=participants(consultation),
        template="consultations/emails/outcome_action_changed",
        context={
            "consultation_title": consultation.title,
            "action": action.description,
            "status": action.get_status_display(),
            "note": action.status_note,
            "url": _url(reverse("consultations:outcome", kwargs={"slug": consultation.slug})),
        },
        reason="You are getting this because you took part in this consultation.",
        transactional=True,
    )


def new_consultation(*, consultation: Consultation) -> None:
    """To followers of its topics and of its places (and of the places around and within them)."""
    # A consultation for a whole district or the county matters to people following places within it.
    related = Place.objects.showing(consultation.places.all(), covering=True)
    _notify(
        kind="consultations.new",
        key=f"consultations.new:{consultation.pk}",
        recipients=_followers(*consultation.topics.all(), *related),
        template="consultations/emails/new_consultation",
        context={
            "title": f"New consultation: {consultation.title}",
            "consultation_title": consultation.title,
            "summary": consultation.summary,
            "opens_at": date_format(timezone.localtime(consultation.opens_at), "j F Y"),
            "closes_at": date_and_time(consultation.closes_at, joiner=" at "),
            "url": _url(consultation.get_absolute_url()),
        },
        reason="You are getting this because you follow one of its topics or areas.",
        transactional=False,
    )


def closing_soon(*, consultation: Consultation) -> None:
    """To followers of the consultation, its topics and places who have not responded yet."""
    responded = Response.objects.filter(consultation=consultation, respondent__isnull=False).values("respondent_id")
    _notify(
        kind="consultations.closing_soon",
        key=f"consultations.closing_soon:{consultation.pk}",
        recipients=_followers(consultation, *consultation.topics.all(), *consultation.places.all()).exclude(
            pk__in=responded
        ),
        template="consultations/emails/closing_soon",
        context={
            "consultation_title": consultation.title,
            "summary": consultation.summary,
            "closes_at": date_and_time(consultation.closes_at, joiner=" at "),
            "url": _url(consultation.get_absolute_url()),
        },
        reason="You are getting this because you follow this consultation, its topic or its area.",
        transactional=False,
    )
