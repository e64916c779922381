"""The profile page: display name, home postcode and place, interests, email frequency."""

import pytest
from django.urls import reverse

from accounts.models import User
from localism.models import Place
from tests.factories import PostcodeFactory, TopicFactory

pytestmark = pytest.mark.django_db


def test_profile_needs_sign_in(client):
    response = client.get(reverse("accounts:profile"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_a_person_saves_their_profile_and_the_postcode_finds_their_place(resident_client, resident, reference_data):
    PostcodeFactory()
    transport = TopicFactory(name="Transport and roads")
    response = resident_client.post(
        reverse("accounts:profile"),
        {
            "display_name": "Sam R",
            "home_postcode": "nr2 1ab",
            "home_place": "",
            "interests": [transport.pk],
            "email_frequency": "weekly",
        },
    )
    assert response.status_code == 302
    resident.refresh_from_db()
    assert resident.display_name == "Sam R"
    assert resident.home_postcode == "NR2 1AB"
    assert resident.home_place == Place.objects.get(slug="norwich")
    assert list(resident.interests.all()) == [transport]
    assert resident.email_frequency == User.EmailFrequency.WEEKLY
    assert "Your profile has been saved." in resident_client.get(reverse("accounts:profile")).content.decode()


@pytest.mark.parametrize(
    ("postcode", "message"),
    [("banana", "Enter a real postcode, like NR1 2DH"), ("SW1A 1AA", "We could not find SW1A 1AA")],
)
def test_a_bad_postcode_is_explained_and_nothing_is_saved(resident_client, resident, postcode, message):
    response = resident_client.post(
        reverse("accounts:profile"),
        {"display_name": "Changed", "home_postcode": postcode, "email_frequency": "off"},
    )
    html = response.content.decode()
    assert "There is a problem" in html and message in html
    assert f'value="{postcode}"' in html and 'value="Changed"' in html
    resident.refresh_from_db()
    assert resident.display_name == "Sam Resident"
    assert resident.email_frequency == User.EmailFrequency.DAILY


def test_profile_page_runs_a_fixed_number_of_queries(resident_client, reference_data, django_assert_max_num_queries):
    for n in range(30):
        TopicFactory(name=f"Extra topic {n}")
    with django_assert_max_num_queries(6):
        response = resident_client.get(reverse("accounts:profile"))
    assert "Extra topic 29" in response.content.decode()


def test_a_new_postcode_moves_the_home_place_and_the_profile_offers_to_follow_it(
    resident_client, resident, reference_data
):
    from django.urls import reverse

    from notifications.models import Subscription

    PostcodeFactory()
    PostcodeFactory(in_cromer=True)
    norwich = Place.objects.get(slug="norwich")
    resident.home_postcode, resident.home_place = "NR2 1AB", norwich
    resident.save(update_fields=["home_postcode", "home_place"])

    # The form is sent as the page showed it: the old home place still chosen, a new postcode typed.
    resident_client.post(
        reverse("accounts:profile"),
        {"display_name": "Sam", "home_postcode": "NR27 9AB", "home_place": norwich.pk, "email_frequency": "weekly"},
    )
    resident.refresh_from_db()
    assert resident.home_place == Place.objects.get(slug="cromer")

    page = resident_client.get(reverse("accounts:profile")).content.decode()
    assert "Your home place is" in page and resident.home_place.name in page
    assert f'Follow this place<span class="govuk-visually-hidden">: {resident.home_place.name}' in page
    resident_client.post(reverse("notifications:follow"), {"target": f"localism.place:{resident.home_place.pk}"})
    assert Subscription.objects.filter(user=resident, target_id=str(resident.home_place.pk)).exists()


def test_choosing_a_place_in_the_same_save_as_a_new_postcode_keeps_the_choice(
    resident_client, resident, reference_data
):
    from django.urls import reverse

    PostcodeFactory(in_cromer=True)
    district = Place.objects.get(ons_code="E07000147")
    resident_client.post(
        reverse("accounts:profile"),
        {"display_name": "Sam", "home_postcode": "NR27 9AB", "home_place": district.pk, "email_frequency": "weekly"},
    )
    resident.refresh_from_db()
    assert resident.home_place == district


def test_your_organisations_and_listings_are_reached_from_the_account_page_and_the_header(resident_client):
    from django.urls import reverse

    dashboard = reverse("directory:dashboard")
    page = resident_client.get(reverse("accounts:profile")).content.decode()
    assert f'href="{dashboard}">Your organisations and listings</a>' in page
    home = resident_client.get(reverse("localism:home")).content.decode()
    assert f'href="{dashboard}">Your organisations</a>' in home
