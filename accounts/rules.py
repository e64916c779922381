"""The predicates every app builds its rules from: who a person is, whatever the object.

Each app's `rules.py` combines these with its own `(user, obj)` predicates and registers the
result with `rules.add_perm("<app>.<action>_<model>", ...)`; views, templates, the admin and the
services then ask `user.has_perm(name, obj)`, so that each rule is written once.

Permission names never use Django's own `add_`, `change_`, `delete_` or `view_` codenames: those are
the admin's model permissions, which the admin asks without an object.

Staff powers come from `is_staff_member`. Where staff act on what a council publishes or decides
(consultations, budgeting rounds, decisions, nominations of assets, Right to Challenge, the comments
on them), the rules ask `is_staff_for` instead: a staff member limited to one council (a district
officer, a parish clerk: `User.council`) acts only on that council's content; the county's portal
team (no council) acts for every council, as all staff did before councils had staff of their own.
"""

from __future__ import annotations

import rules
from django.core.exceptions import PermissionDenied
from django.http import Http404

from accounts import permissions


@rules.predicate
def has_verified_email(user) -> bool:
    """Signed in with a verified email address: the condition for contributing anything."""
    return permissions.has_verified_email(user)


@rules.predicate
def is_staff_member(user, obj=None) -> bool:
    """Council staff who have set up two-factor authentication (see accounts.permissions.is_staff_member)."""
    return permissions.is_staff_member(user)


@rules.predicate
def is_staff_for(user, obj=None) -> bool:
    """Staff (with two-factor authentication) who act for the object's council: the county's team act for
    every council, a council's own staff for theirs alone. Asked without an object ("for some council?",
    as the admin asks before listing), it is `is_staff_member`; the admin's lists are then limited by
    `accounts.permissions.for_council_staff`, which reads the same rule."""
    if not permissions.is_staff_member(user):
        return False
    limit = permissions.council_limit(user)
    if limit is None or obj is None:
        return True
    return permissions.council_id_of(obj) == limit


@rules.predicate
def is_county_staff(user) -> bool:
    """Staff with no council limit: the county's portal team, who act for every council."""
    return permissions.is_staff_member(user) and permissions.council_limit(user) is None


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


def object_is(attribute: str) -> rules.Predicate:
    """The object's own yes-or-no `attribute` (a field or property, such as "is_open"), as a predicate."""

    @rules.predicate(name=f"object_is:{attribute}")
    def predicate(user, obj) -> bool:
        return bool(getattr(obj, attribute))

    return predicate


def is_person_in(field: str) -> rules.Predicate:
    """The person signed in is the one the object's `field` (a user's id, such as "author_id") names."""

    @rules.predicate(name=f"is_person_in:{field}")
    def predicate(user, obj) -> bool:
        return user.is_authenticated and getattr(obj, field) == user.pk

    return predicate


def permission(name: str):
    """A registered permission as a `(user, obj)` function, for the registries that take a visibility rule."""

    def check(user, obj) -> bool:
        return user.has_perm(name, obj)

    check.__name__ = check.__qualname__ = name
    return check


def require(user, perm: str, obj=None, message: str = "You cannot do that.") -> None:
    """A view's check of a rule before it acts: a person without it is refused (403)."""
    if not user.has_perm(perm, obj):
        raise PermissionDenied(message)


def require_visible(user, perm: str, obj, message: str) -> None:
    """A view's check of what a person may see: anything else answers as missing (404), with no hint that
    it exists."""
    if not user.has_perm(perm, obj):
        raise Http404(message)


rules.add_perm("accounts.use_staff_admin", is_staff_member)
rules.add_perm("accounts.set_up_staff_two_factor", needs_two_factor)
# Only the county's team say which council a member of staff works for (nobody widens their own powers).
rules.add_perm("accounts.assign_staff_council", is_county_staff)
