"""The profile page: display name, home postcode and place, interests, email frequency."""

import pytest

from accounts.models import User
from localism.models import Place
from tests.factories import PostcodeFactory, TopicFactory

pytestmark = pytest.mark.django_db


def test_profile_needs_sign_in(client):
    response = client.get("/accounts/profile/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_a_person_saves_their_profile_and_the_postcode_finds_their_place(resident_client, resident, reference_data):
    PostcodeFactory()
    transport = TopicFactory(name="Transport and roads")
    response = resident_client.post(
        "/accounts/profile/",
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
    assert "Your profile has been saved." in resident_client.get("/accounts/profile/").content.decode()


@pytest.mark.parametrize(
    ("postcode", "message"),
    [("banana", "Enter a real postcode, like NR1 2DH"), ("SW1A 1AA", "We could not find SW1A 1AA")],
)
def test_a_bad_postcode_is_explained_and_nothing_is_saved(resident_client, resident, postcode, message):
    response = resident_client.post(
        "/accounts/profile/",
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
        response = resident_client.get("/accounts/profile/")
    assert "Extra topic 29" in response.content.decode()
