"""The audit trail: every staff or state-changing action writes one entry."""

from __future__ import annotations

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.text import capfirst

from localism.models import AuditEntry
from localism.registry import Registry

ACTION_LABELS: Registry[str] = Registry("audit action labels")

# The codes that AuditedModelAdmin writes for any model edited in the admin: `<app>.<model>.<verb>`.
ADMIN_EDIT_VERBS = ("added", "changed", "deleted")


def register_actions(labels: dict[str, str]) -> None:
    """Readable text for dotted action codes, e.g. {"directory.listing.approved": "Listing approved"}."""
    for code, label in labels.items():
        ACTION_LABELS.add(code, label)


def action_label(action: str) -> str:
    """The readable text of an action code: as registered, else for an admin edit from the model's name."""
    return ACTION_LABELS.get(action) or admin_edit_label(action) or action


def admin_edit_label(action: str) -> str | None:
    """ "Meeting changed by staff in the admin" for the code AuditedModelAdmin writes; None for any other code."""
    app_label, _, rest = action.partition(".")
    model_name, _, verb = rest.partition(".")
    if verb not in ADMIN_EDIT_VERBS:
        return None
    try:
        model = apps.get_model(app_label, model_name)
    except LookupError:
        return None
    return f"{capfirst(model._meta.verbose_name)} {verb} by staff in the admin"


def audit_record(
    *, action: str, actor=None, target: models.Model | None = None, data: dict | None = None
) -> AuditEntry:
    """Write one audit entry (call inside the service's transaction, so that both commit or neither)."""
    entry = AuditEntry(action=action, actor=actor if actor and actor.is_authenticated else None, data=data or {})
    if target is not None:
        entry.target_type = ContentType.objects.get_for_model(target)
        entry.target_id = str(target.pk)
        entry.target_repr = str(target)[:255]
    entry.save()
    return entry
