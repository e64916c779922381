"""Every write to a discussion: comments, replies, agreements, reports and moderation."""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, models, transaction
from django.db.models import F
from django.utils import timezone

from accounts.rules import is_staff_for
from discussions import emails
from discussions.models import Agreement, Comment, ModerationDecision, Report
from discussions.registry import DiscussionPolicy
from discussions.rules import councillor_for
from discussions.text import normalise_comment_text
from localism.audit import audit_record


class DiscussionError(Exception):
    """A rule of the discussion refused the change; the message is for the person."""


def _counts_as_reply(comment: Comment) -> bool:
    return comment.parent_id is not None and comment.status == Comment.Status.PUBLISHED


def _adjust_reply_count(comment: Comment, delta: int) -> None:
    if comment.parent_id is not None:
        Comment.objects.filter(pk=comment.parent_id).update(reply_count=F("reply_count") + delta)


def official_name(author, target) -> str:
    """How an official reply is signed: a councillor by name and council, staff by their council."""
    if not is_staff_for(author, target):
        councillor = councillor_for(author, target)
        if councillor is not None:
            return f"Councillor {councillor.name}, {councillor.council.name}"
    return author.council.name if getattr(author, "council_id", None) else settings.COUNCIL_NAME


@transaction.atomic
def comment_create(
    *,
    target: models.Model,
    author,
    text: str,
    policy: DiscussionPolicy,
    parent: Comment | None = None,
    as_official: bool = False,
) -> Comment:
    """Post a comment or a reply; waits for a moderator when the thread is pre-moderated (staff never wait)."""
    text = normalise_comment_text(text)
    if not text:
        raise DiscussionError("Enter your comment.")
    if not policy.is_open:
        raise DiscussionError(policy.closed_message)
    content_type = ContentType.objects.get_for_model(target)
    if parent is not None:
        # One level of replies: answering a reply joins the same conversation under its top-level comment.
        if parent.parent_id is not None:
            parent = parent.parent
        if (parent.content_type_id, parent.object_id) != (content_type.pk, target.pk):
            raise DiscussionError("That comment belongs to another discussion.")
        if not parent.is_published:
            raise DiscussionError("You can only reply to a published comment.")
    is_official = as_official and author.has_perm("discussions.reply_officially", target)
    official_as = official_name(author, target) if is_official else ""
    skips_premoderation = author.has_perm("discussions.bypass_premoderation", target)
    comment = Comment.objects.create(
        content_type=content_type,
        object_id=target.pk,
        parent=parent,
        author=author,
        text=text,
        is_official=bool(is_official),
        official_as=official_as,
        status=(
            Comment.Status.AWAITING_MODERATION
            if policy.is_premoderated and not skips_premoderation
            else Comment.Status.PUBLISHED
        ),
    )
    if comment.status == Comment.Status.AWAITING_MODERATION:
        emails.comment_awaiting_moderation(comment=comment, target=target)
    if _counts_as_reply(comment):
        _adjust_reply_count(comment, +1)
        emails.reply_to_your_comment(comment=comment, target=target)
    if comment.is_official:
        audit_record(action="discussions.comment.official_reply", actor=author, target=comment)
    return comment


@transaction.atomic
def comment_edit(*, comment: Comment, by, text: str) -> Comment:
    """Change the text of your own comment (within the edit window, checked by the caller's permission)."""
    text = normalise_comment_text(text)
    if not text:
        raise DiscussionError("Enter your comment.")
    comment.text = text
    comment.edited_at = timezone.now()
    comment.save(update_fields=["text", "edited_at"])
    return comment


@transaction.atomic
def comment_delete(*, comment: Comment, by) -> Comment:
    """Delete your own comment: the text goes; a notice stays only if others replied to it."""
    comment = Comment.objects.select_for_update().get(pk=comment.pk)
    if _counts_as_reply(comment):
        _adjust_reply_count(comment, -1)
    comment.status = Comment.Status.DELETED
    comment.text = ""
    comment.save(update_fields=["status", "text"])
    return comment


def comment_agree(*, comment: Comment, user) -> bool:
    """Agree with a comment once; True when this was a new agreement."""
    try:
        with transaction.atomic():
            Agreement.objects.create(comment=comment, user=user)
            Comment.objects.filter(pk=comment.pk).update(agreement_count=F("agreement_count") + 1)
    except IntegrityError:
        return False
    return True


