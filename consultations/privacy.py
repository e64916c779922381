"""What consultations hold about a person, for their data download and for deleting their account.

Responses stay (anonymised with the account, so the results keep their counts); answers saved
to finish later (drafts) count nowhere, so they go, as do the private parts of co-production
(applications, access needs). Equality monitoring answers are stored with no link to the
person or the response, so they are neither in the download nor found to erase: the download
says only, for each consultation, whether the person answered the equality questions or skipped
them. The equality answers a person saved in their profile are theirs: in the download, and erased.
What staff did (publishing, entering paper responses,
deciding applications) stays, done by the "Former participant".
"""

from __future__ import annotations

from accounts.privacy import iso, rows
from consultations import equality
from consultations.models import (
    Consultation,
    EqualityQuestionsAsked,
    Question,
    Response,
    ResponseDraft,
    SavedEqualityAnswers,
    TeamApplication,
    TeamMember,
)

# What export and erase cover: the fields that link to a person or hold their address (accounts.checks
# refuses a model field that may hold personal data and that no registration names).
COVERS = {
    Consultation: ["published_by"],
    Response: ["respondent", "entered_by"],
    ResponseDraft: ["respondent"],
    SavedEqualityAnswers: ["person"],
    EqualityQuestionsAsked: ["person"],
    TeamMember: ["user"],
    TeamApplication: ["applicant", "decided_by"],
}


EQUALITY_NOTE = (
    "You answered the optional equality questions for this consultation. Those answers are kept apart, with no "
    "link to you or to your response, so they cannot be included here."
)


def _saved_equality_answers(user) -> dict | None:
    saved = SavedEqualityAnswers.objects.filter(person=user).first()
    if saved is None:
        return None
    return {
        "saved": saved.saved_at.isoformat(),
        "answers": [{"question": text, "answer": label} for text, label in equality.answers_shown(saved.answers())],
    }


def _equality_questions(user) -> list[dict]:
    asked = EqualityQuestionsAsked.objects.filter(person=user).select_related("consultation").order_by("id")
    return [
        {
            "consultation": a.consultation.title,
            "equality_questions": "Answered" if a.answered else "Skipped",
            "note": EQUALITY_NOTE if a.answered else None,
        }
        for a in asked
    ]


def _answer_shown(question, text: str, choices) -> str | list[str]:
    return text or [question.options[i] for i in choices if i < len(question.options)]


def _drafts(user) -> list[dict]:
    drafts = list(ResponseDraft.objects.filter(respondent=user).select_related("consultation"))
    questions = {
        q.pk: q
        for q in Question.objects.filter(consultation__in=[d.consultation_id for d in drafts]).only("text", "options")
    }
    return [
        {
            "consultation": d.consultation.title,
            "saved": d.saved_at.isoformat(),
            "answers": [
                {
                    "question": questions[int(pk)].text,
                    "answer": _answer_shown(questions[int(pk)], value.get("text", ""), value.get("choices", [])),
                }
                for pk, value in d.answers.items()
                if int(pk) in questions
            ],
        }
        for d in drafts
    ]


def export(user) -> dict:
    responses = (
        Response.objects.filter(respondent=user).select_related("consultation").prefetch_related("answers__question")
    )
    return {
        "saved_to_finish_later": _drafts(user),
        "saved_equality_answers": _saved_equality_answers(user),
        "equality_questions": _equality_questions(user),
        "responses": [
            {
                "consultation": r.consultation.title,
                "channel": r.get_channel_display(),
                "submitted": r.submitted_at.isoformat(),
                "last_changed": r.updated_at.isoformat(),
                "answers": [
                    {
                        "question": a.question.text,
                        "answer": _answer_shown(a.question, a.text, a.choices),
                    }
                    for a in r.answers.all()
                ],
            }
            for r in responses
        ],
        "team_applications": [
            {
                "team": str(a.team),
                "why": a.why,
                "brings": a.brings,
                "access_needs": a.access_needs,
                "status": a.get_status_display(),
                "decision_reason": a.decision_reason,
            }
            for a in TeamApplication.objects.filter(applicant=user).select_related("team__consultation")
        ],
        "team_memberships": [
            {"team": str(m.team), "role": m.role, "brings": m.brings, "access_needs": m.access_needs}
            for m in TeamMember.objects.filter(user=user).select_related("team__consultation")
        ],
        "as_staff": {
            "consultations_published": rows(
                Consultation.objects.filter(published_by=user), consultation="title", published="published_at"
            ),
            "offline_responses_entered": rows(
                Response.objects.filter(entered_by=user),
                "channel",
                consultation="consultation__title",
                entered="submitted_at",
            ),
            "team_applications_decided": [
                {"team": str(a.team), "status": a.get_status_display(), "decided": iso(a.decided_at)}
                for a in TeamApplication.objects.filter(decided_by=user).select_related("team__consultation")
            ],
        },
    }


def erase(user) -> None:
    ResponseDraft.objects.filter(respondent=user).delete()
    SavedEqualityAnswers.objects.filter(person=user).delete()
    EqualityQuestionsAsked.objects.filter(person=user).delete()
    TeamApplication.objects.filter(applicant=user).delete()
    TeamMember.objects.filter(user=user).update(
        user=None, name="Former participant", brings="", access_needs="", organisation_name=""
    )
