"""Delivery through the real services: Redis, a Celery worker process, and an SMTP server on loopback."""

from __future__ import annotations

import re
import urllib.parse

import pytest

from notifications.models import Announcement, Notification
from tests.notifications.conftest import instant_followers, send_from_the_admin
from tests.notifications.smtp_sink import SmtpSink
from tests.services import redis_url
from tests.worker import Worker

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]

FOLLOWERS = 30


@pytest.fixture
def smtp():
    sink = SmtpSink()
    sink.start()
    yield sink
    sink.stop()


@pytest.fixture
def worker(smtp):
    # A short lease, so that rows a killed worker held are taken over within seconds.
    worker = Worker(
        redis_url(), OUTBOX_LEASE_SECONDS="2", OUTBOX_SEND_SECONDS="2", OUTBOX_BATCH_SIZE="100", **smtp.env
    )
    yield worker
    output = worker.stop()
    assert "Traceback" not in output, output


@pytest.fixture
def running_worker(worker, broker_for_this_process) -> Worker:
    """The worker running, and this process queueing its tasks on the worker's broker."""
    worker.start()
    broker_for_this_process(worker.broker, worker.queue)
    return worker


@pytest.fixture
def followed_announcement(reference_data):
    from tests.factories import PlaceFactory

    place = PlaceFactory(name="Sheringham Test", slug="sheringham-test")
    people = instant_followers(place, FOLLOWERS)
    announcement = Announcement.objects.create(title="Library reopening", body="The library reopens on Monday.")
    announcement.places.add(place)
    return announcement, people, place


def _deliver_until(worker: Worker, smtp: SmtpSink, count: int, rounds: int = 30) -> None:
    """What the beat sweep does every minute: ask the worker to deliver until everything has arrived."""
    for _ in range(rounds):
        worker.run("notifications.tasks.deliver_outbox")
        if smtp.wait_for(count, timeout=1):
            return


def test_each_recipient_gets_exactly_one_email(client, moderator, smtp, running_worker, followed_announcement):
    announcement, people, _ = followed_announcement

    assert send_from_the_admin(client, moderator, announcement).status_code == 302

    assert smtp.wait_for(FOLLOWERS, timeout=90)
    running_worker.run("notifications.tasks.deliver_outbox")  # a second run sends nothing more
    assert sorted(smtp.recipients()) == sorted(p.email for p in people)
    assert Notification.objects.filter(status="sent").count() == FOLLOWERS
    assert smtp.messages[0]["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def test_a_worker_killed_mid_batch_loses_nothing_and_sends_nothing_twice(
    client, moderator, smtp, running_worker, followed_announcement
):
    announcement, people, _ = followed_announcement
    smtp.hold_at(10)  # the server stalls on the tenth message...
    assert send_from_the_admin(client, moderator, announcement).status_code == 302

    assert smtp.held.wait(90)
    running_worker.kill()  # ...and the worker dies before the server accepted it
    smtp.release()
    assert len(smtp.messages) == 9
    assert Notification.objects.filter(status="sent").count() == 9

    running_worker.start()
    _deliver_until(running_worker, smtp, FOLLOWERS)

    assert sorted(smtp.recipients()) == sorted(p.email for p in people)  # every one, each once
    assert Notification.objects.filter(status="sent").count() == FOLLOWERS


def test_redis_down_when_the_event_happens_delays_the_email_but_does_not_lose_it(
    client, moderator, smtp, worker, broker_for_this_process, followed_announcement
):
    announcement, people, _ = followed_announcement
    broker_for_this_process("redis://127.0.0.1:1/0", worker.queue)  # nothing listens there

    assert send_from_the_admin(client, moderator, announcement).status_code == 302  # the page still works

    assert Notification.objects.filter(status="queued").count() == FOLLOWERS
    assert smtp.messages == []

    worker.start()
    _deliver_until(worker, smtp, FOLLOWERS)
    assert sorted(smtp.recipients()) == sorted(p.email for p in people)


def test_the_unsubscribe_link_in_a_delivered_email_stops_that_kind_of_email(
    client, moderator, smtp, running_worker, followed_announcement
):
    announcement, people, place = followed_announcement
    assert send_from_the_admin(client, moderator, announcement).status_code == 302
    assert smtp.wait_for(FOLLOWERS, timeout=90)

    leaver = people[0]
    message = next(m for m in smtp.messages if m["To"] == leaver.email)
    link = re.search(r"<([^>]+)>", message["List-Unsubscribe"]).group(1)
    client.logout()
    response = client.post(urllib.parse.urlsplit(link).path, {"List-Unsubscribe": "One-Click"})
    assert "You have unsubscribed" in response.content.decode()

    second = Announcement.objects.create(title="Second announcement", body="More news.")
    second.places.add(place)
    assert send_from_the_admin(client, moderator, second).status_code == 302
    assert smtp.wait_for(2 * FOLLOWERS - 1, timeout=90)
    running_worker.run("notifications.tasks.deliver_outbox")
    later = [m["To"] for m in smtp.messages if m["Subject"] == "Second announcement"]
    assert leaver.email not in later and len(later) == FOLLOWERS - 1