@transaction.atomic
def comment_withdraw_agreement(*, comment: Comment, user) -> bool:
    """Take back an agreement; True when there was one."""
    deleted, _ = Agreement.objects.filter(comment=comment, user=user).delete()
    if deleted:
        Comment.objects.filter(pk=comment.pk, agreement_count__gt=0).update(agreement_count=F("agreement_count") - 1)
    return bool(deleted)


def comment_report(*, comment: Comment, reporter, reason: str, details: str = "") -> Report | None:
    """Tell the moderators about a comment; a second report by the same person changes nothing."""
    try:
        with transaction.atomic():
            report = Report.objects.create(
                comment=comment, reporter=reporter, reason=reason, details=normalise_comment_text(details)[:500]
            )
            Comment.objects.filter(pk=comment.pk).update(report_count=F("report_count") + 1)
            emails.comment_reported(report=report)
    except IntegrityError:
        return None
    return report


def _decide(comment: Comment, moderator, action: str, reason: str = "") -> None:
    ModerationDecision.objects.create(
        comment=comment,
        content_type_id=comment.content_type_id,
        object_id=comment.object_id,
        moderator=moderator,
        action=action,
        reason=reason,
    )
    Report.objects.filter(comment=comment, resolved_at=None).update(resolved_at=timezone.now())
    audit_record(
        action=f"discussions.comment.{action.replace('-', '_')}",
        actor=moderator,
        target=comment,
        data={"reason": reason} if reason else {},
    )


@transaction.atomic
def comment_publish(*, comment: Comment, moderator) -> Comment:
    """Publish a comment waiting for moderation, or restore a hidden one after review."""
    comment = Comment.objects.select_for_update().get(pk=comment.pk)
    if comment.status not in (Comment.Status.AWAITING_MODERATION, Comment.Status.HIDDEN):
        return comment
    was = comment.status
    comment.status = Comment.Status.PUBLISHED
    comment.hidden_reason = ""
    comment.save(update_fields=["status", "hidden_reason"])
    if comment.parent_id:
        _adjust_reply_count(comment, +1)
    _decide(comment, moderator, ModerationDecision.Action.PUBLISHED)
    emails.moderation_decision(comment=comment, was=was)
    if was == Comment.Status.AWAITING_MODERATION and comment.parent_id:
        emails.reply_to_your_comment(comment=comment, target=None)
    return comment


@transaction.atomic
def comment_hide(*, comment: Comment, moderator, reason: str) -> Comment:
    """Hide a comment with a reason people see ("hidden by a moderator: reason"); its author is told."""
    if reason not in Comment.HideReason.values:
        raise DiscussionError("Choose a reason from the house rules.")
    comment = Comment.objects.select_for_update().get(pk=comment.pk)
    if comment.status == Comment.Status.DELETED:
        return comment
    if _counts_as_reply(comment):
        _adjust_reply_count(comment, -1)
    comment.status = Comment.Status.HIDDEN
    comment.hidden_reason = reason
    comment.save(update_fields=["status", "hidden_reason"])
    _decide(comment, moderator, ModerationDecision.Action.HIDDEN, reason)
    emails.moderation_decision(comment=comment, was=None)
    return comment


@transaction.atomic
def comment_dismiss_reports(*, comment: Comment, moderator) -> Comment:
    """Keep a reported comment as it is and close its reports."""
    _decide(comment, moderator, ModerationDecision.Action.REPORTS_DISMISSED)
    return comment


@transaction.atomic
def comment_request_review(*, comment: Comment, by) -> Comment:
    """The author of a hidden comment asks the moderators to look again (once)."""
    comment = Comment.objects.select_for_update().get(pk=comment.pk)
    if comment.review_requested_at is not None:
        raise DiscussionError("You have already asked for a review of this comment.")
    comment.review_requested_at = timezone.now()
    comment.save(update_fields=["review_requested_at"])
    ModerationDecision.objects.create(
        comment=comment,
        content_type_id=comment.content_type_id,
        object_id=comment.object_id,
        moderator=None,
        action=ModerationDecision.Action.REVIEW_REQUESTED,
    )
    emails.review_requested(comment=comment)
    return comment
