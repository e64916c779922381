"""The outbox: who gets what, once; frequencies, digests, unsubscribing, failures and retries."""

import re
import time

import pytest
from django.contrib.messages import get_messages
from django.core import mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from notifications.models import Notification
from notifications.services import announcement_send, digests_build, notify, outbox_deliver
from notifications.tasks import deliver_outbox
from tests.factories import UserFactory
from tests.notifications.conftest import follow, instant_followers, send_from_the_admin
from tests.smtp import SmtpServer, temporary_failure

pytestmark = pytest.mark.django_db


def _notify(recipients, key="test.event:1", transactional=False):
    return notify(
        kind="notifications.announcement",
        key=key,
        recipients=recipients,
        template="notifications/emails/announcement",
        context={"title": "A title", "body": "Body", "url": "http://testserver/"},
        reason="Because you follow it.",
        transactional=transactional,
    )


def test_each_follower_gets_exactly_one_email_with_unsubscribe_headers(
    client, moderator, followers, announcement, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = send_from_the_admin(client, moderator, announcement)
    assert response.status_code == 302
    assert [str(m) for m in get_messages(response.wsgi_request)] == ["Queued 5 emails."]
    assert sorted(m.to[0] for m in mail.outbox) == sorted(f.email for f in followers)
    message = mail.outbox[0]
    assert message.subject == "Road closure on the seafront"
    assert "From Monday.\nFor two weeks." in message.body
    assert "You are getting this because you follow Cromer Test Town" in message.body
    assert re.match(
        r"<http://127\.0\.0\.1:8000/notifications/unsubscribe/[^/]+/>", message.extra_headers["List-Unsubscribe"]
    )
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html" and "Road closure on the seafront" in html

    # Sending again, or running the delivery task again, sends nothing more.
    with django_capture_on_commit_callbacks(execute=True):
        send_from_the_admin(client, moderator, announcement)
    deliver_outbox.delay()
    assert len(mail.outbox) == len(followers)


def test_staff_are_told_one_email_in_the_singular(
    client, moderator, place, announcement, django_capture_on_commit_callbacks
):
    instant_followers(place, 1)

    with django_capture_on_commit_callbacks(execute=True):
        response = send_from_the_admin(client, moderator, announcement)

    assert [str(m) for m in get_messages(response.wsgi_request)] == ["Queued 1 email."]
    assert len(mail.outbox) == 1


def test_html_in_staff_text_is_escaped_in_the_email(django_capture_on_commit_callbacks, place, followers):
    from notifications.models import Announcement

    item = Announcement.objects.create(title="<b>Hi</b>", body="<script>alert(1)</script>")
    item.places.add(place)
    with django_capture_on_commit_callbacks(execute=True):
        announcement_send(announcement=item, by=None)
    html = mail.outbox[0].alternatives[0][0]
    assert "<script>" not in html and "&lt;script&gt;" in html


def test_a_rolled_back_change_sends_nothing(followers, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        try:
            with transaction.atomic():
                _notify(User.objects.filter(pk__in=[f.pk for f in followers]))
                raise RuntimeError("the change failed")
        except RuntimeError:
            pass
    assert not Notification.objects.exists()
    assert mail.outbox == []


def test_the_same_event_key_queues_nothing_the_second_time(followers):
    people = User.objects.filter(pk__in=[f.pk for f in followers])
    assert _notify(people) == 5
    assert _notify(people) == 0
    assert Notification.objects.count() == 5


def test_frequencies_decide_instant_digest_or_nothing_and_transactional_always_goes():
    instant = UserFactory(email_frequency="instant")
    daily = UserFactory(email_frequency="daily")
    weekly = UserFactory(email_frequency="weekly")
    off = UserFactory(email_frequency="off")
    everyone = User.objects.filter(pk__in=[instant.pk, daily.pk, weekly.pk, off.pk])
    _notify(everyone, key="news:1")
    rows = {n.recipient_id: (n.status, n.delivery) for n in Notification.objects.all()}
    assert rows == {
        instant.pk: ("queued", "instant"),
        daily.pk: ("waiting", "daily"),
        weekly.pk: ("waiting", "weekly"),
    }
    _notify(everyone, key="receipt:1", transactional=True)
    assert Notification.objects.filter(event__key="receipt:1", status="queued").count() == 4


def test_a_daily_digest_gathers_waiting_emails_into_one(django_capture_on_commit_callbacks):
    person = UserFactory(email_frequency="daily")
    for n in range(3):
        notify(
            kind="notifications.announcement",
            key=f"news:{n}",
            recipients=User.objects.filter(pk=person.pk),
            template="notifications/emails/announcement",
            context={"title": f"News item {n}", "body": "", "url": f"http://testserver/{n}/"},
            reason="Because.",
        )
    assert mail.outbox == []
    with django_capture_on_commit_callbacks(execute=True):
        assert digests_build(frequency="daily") == 1
    assert len(mail.outbox) == 1
    assert mail.outbox[0].subject == "Your daily update: 3 new things you follow"
    for n in range(3):
        assert f"News item {n}" in mail.outbox[0].body
    with django_capture_on_commit_callbacks(execute=True):
        assert digests_build(frequency="daily") == 0
    assert len(mail.outbox) == 1


def test_the_unsubscribe_link_works_without_signing_in_and_stops_that_kind(
    client, followers, place, announcement, django_capture_on_commit_callbacks
):
    from notifications.models import Announcement

    with django_capture_on_commit_callbacks(execute=True):
        announcement_send(announcement=announcement, by=None)
    leaver = followers[0]
    message = next(m for m in mail.outbox if m.to == [leaver.email])
    link = re.search(r"http://127\.0\.0\.1:8000(/notifications/unsubscribe/\S+/)", message.body).group(1)

    assert "Stop these emails?" in client.get(link).content.decode()  # a GET changes nothing
    response = client.post(link, {"List-Unsubscribe": "One-Click"})  # as a mail program does, no CSRF token
    assert "You have unsubscribed" in response.content.decode()

    mail.outbox.clear()
    second = Announcement.objects.create(title="Second", body="More")
    second.places.add(place)
    with django_capture_on_commit_callbacks(execute=True):
        announcement_send(announcement=second, by=None)
    assert leaver.email not in [m.to[0] for m in mail.outbox]
    assert len(mail.outbox) == len(followers) - 1


@pytest.mark.parametrize("token", ["nonsense", "eyJ1IjoxfQ:bad:sig", "x" * 500])
def test_a_broken_unsubscribe_link_is_explained(client, token):
    response = client.post(reverse("notifications:unsubscribe", kwargs={"token": token}))
    assert response.status_code == 404
    assert "This unsubscribe link does not work" in response.content.decode()


class _FailingBackend(SmtpServer):
    """An SMTP backend whose server refuses every message (outside the system: an SMTP server)."""

    def send_messages(self, messages):
        raise temporary_failure()


def test_smtp_errors_are_retried_with_back_off_then_marked_failed_and_staff_can_retry(
    settings, client, moderator, followers, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "tests.notifications.test_outbox._FailingBackend"
    settings.OUTBOX_MAX_ATTEMPTS = 2
    _notify(User.objects.filter(pk=followers[0].pk), key="fail:1", transactional=True)
    outbox_deliver()
    row = Notification.objects.get()
    assert row.status == "queued" and row.attempts == 1 and "451" in row.last_error
    assert row.next_attempt_at > row.created_at  # backed off, not due at once
    Notification.objects.update(next_attempt_at=row.created_at)
    outbox_deliver()
    row.refresh_from_db()
    assert row.status == "failed" and row.attempts == 2

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    client.force_login(moderator)
    assert (
        "Temporary failure"
        in client.get(
            reverse("admin:notifications_notification_changelist") + "?status__exact=failed"
        ).content.decode()
    )
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("admin:notifications_notification_changelist"),
            {"action": "retry_failed", "_selected_action": [row.pk]},
        )
    row.refresh_from_db()
    assert row.status == "sent"
    assert len(mail.outbox) == 1


def test_fan_out_to_many_followers_runs_a_fixed_number_of_queries(place, django_assert_max_num_queries):
    people = UserFactory.create_batch(60, email_frequency="instant")
    for person in people:
        follow(person, place)
    from notifications.selectors import followers_of

    # get-or-create the event (with its savepoint), then one INSERT ... SELECT for everyone.
    with django_assert_max_num_queries(8):
        assert _notify(followers_of(place)) == 60


def test_every_plain_text_email_ends_with_why_it_was_sent_and_how_to_unsubscribe(followers):
    _notify(User.objects.filter(pk=followers[0].pk), key="footer:1")
    outbox_deliver()
    body = mail.outbox[0].body
    assert body.rstrip().splitlines()[-3:][0] == "Because you follow it."
    assert "Unsubscribe from these emails: http://127.0.0.1:8000/notifications/unsubscribe/" in body
    assert body.count("Unsubscribe from these emails") == 1


def test_an_event_with_nobody_to_tell_queues_nothing():
    from notifications.selectors import followers_of

    assert _notify(followers_of(), key="nobody:1") == 0
    assert _notify(User.objects.none(), key="nobody:2") == 0
    assert not Notification.objects.exists()


def _wait_until(condition, timeout: float = 10) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return False


class _StallingServer(SmtpServer):
    """An SMTP server that stalls on the second message until the sender's lease has lapsed and another
    worker has taken its rows over, then gives that message up; it accepts every other one."""

    accepted: list = []
    has_stalled = False

    def send_messages(self, messages):
        server = type(self)
        if len(server.accepted) == 1 and not server.has_stalled:
            server.has_stalled = True
            assert _wait_until(lambda: Notification.objects.due().count() == 4)
            outbox_deliver()  # another worker takes the rest of the batch over
            raise temporary_failure("Timed out waiting for the message")
        server.accepted.extend(messages)
        return len(messages)


def test_a_worker_whose_lease_lapsed_sends_nothing_more_from_its_batch(settings, followers):
    settings.EMAIL_BACKEND = "tests.notifications.test_outbox._StallingServer"
    settings.OUTBOX_LEASE_SECONDS = 1
    settings.OUTBOX_SEND_SECONDS = 0  # the stalled message lapses with the rest of the lease
    _StallingServer.accepted, _StallingServer.has_stalled = [], False
    _notify(User.objects.filter(pk__in=[f.pk for f in followers]))

    sent_by_the_stalled_worker = outbox_deliver(batch_size=5)

    assert sorted(m.to[0] for m in _StallingServer.accepted) == sorted(f.email for f in followers)
    assert sent_by_the_stalled_worker == 1
    assert Notification.objects.filter(status="sent").count() == 5


def test_an_email_sent_again_carries_the_same_message_id(refusing_once_smtp, followers):
    _notify(User.objects.filter(pk=followers[0].pk), key="again:1")
    outbox_deliver()
    Notification.objects.update(next_attempt_at=timezone.now())
    outbox_deliver()

    row = Notification.objects.get()
    assert row.status == "sent"
    refused, accepted = (message["Message-ID"] for message in refusing_once_smtp)
    assert refused == accepted
    assert re.fullmatch(rf"<notification-{row.pk}\.[0-9a-f]{{16}}@127\.0\.0\.1>", accepted)
