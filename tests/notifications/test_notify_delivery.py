"""The outbox through GOV.UK Notify: the real client against a stand-in for Notify on loopback (notify_fake.py)."""

import pytest
from django.core import mail
from django.utils import timezone

from accounts.models import User
from notifications.models import MobileNumber, Notification
from notifications.services import announcement_send, notify, outbox_deliver
from tests.factories import UserFactory
from tests.notifications.conftest import follow, verified_mobile
from tests.notifications.notify_fake import EMAIL_TEMPLATE_ID, SMS_TEMPLATE_ID

pytestmark = pytest.mark.django_db


def _send(announcement, django_capture_on_commit_callbacks) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        announcement_send(announcement=announcement, by=None)


def _due_again() -> None:
    """What the passing of the back-off does: queued rows are due again."""
    Notification.objects.filter(status="queued").update(next_attempt_at=timezone.now())


def test_emails_go_through_notify_with_the_outbox_key_as_reference(
    notify_fake, followers, announcement, django_capture_on_commit_callbacks
):
    _send(announcement, django_capture_on_commit_callbacks)

    assert mail.outbox == []
    emails = notify_fake.emails()
    assert sorted(e["email_address"] for e in emails) == sorted(f.email for f in followers)
    rows = {row.key: row for row in Notification.objects.all()}
    assert {e["reference"] for e in emails} == set(rows)
    assert all(row.status == "sent" for row in rows.values())
    first = emails[0]
    assert first["template_id"] == EMAIL_TEMPLATE_ID
    assert first["personalisation"]["subject"] == "Road closure on the seafront"
    assert "From Monday.\nFor two weeks." in first["personalisation"]["body"]
    assert "You are getting this because you follow Cromer Test Town" in first["personalisation"]["body"]
    assert first["one_click_unsubscribe_url"].startswith("http://127.0.0.1:8000/notifications/unsubscribe/")
    assert notify_fake.received[0].claims["iss"] == notify_fake.service_id


def test_without_an_api_key_email_goes_by_smtp_as_before(
    settings, notify_fake, followers, announcement, django_capture_on_commit_callbacks
):
    settings.NOTIFY_API_KEY = ""
    _send(announcement, django_capture_on_commit_callbacks)

    assert sorted(m.to[0] for m in mail.outbox) == sorted(f.email for f in followers)
    assert notify_fake.calls == 0


def test_a_busy_or_failing_notify_is_retried_and_nobody_gets_two(
    notify_fake, followers, announcement, django_capture_on_commit_callbacks
):
    notify_fake.fail_next(1, 429)
    notify_fake.fail_next(1, 500)
    _send(announcement, django_capture_on_commit_callbacks)

    waiting = Notification.objects.filter(status="queued").order_by("id")
    assert [row.attempts for row in waiting] == [1, 1]
    assert "429" in waiting[0].last_error and "RateLimitError" in waiting[0].last_error
    assert "500" in waiting[1].last_error and "Internal server error" in waiting[1].last_error
    assert len(notify_fake.emails()) == 3

    outbox_deliver()  # not due yet: backed off
    assert len(notify_fake.emails()) == 3
    _due_again()
    outbox_deliver()
    outbox_deliver()  # a second run sends nothing more

    assert sorted(e["email_address"] for e in notify_fake.emails()) == sorted(f.email for f in followers)
    assert Notification.objects.filter(status="sent").count() == 5
    retried = {row.key for row in waiting}
    assert retried <= {e["reference"] for e in notify_fake.emails()}


def test_notify_out_of_reach_is_retried_like_a_mail_server(
    settings, notify_fake, followers, announcement, django_capture_on_commit_callbacks
):
    settings.NOTIFY_BASE_URL = "http://127.0.0.1:1"  # nothing listens there
    _send(announcement, django_capture_on_commit_callbacks)
    assert Notification.objects.filter(status="queued", attempts=1).count() == 5

    settings.NOTIFY_BASE_URL = notify_fake.base_url
    _due_again()
    outbox_deliver()
    assert sorted(e["email_address"] for e in notify_fake.emails()) == sorted(f.email for f in followers)


def test_an_address_notify_refuses_fails_at_once_with_the_reason_and_is_not_retried(
    notify_fake, followers, announcement, django_capture_on_commit_callbacks
):
    refused = followers[0]
    notify_fake.refuse(refused.email)
    _send(announcement, django_capture_on_commit_callbacks)

    row = Notification.objects.get(recipient=refused)
    assert row.status == "failed" and row.attempts == 1
    assert row.last_error == (
        "GOV.UK Notify 400: BadRequestError: Can't send to this recipient using a team-only API key"
    )
    calls = notify_fake.calls
    Notification.objects.update(next_attempt_at=timezone.now())
    outbox_deliver()
    assert notify_fake.calls == calls
    assert Notification.objects.filter(status="sent").count() == 4


