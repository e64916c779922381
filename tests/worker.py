"""A real Celery worker process against the test database and the real Redis, for integration tests."""

from __future__ import annotations

import os
import signal
import subprocess
import uuid
from pathlib import Path

from celery import Celery
from django.conf import settings
from django.urls import reverse

from devtools.loadtest import celery_worker_command

ROOT = Path(__file__).resolve().parents[1]


def test_database_url() -> str:
    db = settings.DATABASES["default"]
    if db["HOST"].startswith(reverse("localism:home")):
        return f"postgres://{db['USER']}@/{db['NAME']}?host={db['HOST']}"
    return f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


class Worker:
    """`celery -A localism worker` on a queue of its own, that a test can start, kill and restart.

    One process (the solo pool) by default; `concurrency=2` runs the prefork pool as in production.
    Workers given the same `queue` share its tasks, as several machines would.
    """

    def __init__(self, broker: str, *, concurrency: int = 1, queue: str | None = None, **env: str):
        self.broker = broker
        self.concurrency = concurrency
        self.queue = queue or f"test-{uuid.uuid4().hex[:12]}"
        self.env = {
            **os.environ,
            "DATABASE_URL": test_database_url(),
            "REDIS_URL": broker,
            "SECRET_KEY": settings.SECRET_KEY,  # links the worker signs must verify here
            "DEBUG": "0",
            "CELERY_DEFAULT_QUEUE": self.queue,
            **env,
        }
        self.env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        self.process: subprocess.Popen | None = None
        # Not the current app of the test's thread: tasks the portal queues later in this process must still
        # find the portal's own app (eager in tests), not this client of one worker's queue.
        self.client = Celery(broker=broker, backend=broker, set_as_current=False)
        self.client.conf.task_default_queue = self.queue

    def start(self) -> None:
        self.process = subprocess.Popen(
            celery_worker_command(
                self.queue,
                "--pool=solo" if self.concurrency == 1 else "--pool=prefork",
                f"--concurrency={self.concurrency}",
            ),
            cwd=ROOT,
            env=self.env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )

    def kill(self) -> None:
        """SIGKILL: the worker dies mid-task, as on a lost machine."""
        assert self.process is not None
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=30)

    def stop(self) -> str:
        if self.process is None:
            return ""
        if self.process.poll() is None:
            self.process.terminate()
        try:
            output, _ = self.process.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            output, _ = self.process.communicate()
        self.process = None  # stopping twice (in the test, then in its fixture) stops once
        self.client.close()
        return output or ""

    def run(self, task_name: str, *args, timeout: float = 90):
        """Send a task by name through Redis to this worker and wait for its result."""
        from celery.result import allow_join_result

        result = self.client.send_task(task_name, args=args, queue=self.queue)
        # The test process is never inside a task, but Celery's process-wide "inside a task" flag can be left
        # set by eager tasks run from two threads at once (the concurrency tests): `denied_join_result` saves
        # and restores it per call, which interleaved calls get wrong.
        with allow_join_result():
            return result.get(timeout=timeout)
