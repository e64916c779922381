"""Reads of a discussion: a page of a thread (keyset pagination), replies, the public moderation log."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Count, F, Q, Window
from django.db.models.functions import RowNumber

from discussions.models import Agreement, Comment, ModerationDecision

PAGE_SIZE = 20
REPLIES_SHOWN = 5


class Sort:
    NEWEST = "newest"
    MOST_AGREED = "agreed"
    CHOICES = ((NEWEST, "Newest first"), (MOST_AGREED, "Most agreed"))

    @classmethod
    def parse(cls, value: str | None) -> str:
        return value if value in (cls.NEWEST, cls.MOST_AGREED) else cls.NEWEST


@dataclass
class ThreadPage:
    comments: list[Comment]
    total: int
    sort: str
    next_cursor: str = ""
    agreed_ids: set[int] = field(default_factory=set)


def _micro(moment: dt.datetime) -> int:
    return int(moment.timestamp() * 1_000_000)


def _cursor_for(comment: Comment, sort: str) -> str:
    parts = [_micro(comment.created_at), comment.pk]
    if sort == Sort.MOST_AGREED:
        parts.insert(0, comment.agreement_count)
    return ".".join(str(p) for p in parts)


def _after(cursor: str, sort: str) -> Q | None:
    """The keyset condition for the page after `cursor`; None when the cursor is not one of ours."""
    try:
        numbers = [int(p) for p in cursor.split(".")]
    except ValueError:
        return None
    if len(numbers) != (3 if sort == Sort.MOST_AGREED else 2) or any(n < 0 or n > 2**62 for n in numbers):
        return None
    *head, created_us, pk = numbers
    created = dt.datetime.fromtimestamp(created_us / 1_000_000, tz=dt.UTC)
    older = Q(created_at__lt=created) | Q(created_at=created, pk__lt=pk)
    if sort == Sort.MOST_AGREED:
        (agreed,) = head
        return Q(agreement_count__lt=agreed) | Q(agreement_count=agreed) & older
    return older


def thread_comments(target: models.Model) -> models.QuerySet:
    content_type = ContentType.objects.get_for_model(target)
    return Comment.objects.filter(content_type=content_type, object_id=target.pk)


def thread_page(*, target: models.Model, user, sort: str = Sort.NEWEST, cursor: str = "") -> ThreadPage:
    """One page of top-level comments with their first replies, in a fixed number of queries."""
    sort = Sort.parse(sort)
    comments = thread_comments(target)
    ordering = ["-created_at", "-id"] if sort == Sort.NEWEST else ["-agreement_count", "-created_at", "-id"]
    page = comments.top_level().in_thread()
    if user.is_authenticated:
        # People see their own comments waiting for a moderator, marked as such.
        page = comments.top_level().filter(
            Q(pk__in=page.values("pk")) | Q(author=user, status=Comment.Status.AWAITING_MODERATION)
        )
    condition = _after(cursor, sort) if cursor else None
    if condition is not None:
        page = page.filter(condition)
    # Authors in their own query: a join here makes PostgreSQL sort the whole thread before the LIMIT.
    rows = list(page.order_by(*ordering)[: PAGE_SIZE + 1])
    has_more = len(rows) > PAGE_SIZE
    rows = rows[:PAGE_SIZE]
    replies = _attach_replies(rows, user)
    _attach_authors([*rows, *replies])
    return ThreadPage(
        comments=rows,
        total=comments.published().count(),
        sort=sort,
        next_cursor=_cursor_for(rows[-1], sort) if has_more else "",
        agreed_ids=agreed_ids(user, rows),
    )


def _visible_replies(user) -> Q:
    visible = Q(status__in=[Comment.Status.PUBLISHED, Comment.Status.HIDDEN])
    if user.is_authenticated:
        visible |= Q(author=user, status=Comment.Status.AWAITING_MODERATION)
    return visible


def _attach_replies(parents: list[Comment], user) -> list[Comment]:
    """The first REPLIES_SHOWN replies of each comment, in one query (a window function per parent), without
    their authors (the caller reads those with the parents' in one query); returns the replies."""
    for parent in parents:
        parent.shown_replies = []
    if not parents:
        return []
    by_id = {p.pk: p for p in parents}
    replies = list(
        Comment.objects.filter(_visible_replies(user), parent_id__in=by_id)
        .annotate(position=Window(RowNumber(), partition_by=[F("parent_id")], order_by=[F("created_at"), F("id")]))
        .filter(position__lte=REPLIES_SHOWN)
        .order_by("created_at", "id")
    )
    for reply in replies:
        by_id[reply.parent_id].shown_replies.append(reply)
    return replies


def _attach_authors(comments: list[Comment]) -> None:
    """The authors of the comments and of their replies, in one query: read by key (in_bulk), which costs less
    than prefetch_related_objects."""
    authors = get_user_model().objects.in_bulk({comment.author_id for comment in comments if comment.author_id})
    for comment in comments:
        if comment.author_id is not None:
            comment.author = authors[comment.author_id]


def agreed_ids(user, comments: list[Comment]) -> set[int]:
    if not user.is_authenticated or not comments:
        return set()
    ids = [c.pk for c in comments] + [r.pk for c in comments for r in getattr(c, "shown_replies", [])]
    return set(Agreement.objects.filter(user=user, comment_id__in=ids).values_list("comment_id", flat=True))


def comment_with_replies(comment: Comment, user, limit: int = 500) -> list[Comment]:
    return list(
        comment.replies.filter(_visible_replies(user)).select_related("author").order_by("created_at", "id")[:limit]
    )


def moderation_log(target: models.Model) -> list[dict]:
    """How many comments moderators hid, by reason: no content, no names (the public moderation log)."""
    content_type = ContentType.objects.get_for_model(target)
    labels = dict(Comment.HideReason.choices)
    rows = (
        ModerationDecision.objects.filter(
            content_type=content_type, object_id=target.pk, action=ModerationDecision.Action.HIDDEN
        )
        .values("reason")
        .annotate(count=Count("comment", distinct=True))
        .order_by("-count", "reason")
    )
    return [{"reason": labels.get(r["reason"], r["reason"]), "count": r["count"]} for r in rows]


def participants_of(target: models.Model) -> models.QuerySet:
    """Everyone who commented in the thread (for emails about what happened next)."""
    content_type = ContentType.objects.get_for_model(target)
    return (
        get_user_model()
        .objects.filter(
            is_active=True,
            comments__content_type=content_type,
            comments__object_id=target.pk,
        )
        .distinct()
    )
