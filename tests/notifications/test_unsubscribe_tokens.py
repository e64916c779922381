"""Unsubscribe links reveal nothing about the person, cannot be forged, and survive a key rotation."""

import base64
import json
import secrets

import pytest
from django.core import signing
from django.urls import reverse

from notifications.models import EmailOptOut
from notifications.tokens import read_unsubscribe_token, unsubscribe_token
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

KIND = "notifications.digest"


def _raw(token: str) -> bytes:
    return base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))


def test_a_token_reveals_neither_the_person_nor_the_kind_of_email():
    # An id long enough that finding it in the token could not be chance.
    resident = UserFactory(id=987654321, email="resident@example.org")
    token = unsubscribe_token(resident, KIND)
    raw = _raw(token)
    for secret in [str(resident.pk), json.dumps([resident.pk, KIND]), KIND, resident.email]:
        assert secret.encode() not in raw
        assert secret not in token
    # Two links for the same person and kind look unrelated, so links cannot be matched up either.
    assert unsubscribe_token(resident, KIND) != token
    assert read_unsubscribe_token(token) == (resident.pk, KIND)


def test_a_signed_token_in_the_old_readable_form_is_refused(client, resident):
    readable = signing.dumps({"u": resident.pk, "k": KIND}, salt="notifications.unsubscribe", compress=True)
    response = client.post(reverse("notifications:unsubscribe", kwargs={"token": readable}))
    assert response.status_code == 404
    assert not EmailOptOut.objects.exists()


def test_a_tampered_token_is_refused_and_changes_nothing(client, resident):
    token = unsubscribe_token(resident, KIND)
    middle = len(token) // 2
    tampered = token[:middle] + ("A" if token[middle] != "A" else "B") + token[middle + 1 :]
    response = client.post(reverse("notifications:unsubscribe", kwargs={"token": tampered}))
    assert response.status_code == 404
    assert not EmailOptOut.objects.exists()


def test_links_sent_before_the_key_was_rotated_still_work(client, resident, settings):
    token = unsubscribe_token(resident, KIND)
    settings.SECRET_KEY_FALLBACKS = [settings.SECRET_KEY]
    settings.SECRET_KEY = secrets.token_urlsafe(50)
    response = client.post(reverse("notifications:unsubscribe", kwargs={"token": token}))
    assert response.status_code == 200
    assert EmailOptOut.objects.filter(user=resident, kind=KIND).exists()


def test_a_link_made_with_another_sites_key_is_refused(client, resident, settings):
    original = settings.SECRET_KEY
    settings.SECRET_KEY = secrets.token_urlsafe(50)
    forged = unsubscribe_token(resident, KIND)
    settings.SECRET_KEY = original
    response = client.post(reverse("notifications:unsubscribe", kwargs={"token": forged}))
    assert response.status_code == 404
    assert not EmailOptOut.objects.exists()
