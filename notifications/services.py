"""Writes: following, the outbox (queueing and sending), digests, unsubscribing."""

from __future__ import annotations

import functools
import hashlib
import logging
import smtplib
import time
import uuid
from dataclasses import dataclass
from datetime import timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import EmptyResultSet
from django.core.mail import EmailMultiAlternatives
from django.db import connection, models, transaction
from django.db.models import QuerySet
from django.db.models.functions import Now
from django.template.loader import render_to_string
from django.utils import timezone

from localism.audit import audit_record
from localism.links import absolute_reverse, absolute_url
from notifications import delivery
from notifications.models import EmailOptOut, MobileNumber, Notification, NotificationEvent, Subscription
from notifications.registry import can_follow
from notifications.texts import code_hash, code_matches, new_code, sealed_code
from notifications.tokens import unsubscribe_url

logger = logging.getLogger(__name__)

_INSERT_OUTBOX = """
INSERT INTO notifications_notification
    (key, event_id, recipient_id, to_email, status, delivery, channel, attempts, last_error, created_at,
     next_attempt_at)
SELECT %s || r.id::text, %s, r.id, '',
       CASE WHEN %s OR r.email_frequency = 'instant' THEN 'queued' ELSE 'waiting' END,
       CASE WHEN %s OR r.email_frequency = 'instant' THEN 'instant' ELSE r.email_frequency END,
       'email', 0, '', %s, %s
FROM ({recipients}) AS r
ON CONFLICT (key) DO NOTHING
"""

# Text alerts go as it happens (a digest is no text), to the people whose mobile number is verified.
_INSERT_TEXTS = """
INSERT INTO notifications_notification
    (key, event_id, recipient_id, to_email, status, delivery, channel, attempts, last_error, created_at,
     next_attempt_at)
SELECT %s || r.id::text, %s, r.id, '', 'queued', 'instant', 'sms', 0, '', %s, %s
FROM ({recipients}) AS r
ON CONFLICT (key) DO NOTHING
"""


# --- following -------------------------------------------------------------------


@transaction.atomic
def subscription_follow(*, user, target: models.Model) -> Subscription:
    """Follow a place, topic, consultation, organisation, ... (following twice is one subscription)."""
    if not can_follow(user, target):
        raise ValueError(f"{type(target).__name__} {target.pk} cannot be followed by this person")
    subscription, _ = Subscription.objects.get_or_create(
        user=user, target_type=ContentType.objects.get_for_model(target), target_id=str(target.pk)
    )
    return subscription


@transaction.atomic
def subscription_unfollow(*, user, target: models.Model) -> None:
    Subscription.objects.filter(
        user=user, target_type=ContentType.objects.get_for_model(target), target_id=str(target.pk)
    ).delete()


@transaction.atomic
def topics_follow(*, user, topics: list) -> None:
    """Make the topics a person follows exactly these."""
    from localism.models import Topic

    topic_type = ContentType.objects.get_for_model(Topic)
    wanted = {str(topic.pk) for topic in topics}
    Subscription.objects.filter(user=user, target_type=topic_type).exclude(target_id__in=wanted).delete()
    have = set(Subscription.objects.filter(user=user, target_type=topic_type).values_list("target_id", flat=True))
    Subscription.objects.bulk_create(
        [Subscription(user=user, target_type=topic_type, target_id=pk) for pk in sorted(wanted - have)]
    )


@transaction.atomic
def email_opt_out(*, user, kind: str) -> None:
    """Stop emails of one kind to this person; waiting ones are not sent either."""
    EmailOptOut.objects.get_or_create(user=user, kind=kind)
    Notification.objects.filter(
        recipient=user,
        event__kind=kind,
        status__in=[Notification.Status.QUEUED, Notification.Status.WAITING_FOR_DIGEST],
    ).update(status=Notification.Status.SKIPPED)


# --- queueing ----------------------------------------------------------------------


def _event_once(
    *, kind: str, key: str, template: str, context: dict, reason: str, transactional: bool
) -> NotificationEvent | None:
    """Record the event under its key; None when that key was recorded before (so nothing is queued twice)."""
    event, created = NotificationEvent.objects.get_or_create(
        key=key,
        defaults={
            "kind": kind,
            "template": template,
            "context": context,
            "reason": reason,
            "is_transactional": transactional,
        },
    )
    return event if created else None


