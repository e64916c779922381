"""How an app attaches a discussion to its objects: the whole interface between an owner and this app.

The owning app registers its model once, from its AppConfig.ready():

    from discussions.registry import DiscussionPolicy, register_discussable

    def consultation_discussion(consultation, user) -> DiscussionPolicy:
        return DiscussionPolicy(
            is_visible=can_view_consultation(user, consultation),  # False: 404, as for a draft
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


_BY_KEY: dict[str, Discussable] = {}
_BY_MODEL: dict[type[models.Model], Discussable] = {}


def register_discussable(key: str, model: type[models.Model], policy: Callable) -> None:
    entry = Discussable(key, model, policy)
    _BY_KEY[key] = entry
    _BY_MODEL[model] = entry


def discussable_for_key(key: str) -> Discussable:
    try:
        return _BY_KEY[key]
    except KeyError:
        raise Http404("There is no discussion here.") from None


def discussable_for(target: models.Model) -> Discussable:
    try:
        return _BY_MODEL[type(target)]
    except KeyError:
        raise LookupError(f"{type(target).__name__} has not registered a discussion") from None


def policy_for(target: models.Model, user) -> DiscussionPolicy:
    return discussable_for(target).policy(target, user)


def target_for(key: str, pk: int) -> models.Model:
    """The object a thread belongs to (404 when it does not exist)."""
    entry = discussable_for_key(key)
    target = entry.model._default_manager.filter(pk=pk).first()
    if target is None:
        raise Http404("There is no discussion here.")
    return target
