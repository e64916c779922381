"""Comments on anything that registers a discussion: replies, agreements, reports and moderation."""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils import timezone

from accounts.fields import person_link
from localism.fields import status_is

COMMENT_MAX_LENGTH = 2000
EDIT_WINDOW_MINUTES = 15


class CommentQuerySet(models.QuerySet):
    def on(self, target: models.Model) -> CommentQuerySet:
        return self.filter(content_type=ContentType.objects.get_for_model(target), object_id=target.pk)

    def top_level(self) -> CommentQuerySet:
        return self.filter(parent__isnull=True)

    def published(self) -> CommentQuerySet:
        return self.filter(status=Comment.Status.PUBLISHED)

    def in_thread(self) -> CommentQuerySet:
        """What a thread shows everyone: published, hidden (as a notice) and deleted comments that have replies."""
        return self.filter(
            Q(status__in=[Comment.Status.PUBLISHED, Comment.Status.HIDDEN])
            | Q(status=Comment.Status.DELETED, reply_count__gt=0)
        )

    def awaiting_moderation(self) -> CommentQuerySet:
        return self.filter(status=Comment.Status.AWAITING_MODERATION)


class Comment(models.Model):
    """A comment, or a reply to one (one level: a reply's parent is always a top-level comment)."""

    class Status(models.TextChoices):
        AWAITING_MODERATION = "awaiting", "Awaiting moderation"
        PUBLISHED = "published", "Published"
        HIDDEN = "hidden", "Hidden by a moderator"
        DELETED = "deleted", "Deleted by its author"

    class HideReason(models.TextChoices):
        OFF_TOPIC = "off-topic", "off topic"
        ABUSIVE = "abusive", "abusive or offensive"
        PERSONAL_INFORMATION = "personal-information", "shares personal information"
        SPAM = "spam", "spam or advertising"
        DISCRIMINATORY = "discriminatory", "discriminatory"
        ILLEGAL = "illegal", "may break the law"
        DUPLICATE = "duplicate", "posted more than once"

    # Each reason as it reads after "hidden because" (the labels read after "Hidden by a moderator:").
    HIDDEN_BECAUSE = {
        HideReason.OFF_TOPIC: "it is off topic",
        HideReason.ABUSIVE: "it is abusive or offensive",
        HideReason.PERSONAL_INFORMATION: "it shares personal information",
        HideReason.SPAM: "it is spam or advertising",
        HideReason.DISCRIMINATORY: "it is discriminatory",
        HideReason.ILLEGAL: "it may break the law",
        HideReason.DUPLICATE: "it was posted more than once",
    }

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.CASCADE, related_name="replies")
    author = person_link("comments")
    text = models.TextField(max_length=COMMENT_MAX_LENGTH)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.PUBLISHED)
    is_official = models.BooleanField(
        default=False, help_text="Written by council staff or a councillor as the council's reply; shown as such."
    )
    official_as = models.CharField(
        max_length=250,
        blank=True,
        help_text="Who answered officially, as shown: the council of the staff member, or the councillor and "
        "their council (kept as it was when they answered).",
    )
    hidden_reason = models.CharField(max_length=24, choices=HideReason.choices, blank=True)
    agreement_count = models.PositiveIntegerField(default=0)
    reply_count = models.PositiveIntegerField(default=0)
    report_count = models.PositiveIntegerField(default=0)
    review_requested_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    edited_at = models.DateTimeField(null=True, blank=True)

    objects = CommentQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            # Top-level comments of one thread in either order, read a page at a time (keyset pagination).
            # Partial on "parent IS NULL": PostgreSQL does not treat IS NULL as an equality for index order.
            models.Index(
                fields=["content_type", "object_id", "-created_at", "-id"],
                condition=Q(parent__isnull=True),
                name="comment_top_newest",
            ),
            models.Index(
                fields=["content_type", "object_id", "-agreement_count", "-created_at", "-id"],
                condition=Q(parent__isnull=True),
                name="comment_top_agreed",
            ),
            # Counting a thread's published comments, and finding who took part.
            models.Index(fields=["content_type", "object_id", "status"], name="comment_thread_status"),
            models.Index(fields=["parent", "created_at"], name="comment_replies"),
            models.Index(fields=["status"], condition=Q(status="awaiting"), name="comment_awaiting"),
            models.Index(fields=["report_count"], condition=Q(report_count__gt=0), name="comment_reported"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="hidden") | ~Q(hidden_reason=""), name="comment_hidden_has_reason"
            ),
            models.CheckConstraint(condition=~Q(parent=models.F("id")), name="comment_not_own_parent"),
        ]

    def __str__(self) -> str:
        return f"Comment {self.pk} by {self.author_name}"

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("discussions:comment_detail", kwargs={"pk": self.pk})

    @property
    def author_name(self) -> str:
        if self.is_official:
            return self.official_as or settings.COUNCIL_NAME
        return self.author.public_name if self.author_id and self.author else "Former member"

    is_published = status_is(Status.PUBLISHED)
    is_hidden = status_is(Status.HIDDEN)
    is_awaiting_moderation = status_is(Status.AWAITING_MODERATION)
    is_deleted = status_is(Status.DELETED)

    @property
    def hidden_because(self) -> str:
        """'it is off topic': why a moderator hid it, to follow "because" in a sentence."""
        return self.HIDDEN_BECAUSE.get(self.hidden_reason, "")

    def is_editable_at(self, moment) -> bool:
        return (moment - self.created_at).total_seconds() <= EDIT_WINDOW_MINUTES * 60


class Agreement(models.Model):
    """One person agreeing with one comment (once)."""

    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="agreements")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="comment_agreements")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["comment", "user"], name="agreement_once_per_person")]
        indexes = [models.Index(fields=["user", "comment"], name="agreement_by_user")]

    def __str__(self) -> str:
        return f"{self.user_id} agrees with {self.comment_id}"


class Report(models.Model):
    """Someone telling the moderators that a comment breaks the house rules."""

    class Reason(models.TextChoices):
        ABUSIVE = "abusive", "It is abusive or offensive"
        DISCRIMINATORY = "discriminatory", "It is discriminatory"
        PERSONAL_INFORMATION = "personal-information", "It shares someone's personal information"
        SPAM = "spam", "It is spam or advertising"
        OFF_TOPIC = "off-topic", "It is off topic"
        ILLEGAL = "illegal", "It may break the law"
        OTHER = "other", "Something else"

    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="reports")
    reporter = person_link("comment_reports", blank=False)
    reason = models.CharField(max_length=24, choices=Reason.choices)
    details = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    resolved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [models.UniqueConstraint(fields=["comment", "reporter"], name="report_once_per_person")]

    def __str__(self) -> str:
        return f"Report of comment {self.comment_id}: {self.get_reason_display()}"


class ModerationDecision(models.Model):
    """The history of what moderators did to a comment, and why."""

    class Action(models.TextChoices):
        PUBLISHED = "published", "Published"
        HIDDEN = "hidden", "Hidden"
        REVIEW_REQUESTED = "review-requested", "Review requested by the author"
        REPORTS_DISMISSED = "reports-dismissed", "Reports dismissed, comment kept"

    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="decisions")
    # Kept apart from the comment so the public moderation log can count them without reading comments.
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    moderator = person_link(blank=False)
    action = models.CharField(max_length=20, choices=Action.choices)
    reason = models.CharField(max_length=24, choices=Comment.HideReason.choices, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["content_type", "object_id", "action"], name="decision_target")]

    def __str__(self) -> str:
        return f"{self.get_action_display()} comment {self.comment_id}"
