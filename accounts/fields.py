"""Model fields that every app uses for people."""

from __future__ import annotations

from django.conf import settings
from django.db import models


def person_link(related_name: str = "+", *, blank: bool = True, **options) -> models.ForeignKey:
    """Who did something (proposed, decided, entered, reported): emptied, not deleted, when their account is
    deleted, so that the record stays (shown as by a former participant)."""
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=blank,
        on_delete=models.SET_NULL,
        related_name=related_name,
        **options,
    )
