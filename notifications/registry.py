"""Which kinds of object people can follow. Apps register theirs in their hooks.py.

Each kind comes with the model's own visibility rule, the `(user, obj)` predicate its page asks,
so that following by id can never reach an object its page would not show.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import models

from localism.registry import Registry, installed_model


def everyone(user, obj) -> bool:
    """The visibility rule of objects that are public by nature (places, topics)."""
    return True


@dataclass(frozen=True)
class Followable:
    noun: str  # what the page calls it ("place", "topic", ...)
    can_see: Callable[[object, models.Model], bool]
    model: type[models.Model]


FOLLOWABLES: Registry[Followable] = Registry("followables")  # "app_label.modelname" -> noun and visibility rule


def register_followable(
    model: type[models.Model] | str, noun: str, *, can_see: Callable[[object, models.Model], bool]
) -> None:
    model = installed_model(model, registration=f"register_followable({noun!r})")
    FOLLOWABLES.add(model._meta.label_lower, Followable(noun, can_see, model))


def can_follow(user, obj: models.Model) -> bool:
    """A person may follow an object of a followable kind that they may see."""
    followable = FOLLOWABLES.get(obj._meta.label_lower)
    return followable is not None and followable.can_see(user, obj)


def noun_for(model: type[models.Model]) -> str:
    followable = FOLLOWABLES.get(model._meta.label_lower)
    return followable.noun if followable else "item"


def target_token(obj: models.Model) -> str:
    """'localism.place:12' names an object in a form."""
    return f"{obj._meta.label_lower}:{obj.pk}"


def resolve_target(token: str, user) -> models.Model | None:
    """The followable object a token names, if the person may see it; None otherwise.

    An object the person may not see is answered exactly as one that does not exist.
    """
    label, _, pk = token.partition(":")
    followable = FOLLOWABLES.get(label)
    if followable is None or not pk or len(pk) > 64:
        return None
    model = followable.model
    try:
        pk = model._meta.pk.to_python(pk)
    except ValidationError:  # the client sent something that is not a key: answered as a missing object
        return None
    obj = model._default_manager.filter(pk=pk).first()
    if obj is None or not can_follow(user, obj):
        return None
    return obj
