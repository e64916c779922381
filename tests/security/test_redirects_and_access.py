"""Open redirects, and people reaching what is not theirs."""

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.budgeting.factories import ProjectFactory, RoundFactory

pytestmark = pytest.mark.django_db

OFFSITE = ["https://evil.example/", "//evil.example/", "/\\evil.example", "https:evil.example", "\\\\evil.example"]


@pytest.mark.parametrize("target", OFFSITE)
def test_sign_in_never_redirects_off_the_site(client, resident, password, target):
    response = client.post(f"/accounts/login/?next={target}", {"login": resident.email, "password": password})
    assert response.status_code == 302
    assert response["Location"].startswith("/") and not response["Location"].startswith("//")
    assert "evil.example" not in response["Location"]


@pytest.mark.parametrize("target", OFFSITE)
def test_following_never_redirects_off_the_site(resident_client, target, reference_data):
    from localism.models import Place

    place = Place.objects.get(slug="cromer")
    response = resident_client.post("/notifications/follow/", {"target": f"localism.place:{place.pk}", "next": target})
    assert "evil.example" not in response["Location"]


def test_another_persons_draft_proposal_cannot_be_seen_or_changed(client, resident, other_resident):
    now = timezone.now()
    budget_round = RoundFactory(
        proposals_open=now - timedelta(days=1),
        checking_starts=now + timedelta(days=1),
        voting_opens=now + timedelta(days=2),
        voting_closes=now + timedelta(days=3),
    )
    project = ProjectFactory(round=budget_round, proposer=resident, status="submitted", title="Mine")
    client.force_login(other_resident)
    assert client.get(project.get_absolute_url()).status_code == 404
    edit = f"/budgeting/{budget_round.slug}/projects/{project.pk}/edit/"
    assert client.get(edit).status_code == 403
    assert client.post(edit, {"title": "Stolen"}).status_code == 403
    project.refresh_from_db()
    assert project.title == "Mine"


@pytest.mark.parametrize(
    "url",
    ["/accounts/profile/", "/accounts/profile/data/", "/accounts/profile/delete/", "/notifications/following/"],
)
def test_private_pages_need_sign_in(client, url):
    response = client.get(url)
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize(
    "url", ["/staff-admin/", "/staff-admin/notifications/notification/", "/staff-admin/localism/auditentry/"]
)
def test_staff_pages_are_closed_to_residents(resident_client, url):
    response = resident_client.get(url)
    assert response.status_code == 302 and "/login/" in response["Location"]
