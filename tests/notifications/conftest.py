import pytest
from django.urls import reverse

from localism.celery import app as celery_app
from notifications.models import Announcement, Subscription
from tests.factories import PlaceFactory, UserFactory


@pytest.fixture
def place(db):
    return PlaceFactory(name="Cromer Test Town", slug="cromer-test-town")


def follow(user, obj) -> Subscription:
    from notifications.services import subscription_follow

    return subscription_follow(user=user, target=obj)


def instant_followers(place, count: int) -> list:
    """`count` people following the place, each wanting email as it happens."""
    people = [UserFactory(email=f"follower{n:02d}@example.org", email_frequency="instant") for n in range(count)]
    for person in people:
        follow(person, place)
    return people


def send_from_the_admin(client, moderator, announcement):
    """Staff choose "send" for the announcement in the admin's list; the admin's answer."""
    client.force_login(moderator)
    return client.post(
        reverse("admin:notifications_announcement_changelist"),
        {"action": "send", "_selected_action": [announcement.pk]},
    )


@pytest.fixture
def followers(place):
    """Five people following the place, each wanting email as it happens."""
    return instant_followers(place, 5)


@pytest.fixture
def announcement(place):
    item = Announcement.objects.create(title="Road closure on the seafront", body="From Monday.\nFor two weeks.")
    item.places.add(place)
    return item


@pytest.fixture
def broker_for_this_process():
    """This test process queues tasks through a broker (Redis, or a dead address) instead of running them eagerly."""

    def forget_connections():
        # The connection pool and the producers made from it belong to the broker they were made for.
        celery_app._pool = None
        celery_app.amqp._producer_pool = None

    def use(url: str, queue: str):
        celery_app.conf.update(task_always_eager=False, broker_url=url, result_backend=None, task_default_queue=queue)
        forget_connections()

    yield use
    celery_app.conf.update(task_always_eager=True, broker_url="memory://", task_default_queue="celery")
    forget_connections()


@pytest.fixture
def notify_fake(settings):
    """A GOV.UK Notify stand-in on loopback, and the portal set to send through it."""
    from tests.notifications.notify_fake import EMAIL_TEMPLATE_ID, SMS_TEMPLATE_ID, FakeNotify

    fake = FakeNotify()
    fake.start()
    settings.NOTIFY_API_KEY = fake.api_key
    settings.NOTIFY_BASE_URL = fake.base_url
    settings.NOTIFY_EMAIL_TEMPLATE_ID = EMAIL_TEMPLATE_ID
    settings.NOTIFY_SMS_TEMPLATE_ID = SMS_TEMPLATE_ID
    yield fake
    fake.stop()


def verified_mobile(user, number: str = "+447700900123"):
    """A mobile number whose code was entered (text alerts on)."""
    from django.utils import timezone

    from notifications.models import MobileNumber

    return MobileNumber.objects.create(user=user, number=number, verified_at=timezone.now())
