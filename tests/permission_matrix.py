"""Asking a registered permission of every persona (the `personas` fixture), for the matrix tests."""

from __future__ import annotations

from django.contrib.auth import get_user_model

EVERYONE = frozenset({"anonymous", "resident", "owner", "other group", "staff without MFA", "staff"})
SIGNED_IN = EVERYONE - {"anonymous"}


def fresh(user):
    """The person as a new request would load them (the rules cache memberships and MFA on the user)."""
    return get_user_model().objects.get(pk=user.pk) if user.is_authenticated else user


def who_may(personas: dict, perm: str, obj=None) -> set[str]:
    return {name for name, user in personas.items() if fresh(user).has_perm(perm, obj)}
