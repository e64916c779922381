"""What consultations hold about a person, for their data download and for deleting their account.

Responses stay (anonymised with the account, so the results keep their counts); the
private parts of co-production (applications, access needs) go.
"""

from __future__ import annotations


def export(user) -> dict:
    from consultations.models import Response, TeamApplication, TeamMember

    responses = (
        Response.objects.filter(respondent=user).select_related("consultation").prefetch_related("answers__question")
    )
    return {
        "responses": [
            {
                "consultation": r.consultation.title,
                "submitted": r.submitted_at.isoformat(),
                "last_changed": r.updated_at.isoformat(),
                "answers": [
                    {
                        "question": a.question.text,
                        "answer": a.text or [a.question.options[i] for i in a.choices if i < len(a.question.options)],
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
    }


def erase(user) -> None:
    from consultations.models import TeamApplication, TeamMember

    TeamApplication.objects.filter(applicant=user).delete()
    TeamMember.objects.filter(user=user).update(
        user=None, name="Former participant", brings="", access_needs="", organisation_name=""
    )
