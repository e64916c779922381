"""Background work for events: the reminder the day before."""

from celery import shared_task


@shared_task
def send_event_reminders() -> int:
    """Remind everyone with a place at tomorrow's events, once per registration (safe to run twice)."""
    from events.services import reminders_send

    return reminders_send()
