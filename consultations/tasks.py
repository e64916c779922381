"""Background work for consultations: the daily "closing soon" reminders, and forgetting unfinished drafts."""

from __future__ import annotations

import datetime as dt

from celery import shared_task
from django.db import transaction
from django.utils import timezone

CLOSING_SOON_DAYS = 7


@shared_task
def send_closing_soon_reminders() -> int:
    """Remind followers of consultations closing within a week (safe to run twice: each has one outbox key)."""
    from consultations import emails
    from consultations.models import Consultation

    now = timezone.now()
    closing = Consultation.objects.open().filter(closes_at__lte=now + dt.timedelta(days=CLOSING_SOON_DAYS))
    count = 0
    for consultation in closing.prefetch_related("topics", "places"):
        with transaction.atomic():
            emails.closing_soon(consultation=consultation)
        count += 1
    return count


@shared_task
def purge_closed_drafts() -> int:
    """Delete unfinished responses saved for consultations that have closed (safe to run twice)."""
    from consultations import services

    return services.drafts_purge_closed()
