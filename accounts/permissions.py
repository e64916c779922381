"""Rules about people that every app asks."""

from __future__ import annotations

from allauth.account.models import EmailAddress


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
    """Council staff: moderators and publishers (the admin also requires two-factor authentication)."""
    return user.is_authenticated and user.is_active and user.is_staff
