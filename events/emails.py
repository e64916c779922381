"""The emails about a person's registration, queued in the outbox inside the change's transaction: one
template (`events/emails/registration`) for each step, each step's words below."""

from __future__ import annotations

from django.utils import timezone
from django.utils.formats import date_format

from events.models import Registration
from localism.links import absolute_url

# Each step: its subject (with the event's title) and what the email then says.
STEPS = {
    "signed_up": (
        "You have a place at {title}",
        "If you cannot come, please cancel on the event's page so that someone else can have your place.",
    ),
    "waiting": (
        "You are on the waiting list for {title}",
        "The event is full. If someone cancels, the next person on the list gets their place and an email.",
    ),
    "promoted": (
        "A place came free: you now have a place at {title}",
        "Someone cancelled, and you were next on the waiting list. If you cannot come, please cancel.",
    ),
    "cancelled_by_organiser": (
        "Your place at {title} is cancelled",
        "The organisers have cancelled your place (or your place on the waiting list). If you think this is a "
        "mistake, or you can come after all, contact them or sign up again on the event's page.",
    ),
    "reminder": (
        "Reminder: {title} is tomorrow",
        "You have a place. If you cannot come, please cancel so that someone on the waiting list can.",
    ),
}


def send(step: str, *, registration: Registration) -> None:
    """Queue the step's email to the person registered (once per registration and step)."""
    from notifications.services import Audience, email

    event = registration.event
    starts = timezone.localtime(event.starts_at)
    title, line = STEPS[step]
    email(
        f"events.{step}",
        registration.pk,
        to=Audience.person(registration.user_id, "you signed up to this event"),
        template="events/emails/registration",
        context={
            "title": title.format(title=event.title),
            "lines": [line],
            "event_title": event.title,
            "when": f"{date_format(starts, 'l j F Y')} at {date_format(starts, 'g:i a')}",
            "venue": event.venue,
            "url": absolute_url(event.get_absolute_url()),
        },
    )
