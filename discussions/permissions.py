"""Who may do what in a discussion: the owner's policy (visible, open, moderation) combined with the person."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils import timezone

from accounts.permissions import has_verified_email, is_staff_member
from discussions.models import Comment
from discussions.registry import DiscussionPolicy, policy_for


def thread_policy_or_404(user, target) -> DiscussionPolicy:
    """The owner's policy for this thread; 404 when the person may not see the thing it belongs to."""
    policy = policy_for(target, user)
    if not policy.is_visible:
        raise Http404("There is no discussion here.")
    return policy


def can_comment(user, policy: DiscussionPolicy) -> bool:
    return policy.is_open and has_verified_email(user)


def can_reply_officially(user) -> bool:
    return is_staff_member(user)


def can_moderate_comments(user) -> bool:
    """Staff who may change comments publish, keep and hide them (in the admin, with two-factor authentication)."""
    return is_staff_member(user) and user.has_perm("discussions.change_comment")


def can_see_comment(user, comment: Comment) -> bool:
    """Anyone sees published comments and moderators' notices; only the author and staff see one awaiting."""
    if comment.status == Comment.Status.AWAITING_MODERATION:
        return user.is_authenticated and (comment.author_id == user.pk or is_staff_member(user))
    return True


def can_edit_comment(user, comment: Comment, policy: DiscussionPolicy, now=None) -> bool:
    return (
        user.is_authenticated
        and comment.author_id == user.pk
        and policy.is_open
        and comment.status in (Comment.Status.PUBLISHED, Comment.Status.AWAITING_MODERATION)
        and comment.is_editable_at(now or timezone.now())
    )


def can_delete_comment(user, comment: Comment) -> bool:
    return (
        user.is_authenticated
        and comment.author_id == user.pk
        and comment.status in (Comment.Status.PUBLISHED, Comment.Status.AWAITING_MODERATION)
    )


def can_agree(user, comment: Comment, policy: DiscussionPolicy) -> bool:
    return policy.is_open and comment.is_published and has_verified_email(user) and comment.author_id != user.pk


def can_report(user, comment: Comment) -> bool:
    return comment.is_published and has_verified_email(user) and comment.author_id != user.pk


def can_request_review(user, comment: Comment) -> bool:
    return (
        user.is_authenticated
        and comment.author_id == user.pk
        and comment.is_hidden
        and comment.review_requested_at is None
    )


def require(allowed: bool, message: str = "You cannot do that.") -> None:
    if not allowed:
        raise PermissionDenied(message)