def notify(
    *,
    kind: str,
    key: str,
    recipients: QuerySet,
    template: str,
    context: dict,
    reason: str,
    transactional: bool = False,
) -> int:
    """Queue one email per recipient for this event, in the caller's transaction; returns how many emails.

    Alerts (not transactional emails) are also texted to recipients whose mobile number is verified.
    The same key again queues nothing. Non-transactional emails respect each person's
    frequency (instant, or waiting for their daily/weekly digest; none when "off") and
    their unsubscribes. Fan-out is one INSERT ... SELECT, whatever the number of recipients.
    """
    with transaction.atomic():
        event = _event_once(
            kind=kind, key=key, template=template, context=context, reason=reason, transactional=transactional
        )
        if event is None:
            return 0
        people = recipients.filter(is_active=True).exclude(
            pk__in=EmailOptOut.objects.filter(kind=kind).values("user_id")
        )
        # Text alerts are their own choice: someone may want texts and no email ("off"), or both.
        texted = people.filter(mobile_number__verified_at__isnull=False)
        if not transactional:
            people = people.exclude(email_frequency="off")
        try:
            sql, params = people.order_by().values("id", "email_frequency").query.sql_with_params()
        except EmptyResultSet:  # nobody to tell (e.g. nothing is followed)
            return 0
        now = timezone.now()
        with connection.cursor() as cursor:
            cursor.execute(
                _INSERT_OUTBOX.format(recipients=sql),
                [f"{key}:", event.pk, transactional, transactional, now, now, *params],
            )
            count = cursor.rowcount
            texts = 0
            # Receipts and replies go by email only; alerts are texted too, while Notify is set up.
            if not transactional and text_alerts_available():
                sql, params = texted.order_by().values("id").query.sql_with_params()
                cursor.execute(_INSERT_TEXTS.format(recipients=sql), [f"{key}:sms:", event.pk, now, now, *params])
                texts = cursor.rowcount
    if count + texts:
        transaction.on_commit(functools.partial(queue_delivery, count + texts))
    return count


def notify_address(*, kind: str, key: str, email: str, template: str, context: dict, reason: str) -> int:
    """Queue one transactional email to someone who has no account yet (an invitation), in the caller's
    transaction; 1 if queued, 0 if this key was queued before. Sent, retried and de-duplicated exactly as
    the emails to people with accounts are: the same outbox, claim and Message-ID."""
    with transaction.atomic():
        event = _event_once(kind=kind, key=key, template=template, context=context, reason=reason, transactional=True)
        if event is None:
            return 0
        # The row's key names no address: it travels in a header and the Message-ID's hash.
        Notification.objects.create(key=f"{key}:address", event=event, to_email=email)
    transaction.on_commit(functools.partial(queue_delivery, 1))
    return 1


@dataclass(frozen=True)
class Audience:
    """Who an email goes to and why, as its footer says ("You are getting this because ...").

    A transactional email (a receipt, a decision about someone's own contribution) is sent at once; any
    other follows each person's frequency: instant, a daily or weekly digest, or none when "off".
    """

    people: QuerySet
    because: str
    transactional: bool = False

    @property
    def reason(self) -> str:
        return f"You are getting this because {self.because}."

    @classmethod
    def person(cls, pk: int | None, because: str) -> Audience:
        """One person, about their own contribution or request: sent at once."""
        from django.contrib.auth import get_user_model

        return cls(get_user_model().objects.filter(pk=pk), because, transactional=True)


def email(kind: str, *about: object, to: Audience, context: dict, template: str = "", key: str = "") -> int:
    """Queue the email `kind` ("<app>.<name>") about one thing to an audience; how many were queued.

    Its key is the kind and `about` (the same email about the same thing is queued once) unless `key`
    is given; its subject, text and HTML templates are "<app>/emails/<name>" unless `template` is given.
    """
    app, name = kind.split(".", 1)
    return notify(
        kind=kind,
        key=key or ":".join([kind, *map(str, about)]),
        recipients=to.people,
        template=template or f"{app}/emails/{name}",
        context=context,
        reason=to.reason,
        transactional=to.transactional,
    )


def step_email(
    kind: str, about: models.Model, *, to: Audience, template: str, title: str, lines: list[str], **context
) -> int:
    """The email at one step of something people take part in or follow (a petition, an application): its
    title, a few lines and the link to its page, with what else its templates name."""
    context = {"title": title, "lines": lines, "url": absolute_url(about.get_absolute_url()), **context}
    return email(kind, about.pk, to=to, template=template, context=context)


