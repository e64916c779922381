"""`{% discussion obj %}`: the first page of an object's discussion, with the comment form."""

from __future__ import annotations

from django import template

from discussions import rules
from discussions.forms import CommentForm
from discussions.registry import discussable_for
from discussions.selectors import Sort, thread_page
from discussions.text import render_comment_text

register = template.Library()


@register.inclusion_tag("discussions/partials/_thread.html", takes_context=True)
def discussion(context, target, full_page: bool = False, heading_level: int = 2):
    request = context["request"]
    user = request.user
    policy = rules.thread_policy_or_404(user, target)
    sort = Sort.parse(request.GET.get("sort"))
    cursor = request.GET.get("after", "")[:80] if full_page else ""
    page = thread_page(target=target, user=user, sort=sort, cursor=cursor)
    rules.decorate(page.comments, user, policy)
    can_comment = user.has_perm("discussions.post_comment", target)
    return {
        "request": request,
        "user": user,
        "target": target,
        "key": discussable_for(target).key,
        "policy": policy,
        "page": page,
        "sort_choices": Sort.CHOICES,
        "full_page": full_page,
        "is_later_page": bool(cursor),
        "can_comment": can_comment,
        "form": CommentForm(can_reply_officially=user.has_perm("discussions.reply_officially", target))
        if can_comment
        else None,
        "heading_level": heading_level,
    }


@register.filter
def comment_text(text: str):
    """Plain text as safe HTML: escaped, line breaks kept, links with rel="nofollow ugc"."""
    return render_comment_text(text or "")
