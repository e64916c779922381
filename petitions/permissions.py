"""Who may see, start, submit and sign petitions: `(user, petition)` predicates every layer asks."""

from __future__ import annotations

from accounts.permissions import has_verified_email, is_staff_member
from petitions.models import Petition


def can_see_petition(user, petition: Petition) -> bool:
    """Everyone sees a petition that passed the checks; its creator and staff see it at every stage."""
    if petition.is_public:
        return True
    return user.is_authenticated and (petition.creator_id == user.pk or is_staff_member(user))


def start_refusal(user) -> str | None:
    """Why this person cannot start a petition, or None if they can."""
    if not user.is_authenticated:
        return "Sign in to start a petition."
    if not has_verified_email(user):
        return "Confirm your email address before you start a petition."
    return None


def can_submit(user, petition: Petition) -> bool:
    """The creator sends their own draft to be checked."""
    return user.is_authenticated and petition.creator_id == user.pk and petition.status == Petition.Status.DRAFT


def signing_refusal(user, petition: Petition) -> str | None:
    """Why this person cannot sign this petition now, or None if they can (the postcode is checked on signing)."""
    if not petition.is_signable():
        return "This petition is not open for signatures."
    if not user.is_authenticated:
        return "Sign in to sign this petition."
    if not has_verified_email(user):
        return "Confirm your email address before you sign: we need to know each signature is a real person."
    return None