def queue_delivery(count: int = 1) -> None:
    """Ask workers to send what is due: one task per batch, up to OUTBOX_PARALLEL_TASKS, so that
    every process of a worker helps with a large fan-out. If the broker is down, the beat sweep
    sends it later."""
    from notifications.tasks import deliver_outbox

    tasks = max(1, min(settings.OUTBOX_PARALLEL_TASKS, -(-count // settings.OUTBOX_BATCH_SIZE)))
    try:
        for _ in range(tasks):
            deliver_outbox.delay()
    except Exception:  # noqa: BLE001 - the rows are safe in the outbox; only the nudge was lost
        logger.exception("Could not queue outbox delivery; the periodic sweep will send it")


# --- sending ------------------------------------------------------------------------


def _claim(batch_size: int) -> tuple[uuid.UUID, list[int]]:
    """Mark up to batch_size due rows as being sent under a new claim token, and commit."""
    claim_token = uuid.uuid4()
    with transaction.atomic():
        ids = list(
            Notification.objects.due()
            .order_by("next_attempt_at", "id")
            .select_for_update(skip_locked=True)
            .values_list("id", flat=True)[:batch_size]
        )
        if ids:
            Notification.objects.filter(id__in=ids).update(
                status=Notification.Status.SENDING, claimed_at=Now(), claim_token=claim_token
            )
    return claim_token, ids


def _lease_renew(claim_token: uuid.UUID, ids: list[int]) -> int:
    """Extend the lease on the rows this claim still holds; how many (none once its lease has lapsed)."""
    return Notification.objects.held_by(claim_token).filter(id__in=ids).update(claimed_at=Now())


def _lease_confirm(claim_token: uuid.UUID, notification_id: int) -> bool:
    """Just before sending a row, in one conditional update: is it still this claim's, unsent and within
    the lease? If so the row's lease starts afresh, with OUTBOX_SEND_SECONDS more for its message."""
    # The message in flight keeps its claim for as long as one message may take on top of the lease,
    # so that a worker slowed down mid-message (a loaded machine, a slow server) is not overtaken on it.
    in_flight = Now() + timedelta(seconds=settings.OUTBOX_SEND_SECONDS)
    with transaction.atomic():
        # Not waiting for the disk halves the commits per email. Were the database to crash before
        # writing this, the worker's next write would fail as well, and the row keep its older lease.
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL synchronous_commit TO OFF")
        return bool(Notification.objects.filter(pk=notification_id).held_by(claim_token).update(claimed_at=in_flight))


def _message_id(notification: Notification) -> str:
    """The same for every try of one outbox row, so that a receiving system can drop a second copy."""
    # The key's hash keeps it unique should ids start again (a restored or a second database).
    key_hash = hashlib.sha256(notification.key.encode()).hexdigest()[:16]
    domain = urlsplit(settings.SITE_URL).hostname or "localhost"
    return f"<notification-{notification.pk}.{key_hash}@{domain}>"


def build_email(notification: Notification) -> EmailMultiAlternatives:
    """The message for one outbox row: subject, plain text and HTML, the unsubscribe headers and its Message-ID."""
    event = notification.event
    recipient = notification.recipient
    # Someone without an account gets one transactional email (an invitation) that nothing follows: there
    # is no list to leave, no account to hold their choice, and an unsubscribe link would have to record
    # an address they never gave us. So no unsubscribe link or List-Unsubscribe header; the email says why
    # it came and that nothing more will come unless they sign up.
    link = unsubscribe_url(recipient, event.kind) if recipient is not None else ""
    context = {
        **event.context,
        "recipient_name": recipient.public_name if recipient is not None else "",
        "why_sent": event.reason,
        "unsubscribe_url": link,
        "site_url": settings.SITE_URL,
        "site_name": settings.SITE_NAME,
        "preferences_url": absolute_reverse("accounts:profile") if recipient is not None else "",
    }
    if event.kind == "notifications.digest":
        context["items"] = _digest_items(notification)
    subject = " ".join(render_to_string(f"{event.template}_subject.txt", context).split())
    message = EmailMultiAlternatives(
        subject=subject,
        # Every email says why it was sent and how to stop it: the footer is added here, once for all.
        body=render_to_string(f"{event.template}.txt", context).rstrip()
        + "\n"
        + render_to_string("notifications/emails/_footer.txt", context),
        to=[notification.to_address],
        headers={"X-Localism-Notification": notification.key, "Message-ID": _message_id(notification)},
    )
    if link:
        message.extra_headers |= {
            "List-Unsubscribe": f"<{link}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        }
    message.attach_alternative(render_to_string(f"{event.template}.html", context), "text/html")
    return message


def _retry_delay(attempts: int) -> timedelta:
    return timedelta(seconds=min(3600, 30 * 2 ** max(0, attempts - 1)))


def _record_failure(claim_token: uuid.UUID, notification_id: int, error: str) -> None:
    with transaction.atomic():
        row = (
            Notification.objects.select_for_update()
            .filter(pk=notification_id, claim_token=claim_token, status=Notification.Status.SENDING)
            .first()
        )
        if row is None:  # another worker has taken the row over: its outcome is that worker's to record
            return
        row.attempts += 1
        row.last_error = error[:2000]
        if row.attempts >= settings.OUTBOX_MAX_ATTEMPTS:
            row.status = Notification.Status.FAILED
        else:
            row.status = Notification.Status.QUEUED
            row.next_attempt_at = timezone.now() + _retry_delay(row.attempts)
        row.claimed_at = None
        row.save(update_fields=["attempts", "last_error", "status", "next_attempt_at", "claimed_at"])


def _record_outcome(claim_token: uuid.UUID, notification_id: int, status: str, reason: str) -> None:
    """A row that will not go (failed for good, or skipped), recorded only under this claim."""
    Notification.objects.filter(
        pk=notification_id, claim_token=claim_token, status=Notification.Status.SENDING
    ).update(status=status, last_error=reason[:2000], claimed_at=None, attempts=models.F("attempts") + 1)


def _send_claimed(claim_token: uuid.UUID, ids: list[int]) -> int:
    """Send the rows of one claim, each only while the claim still holds it; stop once its lease has lapsed."""
    sent = 0
    rows = list(
        Notification.objects.filter(id__in=ids)
        .select_related("event", "recipient", "recipient__mobile_number")
        .order_by("id")
    )
    opted_out = set(
        EmailOptOut.objects.filter(user_id__in=[r.recipient_id for r in rows]).values_list("user_id", "kind")
    )
    # Renewed well before it lapses, so that a slow but live worker is never overtaken: only the rows
    # of a worker that died (or froze) are taken over.
    renew_every = settings.OUTBOX_LEASE_SECONDS / 3
    renewed = time.monotonic()
    channel = delivery.open_channel()
    try:
        for index, row in enumerate(rows):
            if time.monotonic() - renewed >= renew_every:
                if not _lease_renew(claim_token, ids):
                    _log_lapsed_lease(len(rows) - index)
                    break
                renewed = time.monotonic()
            held = Notification.objects.filter(pk=row.pk).held_by(claim_token)
            if (row.recipient_id, row.event.kind) in opted_out:
                held.update(status=Notification.Status.SKIPPED, claimed_at=None)
                continue
            if not _lease_confirm(claim_token, row.pk):
                rest = [later.pk for later in rows[index + 1 :]]
                if rest and not _lease_renew(claim_token, rest):
                    _log_lapsed_lease(len(rows) - index)
                    break
                renewed = time.monotonic()
                continue  # this row alone left the claim (its recipient was deleted, say)
            try:
                channel.send(row)
            except delivery.TemporaryDeliveryError as exc:
                logger.warning("Sending %s failed: %s", row.key, exc)
                _record_failure(claim_token, row.pk, str(exc))
                channel.recover()
                continue
            except delivery.PermanentDeliveryError as exc:
                logger.warning("Sending %s failed for good: %s", row.key, exc)
                _record_outcome(claim_token, row.pk, Notification.Status.FAILED, str(exc))
                continue
            except delivery.NoRecipientError as exc:
                _record_outcome(claim_token, row.pk, Notification.Status.SKIPPED, str(exc))
                continue
            # Each row is marked sent in its own commit, straight after the server accepted it, and
            # only under this claim: a worker that lost the row records nothing over its new owner.
            if Notification.objects.filter(
                pk=row.pk, claim_token=claim_token, status=Notification.Status.SENDING
            ).update(status=Notification.Status.SENT, sent_at=timezone.now(), claimed_at=None):
                sent += 1
            else:
                logger.warning(
                    "%s was taken over while its message was being sent; the recipient may get it twice, "
                    "with the same Message-ID",
                    row.key,
                )
    finally:
        channel.close()
    return sent


def _log_lapsed_lease(unsent: int) -> None:
    logger.warning(
        "The outbox lease lapsed with %d row(s) of the batch not sent; they are left to be claimed again", unsent
    )


def outbox_deliver(*, batch_size: int | None = None, max_batches: int | None = None) -> int:
    """Send every due outbox row, a batch at a time; safe to run in several workers at once."""
    batch_size = batch_size or settings.OUTBOX_BATCH_SIZE
    total, batches = 0, 0
    while max_batches is None or batches < max_batches:
        claim_token, ids = _claim(batch_size)
        if not ids:
            break
        try:
            total += _send_claimed(claim_token, ids)
        except (smtplib.SMTPException, OSError) as exc:
            # The mail server is unreachable: give back what this claim still holds, to be tried later.
            Notification.objects.filter(
                id__in=ids, claim_token=claim_token, status=Notification.Status.SENDING
            ).update(
                status=Notification.Status.QUEUED,
                claimed_at=None,
                next_attempt_at=timezone.now() + _retry_delay(1),
                last_error=f"{type(exc).__name__}: {exc}"[:2000],
            )
            raise
        batches += 1
    return total


@transaction.atomic
def notifications_retry(*, notification_ids: list[int], by) -> int:
    """Staff put failed emails back in the queue."""
    count = Notification.objects.filter(id__in=notification_ids, status=Notification.Status.FAILED).update(
        status=Notification.Status.QUEUED, attempts=0, next_attempt_at=timezone.now(), claimed_at=None
    )
    audit_record(action="notifications.notification.retried", actor=by, data={"count": count})
    transaction.on_commit(functools.partial(queue_delivery, count))
    return count


# --- digests --------------------------------------------------------------------------


def _digest_items(digest: Notification) -> list[dict]:
    return [
        {"kind": row.event.kind, "reason": row.event.reason, **row.event.context}
        for row in digest.digested.select_related("event").order_by("created_at")
    ]


def digests_build(*, frequency: str, now=None) -> int:
    """Gather each person's waiting notifications of this frequency into one digest email."""
    now = now or timezone.now()
    period = now.strftime("%Y-%m-%d") if frequency == "daily" else now.strftime("%G-W%V")
    recipients = (
        Notification.objects.filter(status=Notification.Status.WAITING_FOR_DIGEST, delivery=frequency)
        .values_list("recipient_id", flat=True)
        .distinct()
    )
    built = 0
    for recipient_id in recipients.iterator():
        with transaction.atomic():
            waiting = list(
                Notification.objects.select_for_update(skip_locked=True)
                .filter(
                    recipient_id=recipient_id,
                    status=Notification.Status.WAITING_FOR_DIGEST,
                    delivery=frequency,
                )
                .values_list("id", flat=True)
            )
            if not waiting:
                continue
            event, _ = NotificationEvent.objects.get_or_create(
                key=f"notifications.digest:{frequency}:{period}:{recipient_id}",
                defaults={
                    "kind": "notifications.digest",
                    "template": "notifications/emails/digest",
                    "context": {"frequency": frequency},
                    "reason": f"You asked for a {frequency} digest of what you follow.",
                    "is_transactional": True,
                },
            )
            digest, _ = Notification.objects.get_or_create(
                key=f"{event.key}:{recipient_id}", defaults={"event": event, "recipient_id": recipient_id}
            )
            Notification.objects.filter(id__in=waiting).update(
                status=Notification.Status.IN_DIGEST, digest=digest, sent_at=now
            )
            built += 1
    if built:
        transaction.on_commit(functools.partial(queue_delivery, built))
    return built


# --- announcements -------------------------------------------------------------------


@transaction.atomic
def announcement_send(*, announcement, by) -> int:
    """Email an announcement to everyone following its places or topics; sending twice sends nothing more."""
    from notifications.models import Announcement
    from notifications.selectors import followers_of

    announcement = Announcement.objects.select_for_update().get(pk=announcement.pk)
    if announcement.sent_at is not None:
        return 0
    targets = [*announcement.places.all(), *announcement.topics.all()]
    followed = ", ".join(str(t) for t in targets[:5]) + (" and more" if len(targets) > 5 else "")
    count = email(
        "notifications.announcement",
        key=f"notifications.announcement:{announcement.pk}",
        to=Audience(followers_of(*targets), f"you follow {followed} on the portal"),
        template="notifications/emails/announcement",
        context={
            "title": announcement.title,
            "body": announcement.body,
            "url": announcement.link or absolute_url("/"),
        },
    )
    announcement.sent_at = timezone.now()
    announcement.sent_by = by
    announcement.recipient_count = count
    announcement.save(update_fields=["sent_at", "sent_by", "recipient_count"])
    audit_record(action="notifications.announcement.sent", actor=by, target=announcement, data={"recipients": count})
    return count


# --- text alerts -----------------------------------------------------------------------

MOBILE_CODE_RESEND_SECONDS = 60


def text_alerts_available() -> bool:
    """Texts go only through GOV.UK Notify: without it, nobody is offered text alerts."""
    return bool(settings.NOTIFY_API_KEY and settings.NOTIFY_SMS_TEMPLATE_ID)


class MobileCodeError(ValueError):
    """A code that does not verify the number, with what to tell the person."""


@transaction.atomic
def mobile_number_set(*, user, number: str) -> MobileNumber:
    """Add or change the number for text alerts and text it a code; a changed number is not verified any more."""
    mobile = MobileNumber.objects.select_for_update().filter(user=user).first()
    if mobile is not None and mobile.number == number and mobile.is_verified:
        return mobile
    if mobile is None:
        mobile = MobileNumber(user=user, number=number)
    elif mobile.number != number:
        mobile.number = number
        mobile.verified_at = None
    _mobile_code_send(mobile)
    return mobile


@transaction.atomic
def mobile_code_resend(*, user) -> bool:
    """Text a new code to the number waiting to be verified, at most once a minute; True if one was queued."""
    mobile = MobileNumber.objects.select_for_update().filter(user=user).first()
    if mobile is None or mobile.is_verified:
        return False
    if mobile.code_sent_at and timezone.now() < mobile.code_sent_at + timedelta(seconds=MOBILE_CODE_RESEND_SECONDS):
        return False
    _mobile_code_send(mobile)
    return True


def mobile_number_verify(*, user, code: str) -> MobileNumber:
    """Turn text alerts on with the code texted to the number; MobileCodeError (nothing verified) if wrong."""
    with transaction.atomic():
        mobile = MobileNumber.objects.select_for_update().filter(user=user).first()
        if mobile is None:
            problem = "Add your mobile number first"
        elif mobile.is_verified:
            return mobile
        elif mobile.wrong_codes >= MobileNumber.MAX_WRONG_CODES:
            problem = "You have entered a wrong code too many times. Send a new code"
        elif not mobile.code_is_live():
            problem = "The code has expired. Send a new code"
        elif not code_matches(mobile, code):
            # The one change a wrong code makes: it counts towards the guesses this code allows.
            MobileNumber.objects.filter(pk=mobile.pk).update(wrong_codes=models.F("wrong_codes") + 1)
            problem = "The code is not correct. Check the text message and try again"
        else:
            mobile.verified_at = timezone.now()
            mobile.code_hash = ""
            mobile.save(update_fields=["verified_at", "code_hash"])
            return mobile
    raise MobileCodeError(problem)


@transaction.atomic
def mobile_number_remove(*, user) -> None:
    """Stop text alerts: the number is forgotten, and texts still queued for it are not sent."""
    MobileNumber.objects.filter(user=user).delete()


def _mobile_code_send(mobile: MobileNumber) -> None:
    code = new_code()
    mobile.code_hash = code_hash(mobile, code)
    mobile.code_sent_at = timezone.now()
    mobile.wrong_codes = 0
    mobile.save()
    # The text is an outbox row like any other: retried, never sent twice, and lost by no crash.
    event = NotificationEvent.objects.create(
        key=f"{delivery.MOBILE_CODE_KIND}:{mobile.user_id}:{uuid.uuid4()}",
        kind=delivery.MOBILE_CODE_KIND,
        template="",
        context={"sealed_code": sealed_code(code)},
        reason="You asked for text alerts.",
        is_transactional=True,
    )
    Notification.objects.create(
        key=f"{event.key}:sms", event=event, recipient_id=mobile.user_id, channel=Notification.Channel.SMS
    )
    transaction.on_commit(functools.partial(queue_delivery, 1))
