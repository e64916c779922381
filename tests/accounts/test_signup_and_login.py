"""Sign-up with mandatory email verification, login, password reset, and what bad input gets."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.urls import reverse

from accounts.models import User
from tests.factories import SIGN_UP, UserFactory

pytestmark = pytest.mark.django_db


def _link_in_last_email() -> str:
    return re.search(r"https?://[^/\s]+(/accounts/\S+)", mail.outbox[-1].body).group(1)


def test_sign_up_sends_a_verification_email_and_no_one_is_signed_in_until_it_is_used(client):
    response = client.post(reverse("account_signup"), SIGN_UP)
    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")
    user = User.objects.get(email="new.person@example.org")
    assert user.display_name == "New Person"
    assert not EmailAddress.objects.get(user=user).verified
    assert "_auth_user_id" not in client.session
    assert len(mail.outbox) == 1 and "new.person@example.org" in mail.outbox[0].to

    # Signing in before verifying sends them back to verify.
    response = client.post(reverse("account_login"), {"login": SIGN_UP["email"], "password": SIGN_UP["password1"]})
    assert response["Location"] == reverse("account_email_verification_sent")
    assert "_auth_user_id" not in client.session

    confirm_url = _link_in_last_email()
    response = client.post(confirm_url)
    assert response.status_code == 302
    assert EmailAddress.objects.get(user=user).verified
    assert client.session["_auth_user_id"] == str(user.pk)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"email": "not-an-email"}, "Enter a valid email address."),
        ({"email": ""}, "This field is required."),
        ({"password1": "tiny7", "password2": "tiny7"}, "This password is too short"),
        ({"password1": "password123", "password2": "password123"}, "This password is too common"),
        ({"password2": "something-else-entirely-1"}, "You must type the same password each time."),
        ({"display_name": ""}, "Enter a display name"),
    ],
)
def test_sign_up_with_bad_input_says_what_is_wrong_keeps_what_was_typed_and_creates_nothing(client, change, message):
    data = {**SIGN_UP, **change}
    response = client.post(reverse("account_signup"), data)
    html = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in html
    assert message in html
    if data["email"]:
        assert f'value="{data["email"]}"' in html
    if data["display_name"]:
        assert f'value="{data["display_name"]}"' in html
    assert data["password1"] not in html
    assert not User.objects.exists()
    assert mail.outbox == []


def test_sign_up_with_a_taken_email_says_so(client):
    UserFactory(email="taken@example.org")
    response = client.post(reverse("account_signup"), {**SIGN_UP, "email": "Taken@example.org"})
    assert "A user is already registered with this email address." in response.content.decode()
    assert User.objects.count() == 1


def test_a_wrong_verification_link_is_explained_and_verifies_nothing(client):
    user = UserFactory(verified=False)
    EmailAddress.objects.create(user=user, email=user.email, verified=False, primary=True)
    response = client.get(reverse("account_confirm_email", kwargs={"key": "not-a-real-key"}))
    html = response.content.decode()
    assert response.status_code == 200
    assert "expired or is invalid" in html
    assert client.post(reverse("account_confirm_email", kwargs={"key": "not-a-real-key"})).status_code in (200, 404)
    assert not EmailAddress.objects.get(user=user).verified


def test_password_reset_link_works_once(client, resident, password):
    client.post(reverse("account_reset_password"), {"email": resident.email})
    reset_url = _link_in_last_email()
    response = client.get(reset_url, follow=True)
    form_url = response.redirect_chain[-1][0] if response.redirect_chain else reset_url
    new = "a-brand-new-password-77"
    response = client.post(form_url, {"password1": new, "password2": new})
    assert response.status_code == 302
    resident.refresh_from_db()
    assert resident.check_password(new)

    # The same link again: refused, and the password stays.
    client.logout()
    response = client.get(reset_url, follow=True)
    assert "Bad token" in response.content.decode() or "invalid" in response.content.decode()
    response = client.post(form_url, {"password1": "yet-another-password-8", "password2": "yet-another-password-8"})
    resident.refresh_from_db()
    assert resident.check_password(new)


def test_password_reset_for_an_unknown_email_says_so(client):
    response = client.post(reverse("account_reset_password"), {"email": "nobody@example.org"})
    assert "not assigned to any user account" in response.content.decode()
    assert mail.outbox == []


def test_login_with_a_wrong_password_says_so_and_keeps_the_email(client, resident):
    response = client.post(reverse("account_login"), {"login": resident.email, "password": "wrong-password"})
    html = response.content.decode()
    assert "The email address and/or password you specified are not correct." in html
    assert f'value="{resident.email}"' in html
    assert "_auth_user_id" not in client.session


def test_repeated_failed_logins_are_rate_limited(client, resident):
    for n in range(5):
        client.post(reverse("account_login"), {"login": resident.email, "password": f"wrong-{n}"})
    # Even the right password is refused now, until the limit passes.
    response = client.post(reverse("account_login"), {"login": resident.email, "password": "a-long-test-password-42"})
    assert "Too many failed login attempts. Try again later." in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_sign_in_and_out(client, resident, password):
    response = client.post(reverse("account_login"), {"login": resident.email, "password": password})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(resident.pk)
    client.post(reverse("account_logout"))
    assert "_auth_user_id" not in client.session


def test_email_change_needs_the_new_address_verified(client, resident):
    client.force_login(resident)
    response = client.post(reverse("account_email"), {"action_add": "", "email": "new.address@example.org"})
    assert response.status_code == 302
    assert EmailAddress.objects.filter(email="new.address@example.org", verified=False).exists()
    assert "new.address@example.org" in mail.outbox[-1].to
    resident.refresh_from_db()
    assert resident.email == "resident@example.org"
