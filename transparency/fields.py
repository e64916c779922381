"""Model fields that other apps use to point at the transparency records."""

from __future__ import annotations

from django.db import models


def decision_link(**options) -> models.ForeignKey:
    """The decision in the decisions log behind something (a debate, a budget, a promise delivered): optional,
    and emptied, not deleted, when the decision is removed from the log."""
    return models.ForeignKey(
        "transparency.Decision", null=True, blank=True, on_delete=models.SET_NULL, related_name="+", **options
    )
