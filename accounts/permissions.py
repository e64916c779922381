"""Rules about people that every app asks."""

from __future__ import annotations

from allauth.account.models import EmailAddress
from allauth.mfa.utils import is_mfa_enabled


def has_verified_email(user) -> bool:
    """Signed in with a verified email address: the condition for contributing anything."""
    if not user.is_authenticated:
        return False
    cached = getattr(user, "_has_verified_email", None)
    if cached is None:
        cached = EmailAddress.objects.filter(user=user, verified=True).exists()
        user._has_verified_email = cached
    return cached


def is_staff_member(user) -> bool:
    """Council staff who have set up two-factor authentication: the one staff check, the admin's included.

    A staff account without an authenticator has no staff powers anywhere, so a stolen password
    alone opens nothing. Staff part-way through signing in (password given, code not yet) are
    not signed in at all, so they fail the first condition.
    """
    if not (user.is_authenticated and user.is_active and user.is_staff):
        return False
    return has_two_factor(user)


def council_limit(user) -> int | None:
    """The id of the one council a staff member acts for, or None for the county's portal team (every council).

    Staff with a council are limited to its content: its consultations, budgeting rounds, decisions,
    nominations, expressions of interest, challenge windows and the comments on them. The rule is
    read here once, by the predicate (`accounts.rules.is_staff_for`) and by the querysets the admin
    lists (`for_council_staff`), so that what staff see and what they may do agree.
    """
    return getattr(user, "council_id", None) if user.is_authenticated else None


def council_id_of(obj) -> int | None:
    """The council whose content the object is: the end of its class's `council_path` ("council" unless it
    says otherwise, e.g. a budgeting project's "round__council")."""
    *hops, last = getattr(type(obj), "council_path", "council").split("__")
    for hop in hops:
        obj = getattr(obj, hop, None)
        if obj is None:
            return None
    return getattr(obj, f"{last}_id", None)


def for_council_staff(queryset, user):
    """The rows of council-owned content that this staff member may see and act on (all for the county team)."""
    council_id = council_limit(user)
    if council_id is None:
        return queryset
    path = getattr(queryset.model, "council_path", "council")
    return queryset.filter(**{f"{path}_id": council_id})


def has_two_factor(user) -> bool:
    """The person has set up an authenticator (asked of the database once per request)."""
    cached = getattr(user, "_has_two_factor", None)
    if cached is None:
        cached = is_mfa_enabled(user)
        user._has_two_factor = cached
    return cached


def staff_members():
    """The people `is_staff_member` says yes to, as a queryset (who staff emails go to)."""
    from allauth.mfa.models import Authenticator
    from django.contrib.auth import get_user_model
    from django.db.models import Exists, OuterRef

    has_authenticator = Authenticator.objects.filter(user=OuterRef("pk"))
    return get_user_model().objects.filter(is_active=True, is_staff=True).filter(Exists(has_authenticator))


def staff_accounts():
    """Every account marked as staff, with or without two-factor authentication: who a command run on
    the server may name as the person acting (the command line is itself staff-only)."""
    from django.contrib.auth import get_user_model

    return get_user_model().objects.filter(is_staff=True)


def accounts_without_staff_roles():
    """Accounts that hold no staff or superuser role (the only ones housekeeping may delete unasked)."""
    from django.contrib.auth import get_user_model

    return get_user_model().objects.filter(is_staff=False, is_superuser=False)
