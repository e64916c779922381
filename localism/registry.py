"""Plug-in points: what each app adds to the shared pages and services, registered from its hooks.py.

LocalismConfig.ready() imports every installed app's `hooks.py` once (`autodiscover_modules`), so
registrations happen at start-up, in one known module per app, and never as a side effect of
importing some other module. The registry objects live in the app that owns the concept (sections,
search and sitemaps here, followables in notifications, discussables in discussions, personal data
in accounts); each remembers the module that made every registration, so that a test can prove they
all come from a hooks.py.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator, Mapping
from typing import TypeVar

from django.apps import apps
from django.core.exceptions import ImproperlyConfigured
from django.db import models
from django.utils.module_loading import autodiscover_modules

T = TypeVar("T")


def autodiscover() -> None:
    """Import each installed app's hooks.py: the one place where an app makes its registrations."""
    autodiscover_modules("hooks")


class Registry(Mapping[str, T]):
    """Entries by key, each with the module that registered it; registering a key again replaces it."""

    def __init__(self, name: str) -> None:
        self.name = name
        self._entries: dict[str, T] = {}
        self.origins: dict[str, str] = {}
        # The module that owns the registry, whose register_*() functions are not where a registration comes from.
        self._owner = sys._getframe(1).f_globals.get("__name__", "")

    def add(self, key: str, entry: T) -> None:
        self._entries[key] = entry
        self.origins[key] = self._registering_module()

    def remove(self, key: str) -> None:
        del self._entries[key]
        del self.origins[key]

    def get_or_404(self, key: str, message: str) -> T:
        """The entry a URL names by its key; a key nobody registered is a page that does not exist."""
        from django.http import Http404

        try:
            return self._entries[key]
        except KeyError:
            raise Http404(message) from None

    def ordered(self) -> list[T]:
        """The entries by their `order` (registration order among equals)."""
        return sorted(self._entries.values(), key=lambda entry: entry.order)

    def __getitem__(self, key: str) -> T:
        return self._entries[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._entries)

    def __len__(self) -> int:
        return len(self._entries)

    def __repr__(self) -> str:
        return f"<Registry {self.name}: {len(self)} entries>"

    def _registering_module(self) -> str:
        frame = sys._getframe(2)
        while frame is not None and frame.f_globals.get("__name__") in (__name__, self._owner):
            frame = frame.f_back
        return frame.f_globals.get("__name__", "") if frame is not None else ""


def installed_model(model: type[models.Model] | str, *, registration: str) -> type[models.Model]:
    """The model a registration names, as a class or "app_label.Model"; a clear start-up error when it is missing."""
    if isinstance(model, str):
        try:
            return apps.get_model(model)
        except (LookupError, ValueError):
            raise ImproperlyConfigured(
                f"{registration} names the model {model!r}, which is not installed. "
                "Correct the app's hooks.py (a model is named 'app_label.ModelName')."
            ) from None
    return model
