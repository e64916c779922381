"""What the outbox holds: who is emailed, by the kind of email."""

from notifications.models import Notification


def emails_of(kind: str) -> list[str]:
    """Who the outbox holds an email of this kind for ("events.promoted"), in order of address."""
    return sorted(Notification.objects.filter(event__kind=kind).values_list("recipient__email", flat=True))
