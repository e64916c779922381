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
