"""Fan-out of one new consultation to every follower of a topic, and its delivery by one worker
to an SMTP server on loopback (in a process of its own, as a real mail server would be), which
counts each Message-ID once and any second copy as a duplicate."""

from __future__ import annotations

import multiprocessing
import os
import subprocess
import time
from email.parser import BytesHeaderParser

from django.conf import settings
from django.db import transaction
from django.test.utils import override_settings

from devtools.bench import Runner, register
from devtools.benchrun import ROOT
from devtools.loadtest import celery_worker_command, free_port


class _CountingHandler:
    def __init__(self, delivered, duplicates):
        self.delivered, self.duplicates = delivered, duplicates
        self.message_ids: set[str] = set()

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's name)
        message_id = BytesHeaderParser().parsebytes(envelope.original_content or envelope.content)["Message-ID"]
        counter = self.duplicates if message_id in self.message_ids else self.delivered
        self.message_ids.add(message_id)
        with counter.get_lock():
            counter.value += 1
        return "250 OK"


def _smtp_server(port: int, delivered, duplicates, ready, stop) -> None:
    from aiosmtpd.controller import Controller

    controller = Controller(_CountingHandler(delivered, duplicates), hostname="127.0.0.1", port=port)
    controller.start()
    ready.set()
    stop.wait()
    controller.stop()


def _wait_for(counter, count: int, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while counter.value < count and time.monotonic() < deadline:
        time.sleep(0.05)  # polling a counter in the bench, not a timing assertion


def _drain_backlog(timeout: float) -> None:
    """Until the worker has sent what was waiting in the outbox (emails queued while seeding), so the
    fan-out is measured alone. The sweep is queued every few seconds, as beat would, for rows whose
    own task went to a queue nobody listens to any more."""
    from notifications.models import Notification
    from notifications.tasks import deliver_outbox

    waiting = Notification.objects.filter(status__in=[Notification.Status.QUEUED, Notification.Status.SENDING])
    deadline = time.monotonic() + timeout
    swept = 0.0
    while waiting.exists() and time.monotonic() < deadline:
        if time.monotonic() - swept > 5:
            deliver_outbox.delay()
            swept = time.monotonic()
        time.sleep(0.5)  # polling the outbox in the bench, not a timing assertion


def _stop(worker: subprocess.Popen) -> None:
    """A warm shutdown (it finishes what it is sending, so a late second copy is counted), then a kill."""
    worker.terminate()
    try:
        worker.wait(120)
    except subprocess.TimeoutExpired:
        worker.kill()
        worker.wait(30)


def _wait_for_worker(celery_app, timeout: float) -> None:
    """Until the worker answers a ping (a task would queue behind any backlog in the outbox)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if celery_app.control.ping(timeout=1.0):
            return
    raise RuntimeError("The Celery worker did not start within two minutes.")


@register("notifications", order=40)
def measure_fanout(runner: Runner) -> None:
    from devtools.demo.notifications import BENCH_TOPIC
    from localism.celery import app as celery_app
    from localism.models import Topic
    from notifications.models import Notification, NotificationEvent
    from notifications.selectors import followers_of
    from notifications.services import notify

    topic = Topic.objects.get(slug=BENCH_TOPIC)
    key = f"bench.fanout:{time.time_ns()}"
    port = free_port()
    email = {"EMAIL_HOST": "127.0.0.1", "EMAIL_PORT": str(port), "EMAIL_USE_TLS": "0"}
    context = multiprocessing.get_context("spawn")
    delivered, duplicates = context.Value("i", 0), context.Value("i", 0)
    ready, stop = context.Event(), context.Event()
    server = context.Process(target=_smtp_server, args=(port, delivered, duplicates, ready, stop), daemon=True)
    server.start()
    ready.wait(30)
    worker = None
    if settings.REDIS_URL:
        # One `celery -A localism worker` (a process per core, as by default) through Redis.
        worker = subprocess.Popen(
            celery_worker_command(settings.CELERY_TASK_DEFAULT_QUEUE, "--concurrency=2"),
            cwd=ROOT,
            env={**os.environ, **email, "OUTBOX_BATCH_SIZE": "250"},
        )
    try:
        if worker is not None:
            _wait_for_worker(celery_app, timeout=120)
        with override_settings(
            EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
            EMAIL_HOST="127.0.0.1",
            EMAIL_PORT=port,
            EMAIL_USE_TLS=False,
            OUTBOX_BATCH_SIZE=250,
        ):
            if worker is not None:
                _drain_backlog(timeout=900)
            # Emails the worker sent before (anything queued while seeding).
            baseline, duplicates_before = delivered.value, duplicates.value
            start = time.perf_counter()
            with transaction.atomic():
                count = notify(
                    kind="consultations.new",
                    key=key,
                    recipients=followers_of(topic),
                    template="notifications/emails/announcement",
                    context={
                        "title": "A new consultation on community transport",
                        "body": "Have your say.",
                        "url": "http://127.0.0.1:8000/",
                    },
                    reason=f"You are getting this because you follow {topic.name}.",
                )
                queued = time.perf_counter()
            # Without Redis the delivery ran in this process on commit; with it, the worker sends.
            instant = Notification.objects.filter(event__key=key, delivery=Notification.Delivery.INSTANT).count()
            _wait_for(delivered, baseline + instant, timeout=900)
            finished, sent = time.perf_counter(), delivered.value - baseline
        if worker is not None:
            _stop(worker)
        runner.throughput("notifications.fanout_queue", queued - start, count)
        runner.throughput(
            "notifications.fanout_deliver",
            finished - queued,
            sent,
            duplicates=duplicates.value - duplicates_before,  # must be 0
        )
    finally:
        if worker is not None and worker.poll() is None:
            _stop(worker)
        stop.set()
        server.join(30)
        if server.is_alive():
            server.kill()
            server.join(30)
        NotificationEvent.objects.filter(key=key).delete()  # the bench leaves nothing behind
