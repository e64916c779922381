"""The emails a discussion sends, each through the notifications outbox inside the change's transaction."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import get_user_model

from accounts.permissions import staff_members
from discussions.models import Comment, Report


def _notify(**kwargs) -> None:
    from notifications.services import notify

    notify(**kwargs)


def _url(path: str) -> str:
    return settings.SITE_URL + path


def _target_of(comment: Comment):
    return comment.content_type.get_object_for_this_type(pk=comment.object_id)


def reply_to_your_comment(*, comment: Comment, target=None) -> None:
    """Tell the author of a comment that someone (or the council) replied to it."""
    parent = comment.parent
    if parent is None or parent.author_id is None or parent.author_id == comment.author_id:
        return
    target = target or _target_of(comment)
    _notify(
        kind="discussions.official_reply" if comment.is_official else "discussions.reply",
        key=f"discussions.reply:{comment.pk}",
        recipients=get_user_model().objects.filter(pk=parent.author_id, is_active=True),
        template="discussions/emails/reply",
        context={
            "thread_title": str(target),
            "is_official": comment.is_official,
            "replier": comment.author_name,
            "reply_text": comment.text,
            "url": _url(parent.get_absolute_url()),
        },
        reason="You are getting this because someone replied to your comment.",
        transactional=True,
    )


def moderation_decision(*, comment: Comment, was: str | None) -> None:
    """Tell the author that a moderator published or hid their comment."""
    if comment.author_id is None:
        return
    target = _target_of(comment)
    _notify(
        kind="discussions.moderation_decision",
        key=f"discussions.moderation:{comment.pk}:{comment.decisions.count()}",
        recipients=get_user_model().objects.filter(pk=comment.author_id, is_active=True),
        template="discussions/emails/moderation_decision",
        context={
            "thread_title": str(target),
            "is_hidden": comment.is_hidden,
            "was_waiting": was == Comment.Status.AWAITING_MODERATION,
            "hidden_because": comment.hidden_because if comment.is_hidden else "",
            "can_ask_for_review": comment.is_hidden and comment.review_requested_at is None,
            "comment_text": comment.text,
            "url": _url(comment.get_absolute_url()),
            "house_rules_url": _url("/info/house-rules/"),
        },
        reason="You are getting this because a moderator made a decision about your comment.",
        transactional=True,
    )


def _moderators():
    return staff_members()


def comment_reported(*, report: Report) -> None:
    """Tell the moderators that someone reported a comment."""
    comment = report.comment
    _notify(
        kind="discussions.comment_reported",
        key=f"discussions.reported:{report.pk}",
        recipients=_moderators(),
        template="discussions/emails/comment_reported",
        context={
            "thread_title": str(_target_of(comment)),
            "report_reason": report.get_reason_display(),
            "details": report.details,
            "url": _url(f"/{settings.ADMIN_URL}discussions/comment/{comment.pk}/change/"),
        },
        reason="You are getting this because you are a moderator of the community portal.",
        transactional=True,
    )


def review_requested(*, comment: Comment) -> None:
    """Tell the moderators that the author of a hidden comment asked for a review."""
    _notify(
        kind="discussions.review_requested",
        key=f"discussions.review:{comment.pk}",
        recipients=_moderators(),
        template="discussions/emails/review_requested",
        context={
            "thread_title": str(_target_of(comment)),
            "hidden_because": comment.hidden_because,
            "url": _url(f"/{settings.ADMIN_URL}discussions/comment/{comment.pk}/change/"),
        },
        reason="You are getting this because you are a moderator of the community portal.",
        transactional=True,
    )


def comment_awaiting_moderation(*, comment: Comment, target) -> None:
    """Tell moderators a comment is waiting (not transactional: it follows their digest frequency)."""
    _notify(
        kind="discussions.awaiting_moderation",
        key=f"discussions.awaiting:{comment.pk}",
        recipients=_moderators(),
        template="discussions/emails/awaiting_moderation",
        context={
            "thread_title": str(target),
            "url": _url(f"/{settings.ADMIN_URL}discussions/comment/?queue=awaiting"),
        },
        reason="You are getting this because you are a moderator of the community portal.",
        transactional=False,
    )
