"""Which kinds of object people can follow. Apps register theirs in AppConfig.ready()."""

from __future__ import annotations

from django.apps import apps
from django.db import models

_FOLLOWABLE: dict[str, str] = {}  # "app_label.modelname" -> what the page calls it ("place", "topic", ...)


def register_followable(model: type[models.Model], noun: str) -> None:
    _FOLLOWABLE[model._meta.label_lower] = noun


def is_followable(model: type[models.Model]) -> bool:
    return model._meta.label_lower in _FOLLOWABLE


def noun_for(model: type[models.Model]) -> str:
    return _FOLLOWABLE.get(model._meta.label_lower, "item")


def target_token(obj: models.Model) -> str:
    """'localism.place:12' names an object in a form."""
    return f"{obj._meta.label_lower}:{obj.pk}"


def resolve_target(token: str) -> models.Model | None:
    """The followable object a token names, or None if it names nothing followable."""
    label, _, pk = token.partition(":")
    if label not in _FOLLOWABLE or not pk or len(pk) > 64:
        return None
    try:
        model = apps.get_model(label)
        return model._default_manager.filter(pk=pk).first()
    except (LookupError, ValueError, TypeError):
        return None
    except Exception:  # a malformed primary key for the model's field type (e.g. not a UUID)
        return None
