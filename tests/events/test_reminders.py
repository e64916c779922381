"""The reminder the day before: to everyone with a place, through the outbox, once per registration however
often (or however many at once) the scheduled task runs."""

import datetime
import threading
import zoneinfo

import pytest
from django.conf import settings
from django.db import connection
from django.utils import timezone

from events.models import Registration
from events.services import registration_cancel, registration_sign_up, reminders_send
from events.tasks import send_event_reminders
from localism.celery import app
from notifications.models import Notification
from tests.events.factories import EventFactory
from tests.factories import UserFactory
from tests.outbox import emails_of

LONDON = zoneinfo.ZoneInfo("Europe/London")


def _tomorrow_at(hour: int) -> datetime.datetime:
    day = timezone.localdate() + datetime.timedelta(days=1)
    return datetime.datetime.combine(day, datetime.time(hour, 0), tzinfo=LONDON)


def _event_tomorrow(**fields):
    starts = _tomorrow_at(10)
    return EventFactory(starts_at=starts, ends_at=starts + datetime.timedelta(hours=1), **fields)


@pytest.mark.django_db
def test_everyone_with_a_place_at_tomorrows_event_is_reminded_and_nobody_else():
    event = _event_tomorrow(capacity=2)
    coming = [registration_sign_up(event=event, user=UserFactory()) for _ in range(3)]
    waiting = coming.pop()
    cancelled = registration_sign_up(event=EventFactory(capacity=5, starts_at=event.starts_at), user=UserFactory())
    registration_cancel(registration=cancelled)
    later = EventFactory(starts_at=event.starts_at + datetime.timedelta(days=1))
    registration_sign_up(event=later, user=UserFactory())

    assert send_event_reminders() == 2

    assert emails_of("events.reminder") == sorted(r.user.email for r in coming)
    assert waiting.user.email not in emails_of("events.reminder")
    context = Notification.objects.filter(event__kind="events.reminder").first().event.context
    assert context["title"] == f"Reminder: {event.title} is tomorrow" and context["venue"] == event.venue


@pytest.mark.django_db
def test_running_the_task_again_sends_no_second_reminder():
    event = _event_tomorrow()
    registration = registration_sign_up(event=event, user=UserFactory())

    assert send_event_reminders() == 1
    assert send_event_reminders() == 0

    assert Notification.objects.filter(event__kind="events.reminder").count() == 1
    registration.refresh_from_db()
    assert registration.reminded_at is not None


@pytest.mark.django_db
def test_someone_promoted_from_the_waiting_list_the_day_before_is_reminded_too():
    event = _event_tomorrow(capacity=1)
    holder = registration_sign_up(event=event, user=UserFactory())
    waiting = registration_sign_up(event=event, user=UserFactory())
    send_event_reminders()

    registration_cancel(registration=holder)
    assert send_event_reminders() == 1

    assert emails_of("events.reminder") == sorted([holder.user.email, waiting.user.email])


@pytest.mark.django_db
def test_the_day_before_is_the_day_before_in_the_uk():
    # 00:30 on 1 July in London is 23:30 on 30 June in UTC: reminded on 30 June (London), not on 29 June.
    starts = datetime.datetime(2027, 7, 1, 0, 30, tzinfo=LONDON)
    event = EventFactory(starts_at=starts, ends_at=starts + datetime.timedelta(hours=1))
    registration_sign_up(event=event, user=UserFactory())

    assert reminders_send(now=datetime.datetime(2027, 6, 29, 23, 0, tzinfo=LONDON)) == 0
    assert reminders_send(now=datetime.datetime(2027, 6, 30, 9, 0, tzinfo=LONDON)) == 1


@pytest.mark.django_db
def test_an_unpublished_event_sends_no_reminder():
    event = _event_tomorrow()
    registration_sign_up(event=event, user=UserFactory())
    event.is_published = False
    event.save()

    assert send_event_reminders() == 0


@pytest.mark.django_db(transaction=True)
def test_two_runs_at_the_same_moment_remind_each_person_once():
    event = _event_tomorrow(capacity=20)
    for _ in range(10):
        registration_sign_up(event=event, user=UserFactory())
    barrier = threading.Barrier(2)
    counts = []

    def run():
        try:
            barrier.wait(timeout=10)
            counts.append(reminders_send())
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert sum(counts) == 10
    assert Notification.objects.filter(event__kind="events.reminder").count() == 10
    assert Registration.objects.filter(reminded_at__isnull=True).count() == 0


def test_the_reminders_run_every_hour_from_the_one_beat_schedule():
    app.loader.import_default_modules()
    entry = settings.CELERY_BEAT_SCHEDULE["events-reminders"]
    assert entry["task"] == "events.tasks.send_event_reminders"
    assert app.conf.beat_schedule["events-reminders"]["task"] == entry["task"]
