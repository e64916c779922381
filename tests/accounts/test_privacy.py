"""Download my data; delete my account (contributions stay, anonymised; logged without personal data)."""

import pytest
from allauth.account.models import EmailAddress
from django.urls import reverse

from accounts.models import User
from localism.models import AuditEntry
from notifications.models import Subscription
from notifications.services import subscription_follow
from tests.downloads import downloaded_json
from tests.factories import PlaceFactory, TopicFactory

pytestmark = pytest.mark.django_db


def test_a_person_downloads_everything_held_about_them(resident_client, resident):
    resident.interests.add(TopicFactory(name="Buses"))
    subscription_follow(user=resident, target=PlaceFactory(name="Holt Test"))
    response = resident_client.get(reverse("accounts:data_download"))
    assert response["Content-Disposition"] == 'attachment; filename="my-data.json"'
    data = downloaded_json(response)
    assert data["account"]["email"] == "resident@example.org"
    assert data["account"]["interests"] == ["Buses"]
    assert data["notifications"]["following"][0]["name"] == "Holt Test"


def test_the_data_download_needs_sign_in(client):
    assert client.get(reverse("accounts:data_download"))["Location"].startswith(reverse("account_login"))


def test_deleting_needs_the_password_and_a_wrong_one_changes_nothing(resident_client, resident):
    response = resident_client.post(reverse("accounts:delete"), {"password": "not-my-password"})
    assert "The password is not correct" in response.content.decode()
    resident.refresh_from_db()
    assert resident.is_active and resident.email == "resident@example.org"


def test_deleting_an_account_erases_personal_data_and_keeps_an_anonymous_shell(resident_client, resident, password):
    subscription_follow(user=resident, target=PlaceFactory(name="Diss Test"))
    pk = resident.pk
    response = resident_client.post(reverse("accounts:delete"), {"password": password})
    assert response["Location"] == reverse("localism:home")
    former = User.objects.get(pk=pk)
    assert former.public_name == "Former participant"
    assert "resident" not in former.email and not former.is_active and not former.has_usable_password()
    assert former.home_postcode == "" and former.home_place is None
    assert not EmailAddress.objects.filter(user=former).exists()
    assert not Subscription.objects.filter(user=former).exists()
    assert "_auth_user_id" not in resident_client.session
    entry = AuditEntry.objects.get(action="accounts.user.deleted")
    assert entry.data == {} and entry.actor is None and entry.target_repr == ""
    # The old email address is free to sign up again.
    assert not User.objects.filter(email="resident@example.org").exists()


def test_a_deleted_account_cannot_sign_in(client, resident, password):
    client.force_login(resident)
    client.post(reverse("accounts:delete"), {"password": password})
    response = client.post(reverse("account_login"), {"login": "resident@example.org", "password": password})
    assert "_auth_user_id" not in client.session
    assert response.status_code == 200


def test_your_data_is_a_page_to_read_with_the_json_beside_it(resident_client, resident):
    from django.urls import reverse

    resident.home_postcode = "NR2 1AB"
    resident.save(update_fields=["home_postcode"])
    subscription_follow(user=resident, target=PlaceFactory(name="Diss Test"))
    profile = resident_client.get(reverse("accounts:profile")).content.decode()
    assert f'href="{reverse("accounts:data")}">Download your data</a>' in profile

    response = resident_client.get(reverse("accounts:data"))
    page = response.content.decode()
    assert response["Content-Type"].startswith("text/html")
    assert '<h1 class="govuk-heading-xl">Your data</h1>' in page
    assert "resident@example.org" in page and "NR2 1AB" in page and "Diss Test" in page
    assert "Following and emails" in page and "Home postcode" in page
    assert f'href="{reverse("accounts:data_download")}" download' in page
    assert resident_client.get(reverse("accounts:data_download"))["Content-Type"].startswith("application/json")


def test_the_data_page_escapes_what_people_typed(resident_client, resident):
    from django.urls import reverse

    resident.display_name = "<script>alert(1)</script>"
    resident.save(update_fields=["display_name"])
    page = resident_client.get(reverse("accounts:data")).content.decode()
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_a_councillors_link_to_their_account_is_in_their_data_and_goes_with_the_account(
    resident_client, resident, password, reference_data
):
    from localism.models import Council, Councillor
    from tests.factories import CouncillorFactory

    record = CouncillorFactory(
        name="Chris Example", council=Council.objects.get(slug="cromer-town-council"), user=resident
    )

    data = downloaded_json(resident_client.get(reverse("accounts:data_download")))
    resident_client.post(reverse("accounts:delete"), {"password": password})

    assert data["account"]["councillor"] == "Chris Example, Cromer Town Council"
    assert Councillor.objects.get(pk=record.pk).user is None  # the council's public record stays


def test_deleting_a_staff_account_removes_its_council(client, parish_clerk, password):
    from accounts.privacy import account_delete

    account_delete(user=parish_clerk)

    former = User.objects.get(pk=parish_clerk.pk)
    assert former.council is None and not former.is_staff
