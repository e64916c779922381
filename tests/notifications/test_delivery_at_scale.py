"""Delivery at scale through the real services: 2,000 followers, two worker processes, a short lease,
a slow mail server, and workers killed at random moments.

The mail server on loopback takes SMTP_DELAY over each message, so that every batch takes longer
to send than the lease lasts. Emails are counted where they arrive, per recipient and per
Message-ID, never as rows in the database.
"""

from __future__ import annotations

import random
import threading
import time
import uuid

import pytest
from django.contrib.contenttypes.models import ContentType

from accounts.models import User
from localism.models import Place
from notifications.models import Announcement, Notification, Subscription
from notifications.services import announcement_send
from tests.factories import PlaceFactory
from tests.notifications.smtp_sink import SmtpSink
from tests.services import redis_url
from tests.worker import Worker

pytestmark = [
    pytest.mark.services,
    pytest.mark.django_db(transaction=True),
    # Each test runs three Python processes of its own: one at a time on a two-core machine.
    pytest.mark.xdist_group("outbox-at-scale"),
    pytest.mark.long,
]

FOLLOWERS = 2000
LEASE_SECONDS = 2
BATCH_SIZE = 250
SMTP_DELAY = 0.01
KILLS = 3
# What these tests are about: a batch takes longer to send than its lease lasts.
assert BATCH_SIZE * SMTP_DELAY > LEASE_SECONDS


@pytest.fixture
def slow_smtp():
    sink = SmtpSink(delay=SMTP_DELAY)
    sink.start()
    yield sink
    sink.stop()


@pytest.fixture
def place_with_followers(db) -> tuple[Place, set[str]]:
    """A town followed by FOLLOWERS people who want email as it happens."""
    place = PlaceFactory(name="Great Yarmouth Test", slug="great-yarmouth-test")
    people = User.objects.bulk_create(
        User(email=f"follower{n:04d}@example.org", display_name=f"Follower {n}", email_frequency="instant")
        for n in range(FOLLOWERS)
    )
    place_type = ContentType.objects.get_for_model(Place)
    Subscription.objects.bulk_create(
        Subscription(user=person, target_type=place_type, target_id=str(place.pk)) for person in people
    )
    return place, {person.email for person in people}


@pytest.fixture
def workers(slow_smtp):
    """Start workers with a short lease and the slow mail server; each is stopped at the end of the test."""
    started: list[Worker] = []

    def start(*, concurrency: int = 1, queue: str | None = None) -> Worker:
        worker = Worker(
            redis_url(),
            concurrency=concurrency,
            queue=queue,
            OUTBOX_LEASE_SECONDS=str(LEASE_SECONDS),
            # A killed worker's message in flight waits this long more before it is taken over.
            OUTBOX_SEND_SECONDS="5",
            OUTBOX_BATCH_SIZE=str(BATCH_SIZE),
            **slow_smtp.env,
        )
        worker.start()
        started.append(worker)
        return worker

    yield start
    for worker in started:
        worker.stop()


class _Sweep(threading.Thread):
    """What the beat does every minute, every few seconds: queue a delivery task, whatever is running."""

    def __init__(self, worker: Worker, every: float):
        super().__init__(daemon=True)
        self.worker, self.every, self.stopped = worker, every, threading.Event()

    def run(self) -> None:
        while not self.stopped.wait(self.every):
            self.worker.client.send_task("notifications.tasks.deliver_outbox", queue=self.worker.queue)

    def stop(self) -> None:
        self.stopped.set()
        self.join(timeout=30)


def _announce(place: Place) -> None:
    """Staff email an announcement to the place's followers; the delivery tasks are queued on commit."""
    announcement = Announcement.objects.create(title="The coastal path is closed", body="From Monday.")
    announcement.places.add(place)
    announcement_send(announcement=announcement, by=None)


def _wait_until_the_outbox_is_empty(timeout: float) -> bool:
    """Polls until no row is left to send (or being sent), so that no copy is still on its way."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not Notification.objects.filter(status__in=["queued", "sending"]).exists():
            return True
        time.sleep(0.2)
    return False


def _tally(smtp: SmtpSink, emails: set[str]) -> dict[str, int]:
    """What the mail server received: emails lost, and copies beyond the first, per recipient and per Message-ID."""
    per_recipient, per_message_id = smtp.copies("To"), smtp.copies("Message-ID")
    return {
        "received": sum(per_recipient.values()),
        "lost": len(emails - set(per_recipient)),
        "duplicates by recipient": sum(n - 1 for n in per_recipient.values()),
        "duplicates by Message-ID": sum(n - 1 for n in per_message_id.values()),
        "Message-IDs": len(per_message_id),
    }


def test_two_worker_processes_and_a_slow_mail_server_send_each_of_2000_emails_once(
    slow_smtp, workers, broker_for_this_process, place_with_followers
):
    place, emails = place_with_followers
    worker = workers(concurrency=2)  # the prefork pool with two processes, as in production
    broker_for_this_process(worker.broker, worker.queue)

    _announce(place)

    assert slow_smtp.wait_for_recipients(emails, timeout=120), _tally(slow_smtp, emails)
    assert _wait_until_the_outbox_is_empty(timeout=60)
    output = worker.stop()
    assert _tally(slow_smtp, emails) == {
        "received": FOLLOWERS,
        "lost": 0,
        "duplicates by recipient": 0,
        "duplicates by Message-ID": 0,
        "Message-IDs": FOLLOWERS,
    }
    # A slow but live worker renews its lease and is never overtaken.
    assert "outbox lease lapsed" not in output, output
    assert "Traceback" not in output, output


def test_worker_processes_killed_at_random_moments_lose_no_email_and_repeat_at_most_one_each(
    slow_smtp, workers, broker_for_this_process, place_with_followers
):
    place, emails = place_with_followers
    seed = random.randrange(1_000_000)
    moments = random.Random(seed)
    # Two one-process workers on one queue, so that each kill is one process dying mid-batch.
    queue = f"test-{uuid.uuid4().hex[:12]}"
    pair = [workers(queue=queue), workers(queue=queue)]
    broker_for_this_process(pair[0].broker, queue)
    sweep = _Sweep(pair[0], every=3)
    sweep.start()

    _announce(place)
    assert slow_smtp.wait_for(1, timeout=60)  # sending has begun
    for _ in range(KILLS):
        time.sleep(moments.uniform(1, 6))  # a random moment, not one the mail server arranged
        victim = moments.choice(pair)
        victim.kill()
        victim.start()

    assert slow_smtp.wait_for_recipients(emails, timeout=180), (seed, _tally(slow_smtp, emails))
    assert _wait_until_the_outbox_is_empty(timeout=60), seed
    sweep.stop()
    for worker in pair:
        worker.stop()
    tally = _tally(slow_smtp, emails)
    assert tally["lost"] == 0, (seed, tally)
    assert tally["duplicates by recipient"] <= KILLS, (seed, tally)
    # Every copy of an email carries its Message-ID, so a receiving system can drop the copy.
    assert tally["duplicates by Message-ID"] == tally["duplicates by recipient"], (seed, tally)
    assert tally["Message-IDs"] == FOLLOWERS, (seed, tally)
