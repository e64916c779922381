"""Every write about consultations: publishing, responses, equality monitoring, teams and outcomes."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils import timezone

from consultations import branching, emails, equality
from consultations.models import (
    Answer,
    Consultation,
    CoproductionTeam,
    DistrictPopulation,
    EqualityMonitoring,
    EqualityQuestionsAsked,
    Outcome,
    OutcomeAction,
    PopulationShare,
    Response,
    ResponseDraft,
    SavedEqualityAnswers,
    TeamApplication,
    TeamMember,
)
from localism.audit import audit_record
from localism.dates import long_date
from localism.services import row_decide, row_for_step
from participation_codes.services import code_use

MINIMUM_WEEKS = 6


class ConsultationError(Exception):
    """A rule refused the change; the message is for the person."""


@dataclass(frozen=True)
class AnswerValue:
    text: str = ""
    choices: tuple[int, ...] = ()


def publishing_warnings(consultation: Consultation) -> list[str]:
    """What staff should think twice about before publishing (the Gunning principles)."""
    warnings = []
    if consultation.open_weeks < MINIMUM_WEEKS:
        warnings.append(
            f"The consultation is open for {consultation.open_weeks:.1f} weeks, shorter than the usual "
            f"{MINIMUM_WEEKS} weeks. Make sure people have adequate time to respond (Gunning principle 3)."
        )
    if not consultation.formative_stage.strip():
        warnings.append("Say why the proposals are still at a formative stage (Gunning principle 1).")
    if not consultation.consideration.strip():
        warnings.append("Say how responses will be considered before the decision (Gunning principle 4).")
    if not consultation.documents.exists() and len(consultation.commissioning.strip()) < 200:
        warnings.append(
            "There are no documents and little explanation: give sufficient reasons for the proposals "
            "(Gunning principle 2)."
        )
    if not consultation.questions.exists():
        warnings.append("The consultation has no survey questions.")
    return warnings


@transaction.atomic
def consultation_publish(*, consultation: Consultation, by) -> Consultation:
    """Publish a consultation (staff have confirmed the Gunning principles)."""
    consultation = Consultation.objects.select_for_update().get(pk=consultation.pk)
    if consultation.published_at is not None:
        return consultation
    consultation.published_at = timezone.now()
    consultation.published_by = by
    consultation.save(update_fields=["published_at", "published_by", "updated_at"])
    audit_record(
        action="consultations.consultation.published",
        actor=by,
        target=consultation,
        data={"open_weeks": round(consultation.open_weeks, 1), "warnings": publishing_warnings(consultation)},
    )
    emails.new_consultation(consultation=consultation)
    return consultation


@transaction.atomic
def consultation_unpublish(*, consultation: Consultation, by) -> Consultation:
    """Take a consultation back to draft (only before anyone has responded)."""
    if consultation.responses.exists():
        raise ConsultationError("People have responded: the consultation cannot go back to draft.")
    consultation.published_at = None
    consultation.save(update_fields=["published_at", "updated_at"])
    audit_record(action="consultations.consultation.unpublished", actor=by, target=consultation)
    return consultation


def questions_are_locked(consultation: Consultation) -> bool:
    """Questions can change until the first response arrives."""
    return consultation.responses.exists()


def _survey_checked(consultation: Consultation, answers: dict[int, AnswerValue]) -> branching.Survey:
    """The survey, once the answers keep to its branching: nothing answered that was not asked, none required left."""
    survey = branching.Survey.of(consultation)
    problems = survey.refusals(answers)
    if problems:
        raise ConsultationError(problems[0])
    return survey


def _save_answers(response: Response, survey: branching.Survey, answers: dict[int, AnswerValue]) -> None:
    Answer.objects.filter(response=response).delete()
    Answer.objects.bulk_create(
        [
            Answer(response=response, question=q, text=answers[q.pk].text, choices=list(answers[q.pk].choices))
            for q in survey.questions
            if q.pk in answers and (answers[q.pk].text or answers[q.pk].choices)
        ]
    )
    response.not_asked = survey.not_asked(answers)
    response.save(update_fields=["not_asked"])


@transaction.atomic
def response_submit(
    *, consultation: Consultation, respondent, answers: dict[int, AnswerValue]
) -> tuple[Response, bool]:
    """Save a person's response, or their changes to it, while the consultation is open.

    Safe to repeat (a double click or a retry): one person has one response, locked while it is written.
    Returns (response, created).
    """
    consultation = Consultation.objects.select_for_update().get(pk=consultation.pk)
    if not consultation.is_open:
        raise ConsultationError("This consultation is closed. You can no longer respond.")
    survey = _survey_checked(consultation, answers)
    now = timezone.now()
    response = Response.objects.select_for_update().filter(consultation=consultation, respondent=respondent).first()
    created = response is None
    if created:
        response = Response.objects.create(
            consultation=consultation, respondent=respondent, channel=Response.Channel.ONLINE, submitted_at=now
        )
    else:
        response.updated_at = now
        response.revision += 1
        response.save(update_fields=["updated_at", "revision"])
    _save_answers(response, survey, answers)
    ResponseDraft.objects.filter(consultation=consultation, respondent=respondent).delete()
    emails.response_receipt(response=response)
    return response, created


def answers_stored(answers: dict[int, AnswerValue]) -> dict[str, dict]:
    """Answers not yet a response, as JSON keeps them (a saved draft, or a code response's pages in the session)."""
    return {
        str(pk): {"text": value.text, "choices": list(value.choices)}
        for pk, value in answers.items()
        if value.text or value.choices
    }


def answers_from_stored(stored: dict[str, dict]) -> dict[int, AnswerValue]:
    return {
        int(pk): AnswerValue(text=value.get("text", ""), choices=tuple(value.get("choices", ())))
        for pk, value in stored.items()
    }


def draft_answers(draft: ResponseDraft) -> dict[int, AnswerValue]:
    return answers_from_stored(draft.answers)


@transaction.atomic
def draft_save(
    *, consultation: Consultation, respondent, answers: dict[int, AnswerValue], pages_done: list[int]
) -> ResponseDraft:
    """Keep a person's answers so far, to come back to before the consultation closes (not a response yet)."""
    if not consultation.is_open:
        raise ConsultationError("This consultation is closed. You can no longer respond.")
    draft, _ = ResponseDraft.objects.update_or_create(
        consultation=consultation,
        respondent=respondent,
        defaults={
            "answers": answers_stored(answers),
            "pages_done": sorted(set(pages_done)),
            "saved_at": timezone.now(),
        },
    )
    return draft


def drafts_purge_closed() -> int:
    """Delete the answers people saved to finish later once their consultation has closed: they can never be sent."""
    deleted, _ = ResponseDraft.objects.filter(consultation__closes_at__lte=timezone.now()).delete()
    return deleted


@transaction.atomic
def response_submit_with_code(*, consultation: Consultation, code: str, answers: dict[int, AnswerValue]) -> Response:
    """A response with a one-time code instead of an account: the code is used up, and the response cannot be
    changed. A wrong, used or revoked code is refused with one message (CodeRefusedError), and nothing changes."""
    if not consultation.is_open:
        raise ConsultationError("This consultation is closed. You can no longer respond.")
    survey = _survey_checked(consultation, answers)  # the branching holds for a code's response too
    code_use(target=consultation, code=code)
    response = Response.objects.create(consultation=consultation, channel=Response.Channel.CODE)
    _save_answers(response, survey, answers)
    return response


@transaction.atomic
def offline_response_enter(
    *,
    consultation: Consultation,
    entered_by,
    channel: str,
    answers: dict[int, AnswerValue],
    respondent_name: str = "",
    received_at=None,
) -> Response:
    """Staff enter a response received on paper, by phone or at an event; it counts like any other."""
    if channel == Response.Channel.ONLINE or channel not in Response.Channel.values:
        raise ConsultationError("Choose how the response was received.")
    received_at = received_at or timezone.now()
    if received_at >= consultation.closes_at:
        raise ConsultationError("The response was received after the consultation closed.")
    survey = _survey_checked(consultation, answers)
    response = Response.objects.create(
        consultation=consultation,
        channel=channel,
        entered_by=entered_by,
        respondent_name=respondent_name.strip()[:120],
        submitted_at=received_at,
        updated_at=timezone.now(),
    )
    _save_answers(response, survey, answers)
    audit_record(
        action="consultations.response.entered_offline",
        actor=entered_by,
        target=consultation,
        data={"channel": channel},
    )
    return response


ALREADY_ASKED = "You have already answered or skipped the equality questions for this consultation."


def _equality_asked(*, consultation: Consultation, person, answered: bool) -> None:
    """Note that the person has been asked this consultation's equality questions; refused the second time, even
    when two requests arrive at once (a database constraint)."""
    try:
        with transaction.atomic():
            EqualityQuestionsAsked.objects.create(consultation=consultation, person=person, answered=answered)
    except IntegrityError:
        raise ConsultationError(ALREADY_ASKED) from None


@transaction.atomic
def equality_monitoring_record(*, consultation: Consultation, person, values: dict[str, str]) -> EqualityMonitoring:
    """Store a person's equality answers for a consultation (after its survey or its budget simulator, asked once),
    apart from them and from what they gave: only the consultation and the day are kept with the answers."""
    _equality_asked(consultation=consultation, person=person, answered=True)
    return EqualityMonitoring.objects.create(
        consultation=consultation, **{k: v for k, v in values.items() if k in EqualityMonitoring.ANSWER_FIELDS}
    )


@transaction.atomic
def equality_monitoring_reuse(*, consultation: Consultation, person) -> EqualityMonitoring:
    """Answer a consultation's equality questions with the answers the person saved in their profile: a fresh,
    anonymous record for this consultation, as if they had answered afresh."""
    saved = SavedEqualityAnswers.objects.filter(person=person).first()
    if saved is None:
        raise ConsultationError("You have no saved equality answers. Answer the questions instead, or skip them.")
    return equality_monitoring_record(consultation=consultation, person=person, values=saved.answers())


@transaction.atomic
def equality_monitoring_skip(*, consultation: Consultation, person) -> None:
    """The person chose not to answer this consultation's equality questions: they are not asked again."""
    _equality_asked(consultation=consultation, person=person, answered=False)


@transaction.atomic
def saved_equality_answers_save(*, person, values: dict[str, str]) -> SavedEqualityAnswers:
    """Keep (or replace) the equality answers a person chose to save in their profile."""
    answers = {name: values.get(name, "") for name in SavedEqualityAnswers.ANSWER_FIELDS}
    saved, _ = SavedEqualityAnswers.objects.update_or_create(
        person=person, defaults={**answers, "saved_at": timezone.now()}
    )
    return saved


@transaction.atomic
def saved_equality_answers_delete(*, person) -> None:
    """Forget the equality answers a person saved in their profile (what they gave to consultations stays)."""
    SavedEqualityAnswers.objects.filter(person=person).delete()


@transaction.atomic
def team_application_submit(
    *, team: CoproductionTeam, applicant, why: str, brings: str, access_needs: str = "", organisation_name: str = ""
) -> TeamApplication:
    """Ask to join a co-production team (one open application at a time)."""
    if not team.is_recruiting:
        raise ConsultationError("This team is not looking for new members at the moment.")
    if team.members.filter(user=applicant).exists():
        raise ConsultationError("You are already a member of this team.")
    existing = TeamApplication.objects.filter(team=team, applicant=applicant, status=TeamApplication.Status.PENDING)
    if existing.exists():
        raise ConsultationError("You have already applied. Staff will tell you their decision by email.")
    return TeamApplication.objects.create(
        team=team,
        applicant=applicant,
        why=why,
        brings=brings,
        access_needs=access_needs,
        organisation_name=organisation_name,
    )


def _pending(application: TeamApplication) -> TeamApplication:
    return row_for_step(
        application,
        statuses=TeamApplication.Status.PENDING,
        refusal="This application has already been decided.",
        error=ConsultationError,
    )


@transaction.atomic
def team_application_accept(*, application: TeamApplication, by, role: str = "Member") -> TeamMember:
    """Accept an application: the applicant joins the team as an equal member."""
    application = _pending(application)
    row_decide(application, TeamApplication.Status.ACCEPTED, by=by)
    member, _ = TeamMember.objects.get_or_create(
        team=application.team,
        user=application.applicant,
        defaults={
            "name": application.applicant.public_name,
            "organisation_name": application.organisation_name,
            "kind": TeamMember.Kind.ORGANISATION if application.organisation_name else TeamMember.Kind.COMMUNITY,
            "role": role,
            "brings": application.brings,
            "access_needs": application.access_needs,
        },
    )
    audit_record(action="consultations.team_application.accepted", actor=by, target=application)
    emails.team_application_decision(application=application)
    return member


@transaction.atomic
def team_application_decline(*, application: TeamApplication, by, reason: str) -> TeamApplication:
    """Decline an application with a reason the applicant is told."""
    if not reason.strip():
        raise ConsultationError("Give the reason the application is declined.")
    application = _pending(application)
    row_decide(application, TeamApplication.Status.DECLINED, by=by, decision_reason=reason.strip())
    audit_record(
        action="consultations.team_application.declined", actor=by, target=application, data={"reason": reason}
    )
    emails.team_application_decision(application=application)
    return application


def outcome_start_refusal(consultation: Consultation) -> str:
    """Why the outcome of this consultation cannot be started yet, in words for staff ('' when it can)."""
    if consultation.has_closed:
        return ""
    closes = long_date(consultation.closes_at)
    return (
        f"“{consultation.title}” is still open until {closes}. Start its outcome once it has closed: "
        "what people said is not known before then."
    )


@transaction.atomic
def outcome_create(*, outcome: Outcome, by) -> Outcome:
    """Start "we asked, you said, we did" (unpublished) for a consultation that has closed."""
    refusal = outcome_start_refusal(outcome.consultation)
    if refusal:
        raise ConsultationError(refusal)
    outcome.save()
    audit_record(action="consultations.outcome.created", actor=by, target=outcome.consultation)
    return outcome


@transaction.atomic
def outcome_publish(*, outcome: Outcome, by) -> Outcome:
    """Publish "we asked, you said, we did"; everyone who responded or commented is told."""
    outcome = Outcome.objects.select_for_update().select_related("consultation").get(pk=outcome.pk)
    if outcome.published_at is not None:
        return outcome
    if not outcome.consultation.has_closed:
        raise ConsultationError("Publish the outcome after the consultation has closed.")
    outcome.published_at = timezone.now()
    outcome.save(update_fields=["published_at"])
    audit_record(action="consultations.outcome.published", actor=by, target=outcome.consultation)
    emails.outcome_published(outcome=outcome)
    return outcome


@transaction.atomic
def outcome_action_update(*, action: OutcomeAction, by, status: str, note: str = "") -> OutcomeAction:
    """Change an action's status; once the outcome is public, participants are told."""
    if status not in OutcomeAction.Status.values:
        raise ConsultationError("Choose a status.")
    action = OutcomeAction.objects.select_for_update().select_related("outcome__consultation").get(pk=action.pk)
    if action.status == status and action.status_note == note:
        return action
    previous = action.status
    action.status = status
    action.status_note = note
    action.updated_at = timezone.now()
    action.save(update_fields=["status", "status_note", "updated_at"])
    audit_record(
        action="consultations.outcome_action.updated",
        actor=by,
        target=action.outcome.consultation,
        data={"action": action.description, "from": previous, "to": status},
    )
    if action.outcome.is_published and previous != status:
        emails.outcome_action_changed(action=action)
    return action


@transaction.atomic
def district_population_save(
    *, population: DistrictPopulation, shares: dict[tuple[str, str], Decimal | None], by, questions=None
) -> DistrictPopulation:
    """Keep a district's population make-up: its residents and source, and the share of each category of the
    equality questions (`questions`: only those are replaced; None: all of them). Its district's council keeps it."""
    from consultations.population import district_council, share_refusals

    refusals = share_refusals(shares)
    if refusals:
        question, message = next(iter(refusals.items()))
        raise ConsultationError(f"{question}: {message}.")
    replaced = set(equality.POPULATION_QUESTIONS) if questions is None else set(questions)
    population.council = district_council(population.district)
    population.updated_at = timezone.now()
    population.save()
    PopulationShare.objects.filter(population=population, question__in=replaced).delete()
    PopulationShare.objects.bulk_create(
        PopulationShare(population=population, question=question, category=category, percent=percent)
        for (question, category), percent in shares.items()
        if percent is not None and question in replaced
    )
    audit_record(
        action="consultations.districtpopulation.saved",
        actor=by,
        target=population,
        data={"questions": sorted(replaced)},
    )
    return population
