"""A real Celery worker, fed through the real Redis, changes the real database."""

from datetime import timedelta

import pytest
from django.utils import timezone

from accounts.models import User
from tests.factories import UserFactory
from tests.services import redis_url
from tests.worker import Worker

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def worker():
    worker = Worker(redis_url())
    worker.start()
    yield worker
    worker.stop()


def test_a_task_queued_through_redis_is_run_by_a_real_worker_against_the_database(worker):
    UserFactory(email="never-verified@example.org", verified=False, date_joined=timezone.now() - timedelta(days=40))
    UserFactory(email="verified@example.org")

    # Blocks on the result in Redis until the worker has run the task.
    assert worker.run("accounts.tasks.purge_unverified_accounts") == 1

    assert list(User.objects.values_list("email", flat=True)) == ["verified@example.org"]
