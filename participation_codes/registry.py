"""What codes can be made for: each app registers its model once, from its hooks.py.

    register_code_target("budgeting-round", Round, "budgeting.run_round", "budgeting:vote_code", allows="one vote")

The permission is the app's rule for who runs the object (asked before making codes for it); the URL name,
reversed with the object's slug, is where a code is entered (printed on each card); `allows` is what one
code is good for, in words.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models
from django.urls import reverse

from localism.registry import Registry, installed_model


@dataclass(frozen=True)
class CodeTarget:
    key: str
    model: type[models.Model]
    permission: str
    url_name: str
    allows: str

    def use_url(self, obj: models.Model) -> str:
        return reverse(self.url_name, kwargs={"slug": obj.slug})


CODE_TARGETS: Registry[CodeTarget] = Registry("code targets")


def register_code_target(key: str, model: type[models.Model] | str, permission: str, url_name: str, *, allows: str):
    model = installed_model(model, registration=f"register_code_target({key!r})")
    CODE_TARGETS.add(key, CodeTarget(key, model, permission, url_name, allows))


def code_target_of(obj: models.Model) -> CodeTarget:
    return next(target for target in CODE_TARGETS.values() if isinstance(obj, target.model))
