"""Who may see and do what with a consultation: a person's role combined with the consultation's state."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils import timezone
from django.utils.formats import date_format

from accounts.permissions import has_verified_email, is_staff_member
from consultations.models import Consultation, Meeting, Response


def can_view_consultation(user, consultation: Consultation) -> bool:
    """Published consultations are public; staff also preview drafts."""
    return consultation.is_published or is_staff_member(user)


def view_consultation_or_404(user, consultation: Consultation) -> None:
    if not can_view_consultation(user, consultation):
        raise Http404("There is no consultation here.")


def can_respond(user, consultation: Consultation) -> bool:
    return consultation.is_open and has_verified_email(user)


def response_refusal(user, consultation: Consultation) -> str:
    """Why a person cannot respond now, in words for them ('' when they can)."""
    if not consultation.is_published:
        return "This consultation is not published yet."
    if not consultation.is_open:
        if consultation.has_closed:
            closed = date_format(timezone.localtime(consultation.closes_at), "j F Y")
            return f"This consultation closed on {closed}. You can no longer respond."
        opens = date_format(timezone.localtime(consultation.opens_at), "j F Y")
        return f"This consultation opens on {opens}. You can respond from then."
    if not user.is_authenticated:
        return "Sign in to respond to this consultation."
    if not has_verified_email(user):
        return "Confirm your email address to respond: we sent you a link when you created your account."
    return ""


def can_give_equality_monitoring(user, response: Response | None) -> bool:
    return (
        response is not None
        and response.respondent_id == user.pk
        and response.consultation.is_open
        and not response.has_equality_monitoring
    )


def can_see_results(user, consultation: Consultation) -> bool:
    """Results are public once the consultation closes; staff see them as they come in."""
    return is_staff_member(user) or (consultation.is_published and consultation.has_closed)


def can_export_responses(user) -> bool:
    return is_staff_member(user)


def can_apply_to_team(user, consultation: Consultation) -> bool:
    team = getattr(consultation, "team", None)
    return team is not None and team.is_recruiting and consultation.is_published and has_verified_email(user)


def can_view_meeting(user, meeting: Meeting) -> bool:
    return meeting.is_published or is_staff_member(user)


def require(allowed: bool, message: str = "You cannot do that.") -> None:
    if not allowed:
        raise PermissionDenied(message)