def test_a_key_notify_does_not_know_fails_every_email_for_good(
    settings, notify_fake, followers, announcement, django_capture_on_commit_callbacks
):
    settings.NOTIFY_API_KEY = f"localism_test-{notify_fake.service_id}-00000000-0000-0000-0000-000000000000"
    _send(announcement, django_capture_on_commit_callbacks)

    assert notify_fake.emails() == []
    assert Notification.objects.filter(status="failed").count() == 5
    assert "403: AuthError: Invalid token" in Notification.objects.first().last_error


def test_followers_with_a_verified_number_are_also_texted_the_headline_and_a_link(
    notify_fake, place, followers, announcement, django_capture_on_commit_callbacks
):
    verified_mobile(followers[0], "+447700900111")
    # Someone who wants texts and no email still gets the text.
    texts_only = UserFactory(email="texts@example.org", email_frequency="off")
    follow(texts_only, place)
    verified_mobile(texts_only, "+447700900222")
    announcement.link = "https://www.norfolk.gov.uk/roadworks"
    announcement.save()

    _send(announcement, django_capture_on_commit_callbacks)

    texts = notify_fake.texts()
    assert sorted(t["phone_number"] for t in texts) == ["+447700900111", "+447700900222"]
    assert texts[0]["template_id"] == SMS_TEMPLATE_ID
    assert texts[0]["personalisation"]["body"] == "Road closure on the seafront\nhttps://www.norfolk.gov.uk/roadworks"
    assert {t["reference"] for t in texts} == set(
        Notification.objects.filter(channel="sms").values_list("key", flat=True)
    )
    assert texts_only.email not in [e["email_address"] for e in notify_fake.emails()]
    assert len(notify_fake.emails()) == 5


def test_an_unverified_number_gets_no_texts(notify_fake, followers, announcement, django_capture_on_commit_callbacks):
    MobileNumber.objects.create(user=followers[0], number="+447700900111", code_hash="x" * 64)

    _send(announcement, django_capture_on_commit_callbacks)

    assert notify_fake.texts() == []
    assert not Notification.objects.filter(channel="sms").exists()


def test_a_number_unverified_after_the_text_was_queued_gets_nothing(
    notify_fake, followers, announcement, django_capture_on_commit_callbacks
):
    mobile = verified_mobile(followers[0])
    with django_capture_on_commit_callbacks(execute=False):
        announcement_send(announcement=announcement, by=None)
    MobileNumber.objects.filter(pk=mobile.pk).update(number="+447700900999", verified_at=None)

    outbox_deliver()

    assert notify_fake.texts() == []
    row = Notification.objects.get(channel="sms")
    assert row.status == "skipped" and row.last_error == "The mobile number has not been verified"


def test_receipts_and_replies_are_not_texted(notify_fake, django_capture_on_commit_callbacks):
    person = UserFactory(email_frequency="instant")
    verified_mobile(person)
    with django_capture_on_commit_callbacks(execute=True):
        notify(
            kind="notifications.announcement",
            key="receipt:1",
            recipients=User.objects.filter(pk=person.pk),
            template="notifications/emails/announcement",
            context={"title": "Your response", "body": "Thanks", "url": "http://testserver/"},
            reason="You responded.",
            transactional=True,
        )
    assert [e["email_address"] for e in notify_fake.emails()] == [person.email]
    assert notify_fake.texts() == []


def test_without_notify_no_texts_are_queued(settings, followers, announcement, django_capture_on_commit_callbacks):
    verified_mobile(followers[0])
    settings.NOTIFY_API_KEY = ""
    _send(announcement, django_capture_on_commit_callbacks)

    assert not Notification.objects.filter(channel="sms").exists()
    assert len(mail.outbox) == 5


def test_a_text_queued_before_notify_was_turned_off_fails_with_the_reason(
    settings, notify_fake, followers, announcement, django_capture_on_commit_callbacks
):
    verified_mobile(followers[0])
    with django_capture_on_commit_callbacks(execute=False):
        announcement_send(announcement=announcement, by=None)
    settings.NOTIFY_API_KEY = ""

    outbox_deliver()

    row = Notification.objects.get(channel="sms")
    assert row.status == "failed" and "NOTIFY_API_KEY is not set" in row.last_error
    assert len(mail.outbox) == 5 and notify_fake.calls == 0
