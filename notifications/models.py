"""Who follows what, and the outbox: one row per email to send.

An event (a new consultation, a decision on a listing, ...) writes one
NotificationEvent and, in the same transaction, one Notification per recipient
with a unique key. Workers claim rows with SELECT ... FOR UPDATE SKIP LOCKED
under a claim token and a lease they renew while they work, confirm each row is
still theirs just before sending it, and mark each sent in its own commit, so a
task that runs twice sends once and a worker killed mid-batch leaves its rows to
be claimed again once its lease has lapsed.
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models.functions import Now
from django.utils import timezone

from accounts.fields import person_link


class Subscription(models.Model):
    """A person follows a place, a topic, a consultation, an organisation, ..."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="subscriptions")
    target_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    target_id = models.CharField(max_length=64)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["user", "target_type", "target_id"], name="subscription_unique"),
        ]
        indexes = [models.Index(fields=["target_type", "target_id"], name="subscription_target")]

    def __str__(self) -> str:
        return f"{self.user_id} follows {self.target_type_id}:{self.target_id}"


class NotificationEvent(models.Model):
    """Something that happened and is worth an email: what to render, and why."""

    key = models.CharField(max_length=200, unique=True)
    kind = models.CharField(max_length=80, db_index=True)
    template = models.CharField(max_length=200)
    context = models.JSONField(default=dict)
    reason = models.CharField(max_length=300)
    is_transactional = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.key


def _lease_start():
    """The oldest claim (or renewal) still within its lease, on the database's clock, which every worker shares."""
    return Now() - timedelta(seconds=settings.OUTBOX_LEASE_SECONDS)


class NotificationQuerySet(models.QuerySet):
    def due(self) -> NotificationQuerySet:
        """Rows a worker may claim: queued and due, or claimed by a worker whose lease ran out."""
        return self.filter(
            models.Q(status=Notification.Status.QUEUED, next_attempt_at__lte=Now())
            | models.Q(status=Notification.Status.SENDING, claimed_at__lt=_lease_start())
        )

    def held_by(self, claim_token) -> NotificationQuerySet:
        """Rows still being sent under this claim, whose lease has not lapsed."""
        return self.filter(status=Notification.Status.SENDING, claim_token=claim_token, claimed_at__gte=_lease_start())


class Notification(models.Model):
    """One email, or one text message, to one person (an outbox row)."""

    class Status(models.TextChoices):
        QUEUED = "queued", "Queued"
        SENDING = "sending", "Being sent"
        SENT = "sent", "Sent"
        FAILED = "failed", "Failed"
        WAITING_FOR_DIGEST = "waiting", "Waiting for the digest"
        IN_DIGEST = "digested", "Sent in a digest"
        SKIPPED = "skipped", "Not sent (unsubscribed)"

    class Delivery(models.TextChoices):
        INSTANT = "instant", "As it happens"
        DAILY = "daily", "Daily digest"
        WEEKLY = "weekly", "Weekly digest"

    class Channel(models.TextChoices):
        EMAIL = "email", "Email"
        SMS = "sms", "Text message"

    key = models.CharField(max_length=255, unique=True)
    event = models.ForeignKey(NotificationEvent, on_delete=models.CASCADE, related_name="notifications")
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE, related_name="notifications"
    )
    # Someone who has no account yet (an invitation to join a group): the one address the email goes to.
    to_email = models.EmailField(blank=True, help_text="The address of someone without an account.")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    delivery = models.CharField(max_length=10, choices=Delivery.choices, default=Delivery.INSTANT)
    # A text goes to the recipient's verified mobile number as it is when the text is sent.
    channel = models.CharField(max_length=5, choices=Channel.choices, default=Channel.EMAIL)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    next_attempt_at = models.DateTimeField(default=timezone.now)
    claimed_at = models.DateTimeField(null=True, blank=True, help_text="When the lease was last taken or renewed.")
    claim_token = models.UUIDField(
        null=True,
        blank=True,
        editable=False,
        help_text="The claim of the worker sending it, or of the last one that did.",
    )
    sent_at = models.DateTimeField(null=True, blank=True)
    digest = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="digested",
        help_text="The digest email this notification went out in.",
    )

    objects = NotificationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(recipient__isnull=False, to_email="")
                | (models.Q(recipient__isnull=True) & ~models.Q(to_email="")),
                name="notification_one_recipient",
                violation_error_message="An email goes either to an account or to an address, not both.",
            ),
            models.CheckConstraint(
                condition=models.Q(channel="email") | models.Q(recipient__isnull=False, delivery="instant"),
                name="notification_text_to_an_account",
                violation_error_message="A text message goes to an account's verified number, as it happens.",
            ),
        ]
        indexes = [
            models.Index(
                fields=["next_attempt_at"],
                condition=models.Q(status__in=["queued", "sending"]),
                name="notification_due",
            ),
            models.Index(
                fields=["delivery", "recipient"],
                condition=models.Q(status="waiting"),
                name="notification_digest_waiting",
            ),
        ]

    def __str__(self) -> str:
        return self.key

    @property
    def to_address(self) -> str:
        """Where the email goes: the account's address, or the address of someone without one."""
        return self.recipient.email if self.recipient_id else self.to_email


class MobileNumber(models.Model):
    """A resident's mobile number for text alerts: texted only once a code sent to it has been entered."""

    CODE_LIFETIME = timedelta(minutes=10)
    MAX_WRONG_CODES = 5

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="mobile_number")
    number = models.CharField(max_length=20, help_text="In international form, like +447700900123.")
    verified_at = models.DateTimeField(null=True, blank=True)
    # Only a keyed hash of the latest code is kept; the code itself travels sealed in its outbox row.
    code_hash = models.CharField(max_length=64, blank=True)
    code_sent_at = models.DateTimeField(null=True, blank=True)
    wrong_codes = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"{self.user_id}: {self.national_number}"

    @property
    def is_verified(self) -> bool:
        return self.verified_at is not None

    @property
    def national_number(self) -> str:
        """The number as people in the UK write it (07700 900123)."""
        import phonenumbers

        return phonenumbers.format_number(phonenumbers.parse(self.number), phonenumbers.PhoneNumberFormat.NATIONAL)

    def code_is_live(self, now=None) -> bool:
        """A code was sent, has not expired and has not been guessed at too often."""
        now = now or timezone.now()
        return bool(
            self.code_hash
            and self.code_sent_at
            and now < self.code_sent_at + self.CODE_LIFETIME
            and self.wrong_codes < self.MAX_WRONG_CODES
        )


class EmailOptOut(models.Model):
    """A person has unsubscribed from one kind of email."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="email_opt_outs")
    kind = models.CharField(max_length=80)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "kind"], name="email_opt_out_unique")]

    def __str__(self) -> str:
        return f"{self.user_id} unsubscribed from {self.kind}"


class Announcement(models.Model):
    """News from the council for the followers of some places and topics."""

    title = models.CharField(max_length=150)
    body = models.TextField(max_length=5000, help_text="Plain text. Line breaks are kept.")
    link = models.URLField(blank=True, help_text="A page on the portal or elsewhere with more.")
    places = models.ManyToManyField("localism.Place", blank=True, related_name="announcements")
    topics = models.ManyToManyField("localism.Topic", blank=True, related_name="announcements")
    created_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True, editable=False)
    sent_by = person_link(editable=False)
    recipient_count = models.PositiveIntegerField(default=0, editable=False)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.title
