"""How an app attaches a discussion to its objects: the whole interface between an owner and this app.

The owning app registers its model once, from its hooks.py:

    from discussions.registry import DiscussionPolicy, register_discussable

    def consultation_discussion(consultation, user) -> DiscussionPolicy:
        return DiscussionPolicy(
            is_visible=user.has_perm("consultations.see_consultation", consultation),  # False: 404, as for a draft
            is_open=consultation.is_open,                          # False: read only
            is_premoderated=consultation.is_premoderated,          # True: comments wait for a moderator
        )

    register_discussable("consultation", Consultation, consultation_discussion)

then shows the thread on its page with `{% load discussions %}{% discussion consultation %}`.
The owner object must have `get_absolute_url()` and a `__str__` (used as the thread's title).
Everything else (comments, replies, agreements, reports, moderation, emails) lives here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.db import models
from django.http import Http404

from localism.registry import Registry, installed_model


@dataclass(frozen=True)
class DiscussionPolicy:
    is_visible: bool
    is_open: bool
    is_premoderated: bool = False
    closed_message: str = "This discussion is closed to new comments."


@dataclass(frozen=True)
class Discussable:
    key: str
    model: type[models.Model]
    policy: Callable[[models.Model, object], DiscussionPolicy]


DISCUSSABLES: Registry[Discussable] = Registry("discussables")


def register_discussable(key: str, model: type[models.Model] | str, policy: Callable) -> None:
    model = installed_model(model, registration=f"register_discussable({key!r})")
    DISCUSSABLES.add(key, Discussable(key, model, policy))


def discussable_for_key(key: str) -> Discussable:
    return DISCUSSABLES.get_or_404(key, "There is no discussion here.")


def discussable_for(target: models.Model) -> Discussable:
    for entry in DISCUSSABLES.values():
        if entry.model is type(target):
            return entry
    raise LookupError(f"{type(target).__name__} has not registered a discussion")


def policy_for(target: models.Model, user) -> DiscussionPolicy:
    return discussable_for(target).policy(target, user)


def target_for(key: str, pk: int) -> models.Model:
    """The object a thread belongs to (404 when it does not exist)."""
    entry = discussable_for_key(key)
    target = entry.model._default_manager.filter(pk=pk).first()
    if target is None:
        raise Http404("There is no discussion here.")
    return target


def comments_for_council_staff(comments: models.QuerySet, user) -> models.QuerySet:
    """The comments a council's own staff moderate: those on the threads of their council's consultations and
    projects (each owner model names its council, `accounts.permissions.council_id_of`); all for the county."""
    from django.contrib.contenttypes.models import ContentType
    from django.db.models import Q

    from accounts.permissions import council_limit, for_council_staff

    if council_limit(user) is None:
        return comments
    owned = Q(pk__in=[])
    for entry in DISCUSSABLES.values():
        targets = for_council_staff(entry.model._default_manager.all(), user).values("pk")
        owned |= Q(content_type=ContentType.objects.get_for_model(entry.model), object_id__in=targets)
    return comments.filter(owned)
