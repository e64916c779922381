"""The emails about a person's registration, queued in the outbox inside the change's transaction."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.formats import date_format

from events.models import Registration
from localism.links import absolute_url

TEMPLATE = "events/emails/registration"
REASON = "you signed up to this event"


def _send(*, registration: Registration, step: str, title: str, lines: list[str]) -> None:
    from notifications.services import notify

    event = registration.event
    starts = timezone.localtime(event.starts_at)
    notify(
        kind=f"events.{step}",
        key=f"events.{step}:{registration.pk}",
        recipients=get_user_model().objects.filter(pk=registration.user_id),
        template=TEMPLATE,
        context={
            "title": title,
            "lines": lines,
            "event_title": event.title,
            "when": f"{date_format(starts, 'l j F Y')} at {date_format(starts, 'g:i a')}",
            "venue": event.venue,
            "url": absolute_url(event.get_absolute_url()),
        },
        reason=f"You are getting this because {REASON}.",
        transactional=True,
    )


def signed_up(*, registration: Registration) -> None:
    _send(
        registration=registration,
        step="signed_up",
        title=f"You have a place at {registration.event.title}",
        lines=["If you cannot come, please cancel on the event's page so that someone else can have your place."],
    )


def waiting(*, registration: Registration) -> None:
    _send(
        registration=registration,
        step="waiting",
        title=f"You are on the waiting list for {registration.event.title}",
        lines=["The event is full. If someone cancels, the next person on the list gets their place and an email."],
    )


def promoted(*, registration: Registration) -> None:
    _send(
        registration=registration,
        step="promoted",
        title=f"A place came free: you now have a place at {registration.event.title}",
        lines=["Someone cancelled, and you were next on the waiting list. If you cannot come, please cancel."],
    )


def reminder(*, registration: Registration) -> None:
    _send(
        registration=registration,
        step="reminder",
        title=f"Reminder: {registration.event.title} is tomorrow",
        lines=["You have a place. If you cannot come, please cancel so that someone on the waiting list can."],
    )
