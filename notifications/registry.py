"""Which kinds of object people can follow. Apps register theirs in AppConfig.ready().

Each kind comes with the model's own visibility rule, the `(user, obj)` predicate its page asks,
so that following by id can never reach an object its page would not show.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import models


def everyone(user, obj) -> bool:
    """The visibility rule of objects that are public by nature (places, topics)."""
    return True


@dataclass(frozen=True)
class Followable:
    noun: str  # what the page calls it ("place", "topic", ...)
    can_see: Callable[[object, models.Model], bool]


_FOLLOWABLE: dict[str, Followable] = {}  # "app_label.modelname" -> its noun and visibility rule


def register_followable(model: type[models.Model], noun: str, *, can_see: Callable[[object, models.Model], bool]):
    _FOLLOWABLE[model._meta.label_lower] = Followable(noun, can_see)


def is_followable(model: type[models.Model]) -> bool:
    return model._meta.label_lower in _FOLLOWABLE


def can_follow(user, obj: models.Model) -> bool:
    """A person may follow an object of a followable kind that they may see."""
    followable = _FOLLOWABLE.get(obj._meta.label_lower)
    return followable is not None and followable.can_see(user, obj)


def noun_for(model: type[models.Model]) -> str:
    followable = _FOLLOWABLE.get(model._meta.label_lower)
    return followable.noun if followable else "item"


def target_token(obj: models.Model) -> str:
    """'localism.place:12' names an object in a form."""
    return f"{obj._meta.label_lower}:{obj.pk}"


def resolve_target(token: str, user) -> models.Model | None:
    """The followable object a token names, if the person may see it; None otherwise.

    An object the person may not see is answered exactly as one that does not exist.
    """
    label, _, pk = token.partition(":")
    if label not in _FOLLOWABLE or not pk or len(pk) > 64:
        return None
    try:
        model = apps.get_model(label)
        obj = model._default_manager.filter(pk=model._meta.pk.to_python(pk)).first()
    except (LookupError, ValueError, TypeError, ValidationError):  # not a valid key for the model's field
        return None
    if obj is None or not can_follow(user, obj):
        return None
    return obj
