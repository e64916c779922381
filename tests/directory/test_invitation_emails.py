"""An invitation to join a group reaches someone who has no account yet, by email, through the outbox."""

import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from directory.models import Invitation, Membership
from notifications.models import Notification
from notifications.tasks import deliver_outbox
from tests.clients import signed_in
from tests.downloads import downloaded_json
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

NEWCOMER = "newcomer@example.org"
PASSWORD = "correct-horse-battery-9"


def _invite(owner_client, organisation, capture, email=NEWCOMER):
    with capture(execute=True):
        return owner_client.post(
            reverse("directory:member_invite", kwargs={"slug": organisation.slug}), {"email": email, "role": "editor"}
        )


def _link(body: str, path: str) -> str:
    return re.search(rf"https?://[^/\s]+({path}\S+)", body).group(1)


def test_someone_without_an_account_is_emailed_the_invitation_once(
    owner_client, organisation, django_capture_on_commit_callbacks
):
    response = _invite(owner_client, organisation, django_capture_on_commit_callbacks, email="Newcomer@Example.org")

    assert response.status_code == 302
    [message] = mail.outbox
    assert message.to == [NEWCOMER]
    assert reverse("directory:invitation_accept", kwargs={"token": Invitation.objects.get().token}) in message.body
    assert "create an account" in message.body
    assert "We will not email you again unless you create an account." in message.body
    # A one-off transactional email to an address with no account: no list to unsubscribe from.
    assert "List-Unsubscribe" not in message.extra_headers
    row = Notification.objects.get()
    assert (row.recipient, row.to_email, row.status) == (None, NEWCOMER, Notification.Status.SENT)
    assert NEWCOMER not in row.key and NEWCOMER not in message.extra_headers["Message-ID"]

    deliver_outbox.delay()  # the task again sends nothing more
    assert len(mail.outbox) == 1


def test_the_owner_is_told_the_invitation_was_emailed(owner_client, organisation, django_capture_on_commit_callbacks):
    _invite(owner_client, organisation, django_capture_on_commit_callbacks)

    page = owner_client.get(
        reverse("directory:organisation_manage", kwargs={"slug": organisation.slug})
    ).content.decode()

    assert f"We have emailed an invitation to {NEWCOMER}" in page


def test_a_refused_invitation_is_retried_by_the_task_with_the_same_message_id(
    refusing_once_smtp, owner_client, organisation, django_capture_on_commit_callbacks
):
    _invite(owner_client, organisation, django_capture_on_commit_callbacks)
    row = Notification.objects.get()
    assert (row.status, row.attempts) == (Notification.Status.QUEUED, 1)

    Notification.objects.update(next_attempt_at=timezone.now())
    deliver_outbox.delay()

    row.refresh_from_db()
    refused, accepted = refusing_once_smtp
    assert row.status == Notification.Status.SENT
    assert accepted["To"] == NEWCOMER
    assert refused["Message-ID"] == accepted["Message-ID"]
    assert re.fullmatch(rf"<notification-{row.pk}\.[0-9a-f]{{16}}@127\.0\.0\.1>", accepted["Message-ID"])


def test_signing_up_with_the_invited_address_and_accepting_joins_the_organisation(
    owner_client, organisation, django_capture_on_commit_callbacks
):
    _invite(owner_client, organisation, django_capture_on_commit_callbacks)
    invitation_path = _link(mail.outbox[0].body, "/directory/invitations/")
    newcomer = Client()

    # The link asks them to sign in; from there they create an account, which keeps where they were going.
    login = newcomer.get(invitation_path)
    assert login.status_code == 302 and login["Location"].startswith(reverse("account_login"))
    login_page = newcomer.get(login["Location"]).content.decode()
    signup_path = re.search(r'href="(/accounts/signup/\?next=[^"]*)"', login_page).group(1).replace("&amp;", "&")
    with django_capture_on_commit_callbacks(execute=True):
        newcomer.post(
            signup_path,
            {"email": NEWCOMER, "display_name": "Nina New", "password1": PASSWORD, "password2": PASSWORD},
        )
    confirmed = newcomer.post(_link(mail.outbox[-1].body, "/accounts/"))
    assert confirmed["Location"] == invitation_path

    joined = newcomer.post(invitation_path)

    assert joined.status_code == 302
    membership = Membership.objects.get(user__email=NEWCOMER)
    assert (membership.organisation, membership.role) == (organisation, Membership.Role.EDITOR)
    assert Invitation.objects.get().accepted_at is not None


def test_the_download_lists_and_deletion_erases_the_invitation_email_sent_before_the_account(
    owner_client, organisation, django_capture_on_commit_callbacks, password
):
    _invite(owner_client, organisation, django_capture_on_commit_callbacks)
    person = UserFactory(email=NEWCOMER)
    client = signed_in(person)

    data = downloaded_json(client.get(reverse("accounts:data_download")))
    assert [e["kind"] for e in data["notifications"]["emails"]] == ["directory.member_invited"]

    client.post(reverse("accounts:delete"), {"password": password})

    assert not Notification.objects.filter(to_email__iexact=NEWCOMER).exists()


def test_deleting_an_account_leaves_invitation_emails_to_other_addresses(
    owner_client, organisation, resident, password, django_capture_on_commit_callbacks
):
    _invite(owner_client, organisation, django_capture_on_commit_callbacks)
    client = signed_in(resident)

    client.post(reverse("accounts:delete"), {"password": password})

    assert Notification.objects.filter(to_email=NEWCOMER).exists()
