"""Background work for the directory (Celery beat runs these daily)."""

from __future__ import annotations

from celery import shared_task
from django.utils import timezone

from directory.freshness import hide_stale_listings, send_freshness_reminders


@shared_task
def check_listing_freshness() -> dict:
    """Remind groups and hide listings long past review; safe to run twice (each step is recorded once)."""
    today = timezone.localdate()
    return {"reminded": send_freshness_reminders(today=today), "hidden": hide_stale_listings(today=today)}
