"""Why directories rot, and what stops it: reminders before a listing's review falls due, then hiding it.

A listing's review falls due 12 months after it was last confirmed. Its group is
reminded 14 days before, on the day and 14 days after; a month after the due date
residents see "may be out of date"; three months after, it is hidden and the group
and staff are told. `today` is a parameter so that tests control the clock.
"""

from __future__ import annotations

import datetime
import logging

from django.db import IntegrityError, transaction
from django.db.models import DateField, F
from django.db.models.functions import Cast, Coalesce, TruncDate

from directory import emails
from directory.models import REVIEW_INTERVAL_DAYS, FreshnessReminder, Listing
from directory.services import listing_refresh_search
from localism.audit import audit_record

logger = logging.getLogger(__name__)

REMIND_BEFORE_DAYS = 14
REMIND_AFTER_DAYS = 14
HIDE_AFTER_DAYS = 90

# (step, first day after the due date it applies, first day it no longer applies)
STEPS = [
    (FreshnessReminder.Step.BEFORE, -REMIND_BEFORE_DAYS, 0),
    (FreshnessReminder.Step.DUE, 0, REMIND_AFTER_DAYS),
    (FreshnessReminder.Step.AFTER, REMIND_AFTER_DAYS, HIDE_AFTER_DAYS),
]


def _with_due_date():
    """Published listings with the day each was last confirmed (confirmed_on), in the site's time zone, as the
    listing's own review_due_on reads it."""
    confirmed = Coalesce(F("last_confirmed_at"), F("published_at"))
    return (
        Listing.objects.filter(status=Listing.Status.PUBLISHED, edit_of__isnull=True)
        .exclude(last_confirmed_at__isnull=True, published_at__isnull=True)
        .annotate(confirmed_on=Cast(TruncDate(confirmed), DateField()))
        .select_related("organisation")
    )


def _due_on(listing: Listing) -> datetime.date:
    return listing.confirmed_on + datetime.timedelta(days=REVIEW_INTERVAL_DAYS)


def _record_step(listing: Listing, step: str, due_on: datetime.date) -> bool:
    """True the first time this step is taken for this due date (so a second run sends nothing)."""
    try:
        with transaction.atomic():
            FreshnessReminder.objects.create(listing=listing, due_on=due_on, step=step)
    except IntegrityError:
        return False
    return True


def stale_on_or_before(today: datetime.date) -> datetime.date:
    """A listing last confirmed on or before this day is hidden as out of date (three months past its review)."""
    return today - datetime.timedelta(days=REVIEW_INTERVAL_DAYS + HIDE_AFTER_DAYS)


def send_freshness_reminders(*, today: datetime.date) -> int:
    """Remind groups whose listings' reviews are near, due or overdue; returns how many were sent."""
    sent = 0
    for step, start, end in STEPS:
        # confirmed_on + 365 + start <= today < confirmed_on + 365 + end
        latest = today - datetime.timedelta(days=REVIEW_INTERVAL_DAYS + start)
        earliest = today - datetime.timedelta(days=REVIEW_INTERVAL_DAYS + end - 1)
        candidates = (
            _with_due_date()
            .filter(confirmed_on__gte=earliest, confirmed_on__lte=latest)
            # Already reminded at this step for the current due date (confirmations only move it later).
            .exclude(
                freshness_reminders__step=step,
                freshness_reminders__due_on__gte=earliest + datetime.timedelta(days=REVIEW_INTERVAL_DAYS),
            )
        )
        for listing in candidates.iterator(chunk_size=500):
            due_on = _due_on(listing)
            with transaction.atomic():
                if _record_step(listing, step, due_on):
                    emails.freshness_reminder(listing, step=step, due_on=due_on)
                    sent += 1
    return sent


def hide_stale_listings(*, today: datetime.date) -> int:
    """Hide listings three months past their review date; the group and staff are told."""
    latest = stale_on_or_before(today)
    hidden = 0
    for listing in (
        _with_due_date().filter(is_hidden_as_stale=False, confirmed_on__lte=latest).iterator(chunk_size=500)
    ):
        due_on = _due_on(listing)
        with transaction.atomic():
            Listing.objects.filter(pk=listing.pk).update(is_hidden_as_stale=True)
            listing_refresh_search(listing_ids=[listing.pk])
            audit_record(action="directory.listing.hidden_as_stale", target=listing, data={"due_on": str(due_on)})
            if _record_step(listing, FreshnessReminder.Step.HIDDEN, due_on):
                emails.listing_hidden_as_stale(listing, due_on=due_on)
            hidden += 1
    return hidden
