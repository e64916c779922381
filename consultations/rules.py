"""Who may see and do what with a consultation: a person's role combined with the consultation's state.

`(user, obj)` predicates registered as `consultations.<action>_<model>`; views, the follow and
discussion registries ask them through `user.has_perm(name, obj)`.
"""

from __future__ import annotations

import rules

from accounts.rules import has_verified_email, is_staff_for, object_is, require_visible
from consultations.models import Consultation, EqualityQuestionsAsked, Meeting, Response, TeamMember
from localism.dates import long_date

# The single-consultation form of `Consultation.objects.published()` (tested to agree).
is_published = object_is("is_published")
is_open = object_is("is_open")
has_closed = object_is("has_closed")
is_published_meeting = object_is("is_published")


@rules.predicate
def has_recruiting_team(user, consultation: Consultation) -> bool:
    team = getattr(consultation, "team", None)
    return team is not None and team.is_recruiting


def may_be_asked_equality_questions(user, consultation: Consultation) -> bool:
    """The one rule of asking the equality questions: once per person per consultation, while it is open, after
    whichever comes first of its survey and its budget simulator (both flows ask this); skipping them counts."""
    return (
        user.is_authenticated
        and consultation.is_open
        and not EqualityQuestionsAsked.objects.filter(consultation=consultation, person=user).exists()
    )


@rules.predicate
def leads_the_meetings_team(user, meeting: Meeting) -> bool:
    """A lead of the co-production team whose meeting it is: they organise its events (events.rules)."""
    return (
        user.is_authenticated
        and TeamMember.objects.filter(team_id=meeting.team_id, user_id=user.pk, is_lead=True).exists()
    )


@rules.predicate
def may_give_equality_monitoring(user, response: Response | None) -> bool:
    """The respondent, if not asked yet for this consultation (may_be_asked_equality_questions)."""
    return (
        response is not None
        and response.respondent_id == user.pk
        and may_be_asked_equality_questions(user, response.consultation)
    )


def response_refusal(user, consultation: Consultation) -> str:
    """Why a person cannot respond now, in words for them ('' when they can): consultations.respond_to_consultation."""
    if not consultation.is_published:
        return "This consultation is not published yet."
    if not consultation.is_open:
        if consultation.has_closed:
            closed = long_date(consultation.closes_at)
            return f"This consultation closed on {closed}. You can no longer respond."
        opens = long_date(consultation.opens_at)
        return f"This consultation opens on {opens}. You can respond from then."
    if not user.is_authenticated:
        return "Sign in to respond to this consultation."
    if not has_verified_email(user):
        return "Confirm your email address to respond: we sent you a link when you created your account."
    return ""


@rules.predicate
def may_respond(user, consultation: Consultation) -> bool:
    return response_refusal(user, consultation) == ""


# Published consultations are public; the council's staff (and the county's team) also preview drafts.
rules.add_perm("consultations.see_consultation", is_published | is_staff_for)
# The council that asks runs its consultation in the admin: its own staff, or the county's team.
rules.add_perm("consultations.run_consultation", is_staff_for)
rules.add_perm("consultations.respond_to_consultation", may_respond)
rules.add_perm("consultations.give_equality_response", may_give_equality_monitoring)
# Results are public once the consultation closes; staff see them as they come in.
rules.add_perm("consultations.see_consultation_results", is_staff_for | (is_published & has_closed))
# Every answer, the equality report and unpublished outcomes are staff work.
rules.add_perm("consultations.export_response", is_staff_for)
rules.add_perm("consultations.apply_to_team", has_recruiting_team & is_published & has_verified_email)
rules.add_perm("consultations.see_meeting", is_published_meeting | is_staff_for)
# A district's population make-up is kept by its council's staff (DistrictPopulation.council), or the county's team.
rules.add_perm("consultations.keep_districtpopulation", is_staff_for)


def view_consultation_or_404(user, consultation: Consultation) -> None:
    require_visible(user, "consultations.see_consultation", consultation, "There is no consultation here.")
