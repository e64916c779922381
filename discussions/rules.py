"""Who may do what in a discussion: the owner's policy (visible, open, moderation) combined with the person.

`(user, obj)` predicates registered as `discussions.<action>_<model>`. The thread's permissions
take the object the discussion belongs to (a consultation, a budgeting project); a comment's take
the comment, and read its thread's policy from `comment.thread_policy` when the view that loaded
the thread set it, or look it up.
"""

from __future__ import annotations

import rules
from django.http import Http404
from django.utils import timezone

from accounts.rules import has_model_permission, has_verified_email, is_person_in, is_staff_for, object_is
from discussions.models import Comment
from discussions.registry import DiscussionPolicy, policy_for


def thread_policy(user, target) -> DiscussionPolicy:
    """The owner's policy for this person on this thread, worked out once per object and person."""
    policies = target.__dict__.setdefault("_discussion_policies", {})
    key = user.pk if user.is_authenticated else None
    if key not in policies:
        policies[key] = policy_for(target, user)
    return policies[key]


def thread_policy_or_404(user, target) -> DiscussionPolicy:
    """The owner's policy for this thread; 404 when the person may not see the thing it belongs to."""
    policy = thread_policy(user, target)
    if not policy.is_visible:
        raise Http404("There is no discussion here.")
    return policy


def policy_of_comment(user, comment: Comment) -> DiscussionPolicy:
    policy = getattr(comment, "thread_policy", None)
    if policy is None:
        target = comment.content_type.get_object_for_this_type(pk=comment.object_id)
        policy = thread_policy(user, target)
    return policy


@rules.predicate
def thread_is_visible(user, target) -> bool:
    return thread_policy(user, target).is_visible


@rules.predicate
def thread_is_open(user, target) -> bool:
    return thread_policy(user, target).is_open


@rules.predicate
def comment_thread_is_open(user, comment: Comment) -> bool:
    return policy_of_comment(user, comment).is_open


is_author = is_person_in("author_id")
is_awaiting_moderation = object_is("is_awaiting_moderation")
is_published = object_is("is_published")


@rules.predicate
def is_live(user, comment: Comment) -> bool:
    """Published or waiting for a moderator: its author may still change or delete it."""
    return comment.status in (Comment.Status.PUBLISHED, Comment.Status.AWAITING_MODERATION)


@rules.predicate
def is_in_edit_window(user, comment: Comment) -> bool:
    return comment.is_editable_at(timezone.now())


@rules.predicate
def is_hidden_without_review(user, comment: Comment) -> bool:
    return comment.is_hidden and comment.review_requested_at is None


@rules.predicate
def is_staff_for_thread(user, comment: Comment | None = None) -> bool:
    """Staff who act for the council whose consultation or project the comment is on (see `is_staff_for`)."""
    if comment is None:
        return is_staff_for(user)
    return is_staff_for(user, comment.content_type.get_object_for_this_type(pk=comment.object_id))


def councillor_for(user, target):
    """The person's councillor record when they sit on the council whose consultation or project this is."""
    if not (user.is_authenticated and has_verified_email(user)):
        return None
    from accounts.permissions import council_id_of
    from localism.models import Councillor

    council_id = council_id_of(target)
    if council_id is None:
        return None
    return Councillor.objects.select_related("council").filter(user=user, council_id=council_id).first()


@rules.predicate
def is_councillor_for(user, target) -> bool:
    """A councillor (their account linked to their record) of the council whose thread this is."""
    return councillor_for(user, target) is not None


# Anyone sees published comments and moderators' notices; only the author and the staff who moderate the thread
# (its council's, or the county's team) see one awaiting a moderator.
rules.add_perm("discussions.see_comment", ~is_awaiting_moderation | is_author | is_staff_for_thread)
rules.add_perm("discussions.post_comment", thread_is_visible & thread_is_open & has_verified_email)
# Staff answer as the council (their own council's threads), and their comments skip pre-moderation.
# Councillors linked to their account answer officially too, on their own council's threads (signed with their name).
rules.add_perm("discussions.reply_officially", is_staff_for | is_councillor_for)
rules.add_perm("discussions.bypass_premoderation", is_staff_for)
# Staff who may change comments publish, keep and hide them (in the admin, with two-factor authentication),
# on their own council's consultations and projects (the admin's list is limited by `comments_for_council_staff`).
rules.add_perm(
    "discussions.moderate_comment", is_staff_for_thread & has_model_permission("discussions.change_comment")
)
rules.add_perm("discussions.edit_comment", is_author & comment_thread_is_open & is_live & is_in_edit_window)
rules.add_perm("discussions.remove_comment", is_author & is_live)
rules.add_perm(
    "discussions.agree_with_comment", comment_thread_is_open & is_published & has_verified_email & ~is_author
)
rules.add_perm("discussions.report_comment", is_published & has_verified_email & ~is_author)
rules.add_perm("discussions.request_review_comment", is_author & is_hidden_without_review)


# What the templates ask of each comment (thread and comment pages), and the rule that answers it.
COMMENT_PERMISSIONS = {
    "can_edit": "discussions.edit_comment",
    "can_delete": "discussions.remove_comment",
    "can_agree": "discussions.agree_with_comment",
    "can_report": "discussions.report_comment",
    "can_request_review": "discussions.request_review_comment",
}


def decorate(comments, user, policy) -> None:
    """What the person may do with each comment, worked out once here rather than in the template.

    Each rule is its predicates' answer alone (accounts.models.User.has_perm), so it is asked directly: a
    visitor's user.has_perm would ask Django's three authentication backends in turn for each of a page's
    hundred answers, and only the rules' one can say yes."""
    for comment in comments:
        comment.thread_policy = policy
        for attribute, permission in COMMENT_PERMISSIONS.items():
            setattr(comment, attribute, rules.has_perm(permission, user, comment))
        decorate(getattr(comment, "shown_replies", []), user, policy)
