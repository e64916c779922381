"""Every write to events: signing up, cancelling, filling freed places from the waiting list, reminders.

Each change to who has a place locks the event's row first (SELECT ... FOR UPDATE), so that sign-ups and
cancellations of one event happen one after another: two at once can neither overfill the event nor promote
the same person twice, and a freed place always goes to the first person waiting.
"""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from events import emails
from events.models import Event, Registration
from localism.audit import audit_record


def _locked(event: Event) -> Event:
    return Event.objects.select_for_update().get(pk=event.pk)


def places_fill(*, event: Event) -> list[Registration]:
    """Give each free place to the next person on the waiting list, and email them; who was promoted.

    The caller holds the event's lock (inside its transaction)."""
    free = event.capacity - event.registrations.confirmed().count()
    if free <= 0 or event.has_started:
        return []
    now = timezone.now()
    promoted = list(event.registrations.waiting().select_for_update()[:free])
    for registration in promoted:
        registration.status, registration.confirmed_at = Registration.Status.CONFIRMED, now
        registration.save(update_fields=["status", "confirmed_at"])
        emails.send("promoted", registration=registration)
    return promoted


@transaction.atomic
def registration_sign_up(*, event: Event, user, access_needs: str = "") -> Registration:
    """Sign a person up: a place while there is one, otherwise the end of the waiting list."""
    event = _locked(event)
    if event.has_started:
        raise ValidationError("This event has already started: you can no longer sign up.")
    if event.registrations.active().filter(user=user).exists():
        raise ValidationError("You have already signed up to this event.")
    has_place = event.registrations.confirmed().count() < event.capacity
    now = timezone.now()
    try:
        with transaction.atomic():
            registration = Registration.objects.create(
                event=event,
                user=user,
                access_needs=access_needs.strip(),
                status=Registration.Status.CONFIRMED if has_place else Registration.Status.WAITING,
                confirmed_at=now if has_place else None,
                created_at=now,
            )
    except IntegrityError:
        raise ValidationError("You have already signed up to this event.") from None
    emails.send("signed_up" if has_place else "waiting", registration=registration)
    return registration


@transaction.atomic
def registration_cancel(*, registration: Registration, by=None) -> list[Registration]:
    """Cancel a place or a place on the waiting list; a freed place goes to the next person waiting (returned).

    `by` an organiser other than the person: the change is audited and the person is emailed."""
    event = _locked(registration.event)
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    if registration.status == Registration.Status.CANCELLED:
        return []
    had_place = registration.has_place
    registration.status, registration.cancelled_at = Registration.Status.CANCELLED, timezone.now()
    registration.save(update_fields=["status", "cancelled_at"])
    if by is not None and by.pk != registration.user_id:
        audit_record(
            action="events.registration.cancelled_by_organiser",
            actor=by,
            target=event,
            data={"registration": registration.pk, "had_place": had_place},
        )
        emails.send("cancelled_by_organiser", registration=registration)
    return places_fill(event=event) if had_place else []


@transaction.atomic
def event_places_changed(*, event: Event) -> list[Registration]:
    """After staff change an event (more places, say): fill what is free from the waiting list."""
    return places_fill(event=_locked(event))


def reminders_send(*, now: datetime.datetime | None = None) -> int:
    """Email everyone with a place at an event that starts tomorrow (Europe/London), once each; how many."""
    now = now or timezone.now()
    tomorrow = timezone.localdate(now) + datetime.timedelta(days=1)
    due = Registration.objects.confirmed().filter(
        reminded_at__isnull=True, event__starts_at__date=tomorrow, event__is_published=True
    )
    sent = 0
    for pk in due.values_list("pk", flat=True):
        with transaction.atomic():
            # Skip a row another run holds, and one that run has reminded meanwhile: each person gets one.
            registration = (
                due.select_for_update(skip_locked=True, of=("self",)).select_related("event", "user").filter(pk=pk)
            ).first()
            if registration is None:
                continue
            registration.reminded_at = now
            registration.save(update_fields=["reminded_at"])
            emails.send("reminder", registration=registration)
            sent += 1
    return sent
