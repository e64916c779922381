"""Following places and topics from their pages, and the "what I follow" page."""

import pytest
from django.urls import reverse

from notifications.models import Subscription
from tests.factories import PlaceFactory, TopicFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_a_verified_person_follows_a_place_from_its_page_in_one_click(resident_client, resident, place):
    html = resident_client.get(place.get_absolute_url()).content.decode()
    assert "Follow this place" in html
    response = resident_client.post(
        reverse("notifications:follow"), {"target": f"localism.place:{place.pk}", "next": place.get_absolute_url()}
    )
    assert response["Location"] == place.get_absolute_url()
    assert Subscription.objects.filter(user=resident, target_id=str(place.pk)).count() == 1
    assert "Stop following" in resident_client.get(place.get_absolute_url()).content.decode()


def test_following_twice_is_one_subscription_and_stop_following_ends_it(resident_client, resident, place):
    for _ in range(2):
        resident_client.post(reverse("notifications:follow"), {"target": f"localism.place:{place.pk}"})
    assert Subscription.objects.filter(user=resident).count() == 1
    resident_client.post(
        reverse("notifications:follow"), {"target": f"localism.place:{place.pk}", "action": "unfollow"}
    )
    assert not Subscription.objects.filter(user=resident).exists()


def test_an_unverified_person_cannot_follow(client, place):
    person = UserFactory(verified=False)
    client.force_login(person)
    client.post(reverse("notifications:follow"), {"target": f"localism.place:{place.pk}"})
    assert not Subscription.objects.exists()


def test_signed_out_people_are_asked_to_sign_in(client, place):
    assert "Sign in to follow this place" in client.get(place.get_absolute_url()).content.decode()
    response = client.post(reverse("notifications:follow"), {"target": f"localism.place:{place.pk}"})
    assert response["Location"].startswith(reverse("account_login"))


@pytest.mark.parametrize(
    "target", ["", "localism.place:999999", "accounts.user:1", "localism.place:not-a-number", "x" * 300, "a:b:c"]
)
def test_following_something_that_cannot_be_followed_is_not_found(resident_client, target):
    assert resident_client.post(reverse("notifications:follow"), {"target": target}).status_code == 404
    assert not Subscription.objects.exists()


def test_the_next_address_cannot_send_people_to_another_site(resident_client, place):
    response = resident_client.post(
        reverse("notifications:follow"), {"target": f"localism.place:{place.pk}", "next": "https://evil.example/"}
    )
    assert response["Location"] == reverse("notifications:following")


def test_what_i_follow_lists_everything_with_a_fixed_number_of_queries(
    resident_client, resident, django_assert_max_num_queries
):
    from notifications.services import subscription_follow

    for n in range(15):
        subscription_follow(user=resident, target=PlaceFactory(name=f"Village {n}"))
        subscription_follow(user=resident, target=TopicFactory(name=f"Subject {n}"))
    with django_assert_max_num_queries(8):
        html = resident_client.get(reverse("notifications:following")).content.decode()
    assert "Village 14" in html and "Subject 14" in html


def test_following_is_rate_limited(resident_client, place):
    statuses = [
        resident_client.post(reverse("notifications:follow"), {"target": f"localism.place:{place.pk}"}).status_code
        for _ in range(31)
    ]
    assert statuses[-1] == 429


def test_a_person_chooses_the_topics_they_follow(resident_client, resident):
    transport, libraries, housing = (TopicFactory(name=n) for n in ("Buses", "Libraries", "Homes"))
    resident_client.post(reverse("notifications:following"), {"topics": [transport.pk, libraries.pk]})
    from notifications.selectors import followers_of

    assert list(followers_of(transport)) == [resident]
    resident_client.post(reverse("notifications:following"), {"topics": [housing.pk]})
    assert not followers_of(transport).exists() and list(followers_of(housing)) == [resident]
    html = resident_client.get(reverse("notifications:following")).content.decode()
    assert f'value="{housing.pk}" checked' in html


def test_an_unknown_topic_is_refused_with_a_message(resident_client, resident):
    response = resident_client.post(reverse("notifications:following"), {"topics": ["999999"]})
    assert "There is a problem" in response.content.decode()
    assert not Subscription.objects.exists()
