"""Sign-up and password emails speak in the portal's own words, name it and link to it from settings."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from accounts.models import User
from tests.factories import SIGN_UP

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _portal(settings):
    settings.SITE_NAME = "Broadland Community Portal"
    settings.SITE_URL = "https://portal.example.gov.uk"


def test_the_sign_up_email_names_the_portal_and_links_to_its_public_address(client):
    client.post(reverse("account_signup"), SIGN_UP)
    message = mail.outbox[-1]
    assert message.subject.endswith("Confirm your email address to finish creating your account")
    assert "Hello from" not in message.body and "testserver" not in message.body
    assert "Broadland Community Portal" in message.body
    link = re.search(r"https://portal\.example\.gov\.uk(/accounts/confirm-email/\S+/)", message.body)
    assert link is not None
    html = {kind: body for body, kind in message.alternatives}["text/html"]
    assert f'href="https://portal.example.gov.uk{link.group(1)}"' in html
    # The link works.
    assert client.post(link.group(1)).status_code == 302
    assert User.objects.get(email=SIGN_UP["email"]).emailaddress_set.get().verified


def test_the_password_reset_email_is_in_plain_words(client, resident):
    client.post(reverse("account_reset_password"), {"email": resident.email})
    message = mail.outbox[-1]
    assert message.subject.endswith("Reset your password")
    assert "Someone asked to reset the password of your Broadland Community Portal account" in message.body
    assert "https://portal.example.gov.uk/accounts/password/reset/key/" in message.body
    assert "Hello from" not in message.body


def test_the_confirmation_email_can_be_sent_again(client):
    client.post(reverse("account_signup"), SIGN_UP)
    assert len(mail.outbox) == 1
    page = client.get(reverse("account_email_verification_sent")).content.decode()
    assert "Send the email again" in page
    response = client.post(reverse("accounts:verification_resend"), {"email": SIGN_UP["email"]}, follow=True)
    assert "we have sent the email again" in response.content.decode()
    assert len(mail.outbox) == 2 and mail.outbox[-1].to == [SIGN_UP["email"]]


def test_sending_again_at_once_sends_nothing_more_and_an_unknown_address_learns_nothing(client):
    client.post(reverse("account_signup"), SIGN_UP)
    client.post(reverse("accounts:verification_resend"), {"email": SIGN_UP["email"]})
    client.post(reverse("accounts:verification_resend"), {"email": SIGN_UP["email"]})
    assert len(mail.outbox) == 2
    known = client.post(reverse("accounts:verification_resend"), {"email": SIGN_UP["email"]}, follow=True)
    unknown = client.post(reverse("accounts:verification_resend"), {"email": "nobody@example.org"}, follow=True)
    assert known.status_code == unknown.status_code == 200
    assert len(mail.outbox) == 2


def test_a_bad_address_is_explained_and_kept(client):
    response = client.post(reverse("accounts:verification_resend"), {"email": "not an email"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Enter an email address in the correct format" in page
    assert 'value="not an email"' in page
