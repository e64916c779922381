"""Only staff with two-factor authentication get into the admin."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_staff_without_two_factor_are_sent_to_set_it_up(client, staff_without_mfa):
    client.force_login(staff_without_mfa)
    response = client.get(reverse("admin:index"), follow=True)
    assert reverse("mfa_activate_totp") in [url for url, _ in response.redirect_chain]
    assert "Set up two-factor authentication" in response.content.decode()
    assert client.get(reverse("admin:localism_place_changelist")).status_code == 302


def test_staff_with_two_factor_reach_the_admin(client, moderator):
    client.force_login(moderator)
    response = client.get(reverse("admin:index"))
    assert response.status_code == 200
    assert "Places" in response.content.decode()


def test_a_signed_in_resident_who_opens_the_admin_is_refused_plainly_not_sent_round_a_loop(client, resident):
    client.force_login(resident)
    for url in [reverse("admin:index"), reverse("admin:localism_place_changelist")]:
        response = client.get(url, follow=True)
        assert response.status_code == 403
        assert len(response.redirect_chain) <= 1
        assert "not staff" in response.content.decode()


def test_anonymous_people_are_sent_to_the_sites_sign_in(client):
    response = client.get(reverse("admin:index"), follow=True)
    assert response.redirect_chain[-1][0].startswith(reverse("account_login") + "?next=")


def test_staff_login_asks_for_the_authenticator_code(client, moderator, password):
    response = client.post(reverse("account_login"), {"login": moderator.email, "password": password})
    assert response["Location"] == reverse("mfa_authenticate")
    assert "_auth_user_id" not in client.session


def test_staff_manage_places_and_topics_in_the_admin(client, moderator, reference_data):
    client.force_login(moderator)
    assert "Cromer" in client.get(reverse("admin:localism_place_changelist") + "?q=cromer").content.decode()
    response = client.post(
        reverse("admin:localism_topic_add"), {"name": "Heritage", "slug": "heritage", "description": "Old things"}
    )
    assert response.status_code == 302
    from localism.models import Topic

    assert Topic.objects.filter(slug="heritage").exists()


@pytest.mark.parametrize(
    ("content", "refusal"),
    [
        pytest.param(b"MZ\x90\x00 this is an executable", "The file is not a real PDF file.", id="renamed-executable"),
        pytest.param(b"%PDF-1.4\n" + b"x" * 2000, "The file must be smaller than 1.0\xa0KB.", id="oversized"),
    ],
)
def test_a_document_that_is_not_what_it_claims_or_too_large_is_refused(client, moderator, settings, content, refusal):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from localism.models import Resource

    settings.DOCUMENT_MAX_BYTES = 1024
    client.force_login(moderator)
    response = client.post(
        reverse("admin:localism_resource_add"),
        {
            "title": "Guide",
            "slug": "guide",
            "summary": "A guide",
            "file": SimpleUploadedFile("guide.pdf", content, content_type="application/pdf"),
            "is_published": "on",
            "published_at_0": "21/11/2026",
            "published_at_1": "10:00:00",
        },
    )
    assert response.status_code == 200
    assert refusal in response.content.decode()
    assert not Resource.objects.exists()
