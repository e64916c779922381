import pytest

from localism.celery import app as celery_app
from notifications.models import Announcement, Subscription
from tests.factories import PlaceFactory, UserFactory


@pytest.fixture
def place(db):
    return PlaceFactory(name="Cromer Test Town", slug="cromer-test-town")


def follow(user, obj) -> Subscription:
    from notifications.services import subscription_follow

    return subscription_follow(user=user, target=obj)


@pytest.fixture
def followers(place):
    """Five people following the place, each wanting email as it happens."""
    people = [UserFactory(email=f"follower{n}@example.org", email_frequency="instant") for n in range(5)]
    for person in people:
        follow(person, place)
    return people


@pytest.fixture
def announcement(place):
    item = Announcement.objects.create(title="Road closure on the seafront", body="From Monday.\nFor two weeks.")
    item.places.add(place)
    return item


@pytest.fixture
def broker_for_this_process():
    """This test process queues tasks through a broker (Redis, or a dead address) instead of running them eagerly."""

    def use(url: str, queue: str):
        celery_app.conf.update(task_always_eager=False, broker_url=url, result_backend=None, task_default_queue=queue)
        celery_app._pool = None

    yield use
    celery_app.conf.update(task_always_eager=True, broker_url="memory://", task_default_queue="celery")
    celery_app._pool = None
