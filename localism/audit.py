"""The audit trail: every staff or state-changing action writes one entry."""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.db import models

from localism.models import AuditEntry

_LABELS: dict[str, str] = {}


def register_actions(labels: dict[str, str]) -> None:
    """Readable text for dotted action codes, e.g. {"directory.listing.approved": "Listing approved"}."""
    _LABELS.update(labels)


def action_label(action: str) -> str:
    return _LABELS.get(action, action)


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
