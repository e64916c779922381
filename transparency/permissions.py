"""Who may do what in transparency: named rules the views (and templates, through the views) ask."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404

from accounts.permissions import has_verified_email, is_staff_member
from transparency.models import AssetNomination


def can_nominate_asset(user) -> bool:
    """Anyone signed in with a verified email may nominate on behalf of an eligible community body."""
    return has_verified_email(user)


def can_see_nomination(user, nomination: AssetNomination) -> bool:
    """Decided nominations are public; one awaiting a decision is seen by its nominator and staff only."""
    if nomination.is_public:
        return True
    return user.is_authenticated and (nomination.nominated_by_id == user.pk or is_staff_member(user))


def can_see_nomination_documents(user, nomination: AssetNomination) -> bool:
    """Supporting documents can name people and addresses: the nominator and staff only, even once decided."""
    return user.is_authenticated and (nomination.nominated_by_id == user.pk or is_staff_member(user))


def ensure_can_see_nomination(user, nomination: AssetNomination) -> None:
    if not can_see_nomination(user, nomination):
        raise Http404("No such asset")


def can_manage_transparency_data(user) -> bool:
    """Importing data, deciding nominations and recording notices are staff work (in the admin, with MFA)."""
    return is_staff_member(user)


def ensure_can_manage_transparency_data(user) -> None:
    if not can_manage_transparency_data(user):
        raise PermissionDenied("Only council staff can do this.")


def can_express_interest(user, window) -> bool:
    """A person with a confirmed email may send an expression of interest while the window is open."""
    return has_verified_email(user) and window.is_open


def can_see_expression(user, expression) -> bool:
    """Decisions are published; an expression awaiting one is seen by its sender and staff only."""
    if expression.is_decided:
        return True
    return user.is_authenticated and (expression.submitted_by_id == user.pk or is_staff_member(user))
