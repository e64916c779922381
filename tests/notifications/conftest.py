import pytest

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
