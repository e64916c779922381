"""The discussion component serves any owner that registers (participatory budgeting will), not only consultations."""

import pytest
from django.urls import reverse

from discussions import registry
from discussions.models import Comment
from discussions.registry import DiscussionPolicy
from tests.factories import PlaceFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def place_discussions():
    """Register places as discussable for one test, as another app would in its hooks.py."""
    from localism.models import Place

    registry.register_discussable(
        "place", Place, lambda place, user: DiscussionPolicy(is_visible=True, is_open=place.kind == "town")
    )
    yield
    registry.DISCUSSABLES.remove("place")


def test_another_owner_gets_comments_through_the_same_component(resident_client, place_discussions):
    town = PlaceFactory(name="Swaffham")
    response = resident_client.post(
        reverse("discussions:comment_create", kwargs={"key": "place", "pk": town.pk}),
        {"text": "Market day is Saturday"},
    )
    assert response["Location"] == f"{town.get_absolute_url()}#comments"
    assert (
        "Market day is Saturday"
        in resident_client.get(reverse("discussions:thread", kwargs={"key": "place", "pk": town.pk})).content.decode()
    )
    assert Comment.objects.get().object_id == town.pk


def test_the_owners_policy_decides_whether_the_thread_is_open(resident_client, place_discussions):
    district = PlaceFactory(name="Some District", kind="district")
    assert (
        resident_client.post(
            reverse("discussions:comment_create", kwargs={"key": "place", "pk": district.pk}), {"text": "Hi"}
        ).status_code
        == 403
    )
