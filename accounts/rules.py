"""The predicates every app builds its rules from: who a person is, whatever the object.

Each app's `rules.py` combines these with its own `(user, obj)` predicates and registers the
result with `rules.add_perm("<app>.<action>_<model>", ...)`; views, templates, the admin and the
services then ask `user.has_perm(name, obj)`, so that each rule is written once.

Permission names never use Django's own `add_`, `change_`, `delete_` or `view_` codenames: those are
the admin's model permissions, which the admin asks without an object.

Staff powers come from `is_staff_member` alone. It takes the object as well as the person so that
staff can later be limited to the content of their own council by changing this one predicate.
"""

from __future__ import annotations

import rules

from accounts import permissions


@rules.predicate
def is_signed_in(user) -> bool:
    return user.is_authenticated


@rules.predicate
def has_verified_email(user) -> bool:
    """Signed in with a verified email address: the condition for contributing anything."""
    return permissions.has_verified_email(user)


@rules.predicate
def is_staff_member(user, obj=None) -> bool:
    """Council staff who have set up two-factor authentication (see accounts.permissions.is_staff_member)."""
    return permissions.is_staff_member(user)


@rules.predicate
def needs_two_factor(user) -> bool:
    """A staff account that has not set up two-factor authentication yet, so has no staff powers."""
    return user.is_authenticated and user.is_active and user.is_staff and not permissions.has_two_factor(user)


def has_model_permission(codename: str) -> rules.Predicate:
    """The admin's model permission (from the person's groups), as a predicate to combine with staff rules."""

    @rules.predicate(name=f"has_model_permission:{codename}")
    def predicate(user) -> bool:
        return user.has_perm(codename)

    return predicate


def permission(name: str):
    """A registered permission as a `(user, obj)` function, for the registries that take a visibility rule."""

    def check(user, obj) -> bool:
        return user.has_perm(name, obj)

    check.__name__ = check.__qualname__ = name
    return check


rules.add_perm("accounts.use_staff_admin", is_staff_member)
rules.add_perm("accounts.set_up_staff_two_factor", needs_two_factor)
