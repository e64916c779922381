"""Delivery through GOV.UK Notify with the real services: Redis, a Celery worker process, and the real Notify
client in that worker talking to a stand-in for Notify's HTTP API on loopback (notify_fake.py)."""

from __future__ import annotations

import time

import pytest
from django.utils import timezone

from notifications.models import Announcement, Notification
from tests.factories import PlaceFactory
from tests.notifications.conftest import instant_followers, send_from_the_admin, verified_mobile
from tests.services import redis_url
from tests.worker import Worker

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]

FOLLOWERS = 20
TEXTED = 10


@pytest.fixture
def worker(notify_fake, settings):
    worker = Worker(
        redis_url(),
        NOTIFY_API_KEY=settings.NOTIFY_API_KEY,
        NOTIFY_BASE_URL=settings.NOTIFY_BASE_URL,
        NOTIFY_EMAIL_TEMPLATE_ID=settings.NOTIFY_EMAIL_TEMPLATE_ID,
        NOTIFY_SMS_TEMPLATE_ID=settings.NOTIFY_SMS_TEMPLATE_ID,
    )
    yield worker
    output = worker.stop()
    assert "Traceback" not in output, output


def test_a_busy_notify_delays_but_never_doubles_an_email_or_a_text(
    client, moderator, notify_fake, worker, broker_for_this_process
):
    place = PlaceFactory(name="Dereham Test", slug="dereham-test")
    people = instant_followers(place, FOLLOWERS)
    for n, person in enumerate(people[:TEXTED]):
        verified_mobile(person, f"+4471234560{n:02d}")
    announcement = Announcement.objects.create(title="Market moves to Saturday", body="From next week.")
    announcement.places.add(place)
    notify_fake.fail_next(3, 429)
    notify_fake.fail_next(2, 500)
    worker.start()
    broker_for_this_process(worker.broker, worker.queue)

    assert send_from_the_admin(client, moderator, announcement).status_code == 302

    deadline = time.monotonic() + 90
    while Notification.objects.exclude(status="sent").exists() and time.monotonic() < deadline:
        # What the back-off's passing and the beat sweep do: the retried rows are due, and a task asks for them.
        Notification.objects.filter(status="queued").update(next_attempt_at=timezone.now())
        worker.run("notifications.tasks.deliver_outbox")
    worker.run("notifications.tasks.deliver_outbox")  # one more run sends nothing more

    assert sorted(e["email_address"] for e in notify_fake.emails()) == sorted(p.email for p in people)
    assert sorted(t["phone_number"] for t in notify_fake.texts()) == [f"+4471234560{n:02d}" for n in range(TEXTED)]
    assert Notification.objects.filter(status="sent").count() == FOLLOWERS + TEXTED
    assert Notification.objects.filter(attempts=1).count() == 5  # the five that Notify turned away once
