"""The emails a discussion sends, each through the notifications outbox inside the change's transaction."""

from __future__ import annotations

from django.contrib.auth import get_user_model

from accounts.permissions import staff_members
from discussions.models import Comment, Report
from localism.links import absolute_reverse, absolute_url
from notifications.services import Audience, email


def _author_of(comment: Comment, because: str) -> Audience:
    return Audience(get_user_model().objects.filter(pk=comment.author_id, is_active=True), because, transactional=True)


def _moderators(*, transactional: bool = True) -> Audience:
    return Audience(staff_members(), "you are a moderator of the community portal", transactional=transactional)


def _admin_url(comment: Comment) -> str:
    return absolute_reverse("admin:discussions_comment_change", comment.pk)


def _target_of(comment: Comment):
    return comment.content_type.get_object_for_this_type(pk=comment.object_id)


def _to_moderators_about(comment: Comment, kind: str, key: str, **context) -> None:
    """An email to the moderators about one comment: the thread it is in, and the comment in the admin."""
    email(
        kind,
        key=key,
        to=_moderators(),
        context={"thread_title": str(_target_of(comment)), "url": _admin_url(comment), **context},
    )


def reply_to_your_comment(*, comment: Comment, target=None) -> None:
    """Tell the author of a comment that someone (or the council) replied to it."""
    parent = comment.parent
    if parent is None or parent.author_id is None or parent.author_id == comment.author_id:
        return
    target = target or _target_of(comment)
    email(
        "discussions.official_reply" if comment.is_official else "discussions.reply",
        key=f"discussions.reply:{comment.pk}",
        to=_author_of(parent, "someone replied to your comment"),
        template="discussions/emails/reply",
        context={
            "thread_title": str(target),
            "is_official": comment.is_official,
            "replier": comment.author_name,
            "reply_text": comment.text,
            "url": absolute_url(parent.get_absolute_url()),
        },
    )


def moderation_decision(*, comment: Comment, was: str | None) -> None:
    """Tell the author that a moderator published or hid their comment."""
    if comment.author_id is None:
        return
    target = _target_of(comment)
    email(
        "discussions.moderation_decision",
        key=f"discussions.moderation:{comment.pk}:{comment.decisions.count()}",
        to=_author_of(comment, "a moderator made a decision about your comment"),
        context={
            "thread_title": str(target),
            "is_hidden": comment.is_hidden,
            "was_waiting": was == Comment.Status.AWAITING_MODERATION,
            "hidden_because": comment.hidden_because if comment.is_hidden else "",
            "can_ask_for_review": comment.is_hidden and comment.review_requested_at is None,
            "comment_text": comment.text,
            "url": absolute_url(comment.get_absolute_url()),
            "house_rules_url": absolute_url("/info/house-rules/"),
        },
    )


def comment_reported(*, report: Report) -> None:
    """Tell the moderators that someone reported a comment."""
    _to_moderators_about(
        report.comment,
        "discussions.comment_reported",
        f"discussions.reported:{report.pk}",
        report_reason=report.get_reason_display(),
        details=report.details,
    )


def review_requested(*, comment: Comment) -> None:
    """Tell the moderators that the author of a hidden comment asked for a review."""
    _to_moderators_about(
        comment,
        "discussions.review_requested",
        f"discussions.review:{comment.pk}",
        hidden_because=comment.hidden_because,
    )


def comment_awaiting_moderation(*, comment: Comment, target) -> None:
    """Tell moderators a comment is waiting (not transactional: it follows their digest frequency)."""
    email(
        "discussions.awaiting_moderation",
        key=f"discussions.awaiting:{comment.pk}",
        to=_moderators(transactional=False),
        context={
            "thread_title": str(target),
            "url": absolute_reverse("admin:discussions_comment_changelist") + "?queue=awaiting",
        },
    )
