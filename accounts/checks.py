"""Start-up check: every field that links to a person or holds an email address is covered by a personal-data
registration (accounts.privacy), so that "download my data" and account deletion cannot silently miss a model."""

from __future__ import annotations

from django.apps import apps
from django.conf import settings
from django.core.checks import Error, Tags, register
from django.core.exceptions import FieldDoesNotExist
from django.db import models

from accounts.privacy import PersonalData, personal_data_registry


def personal_fields(model: type[models.Model]) -> list[str]:
    """Fields of the model that link to a person or hold an email address."""
    found = []
    for field in model._meta.get_fields():
        if field.auto_created and not field.concrete:
            continue  # the reverse side of a relation, checked on the model that holds it
        if field.is_relation:
            through = getattr(field.remote_field, "through", None)
            if field.many_to_many and through is not None and not through._meta.auto_created:
                continue  # an explicit through model is checked itself
            if field.related_model is not None and field.related_model._meta.label == settings.AUTH_USER_MODEL:
                found.append(field.name)
        elif isinstance(field, models.EmailField) or "email" in field.name.lower():
            found.append(field.name)
    return found


@register(Tags.models)
def personal_data_covered(app_configs=None, registry: dict[str, PersonalData] | None = None, **kwargs) -> list:
    registry = personal_data_registry() if registry is None else registry
    covered = {
        f"{label}.{name}": item.name
        for item in registry.values()
        for label, names in item.covers.items()
        for name in names
    }
    allowed = {key: item.name for item in registry.values() for key in item.not_personal}
    errors = []
    for key, registration in {**covered, **allowed}.items():
        label, name = key.rsplit(".", 1)
        try:
            apps.get_model(label)._meta.get_field(name)
        except (LookupError, FieldDoesNotExist):
            errors.append(
                Error(
                    f"The personal-data registration '{registration}' names {key}, which does not exist.",
                    hint="Rename it in the app's COVERS (its register_personal_data() call).",
                    id="accounts.E002",
                )
            )
    checked = apps.get_models() if app_configs is None else [m for c in app_configs for m in c.get_models()]
    for model in checked:
        for name in personal_fields(model):
            key = f"{model._meta.label}.{name}"
            if key not in covered and key not in allowed:
                errors.append(
                    Error(
                        f"{key} holds a person's data, but no personal-data registration covers it: "
                        "the person's data download and account deletion would miss it.",
                        hint=(
                            "Export and erase it in the app's privacy.py and name it in its COVERS "
                            "(register_personal_data(covers=...)), or, if it holds nothing about an account holder, "
                            "in not_personal= with the reason."
                        ),
                        obj=model,
                        id="accounts.E001",
                    )
                )
    return errors
