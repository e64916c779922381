"""Thin views: parse, check the named rule, call one service, render or redirect."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_ratelimit.decorators import ratelimit

from accounts.rules import require, require_visible
from discussions import rules, selectors, services
from discussions.forms import CommentForm, ReportForm
from discussions.models import Comment
from discussions.registry import discussable_for, target_for
from localism.forms import form_page


def _thread_url(target) -> str:
    return f"{target.get_absolute_url()}#comments"


def _comment_and_target(request: HttpRequest, pk: int, *, permission: str = "", refusal: str = ""):
    """The comment, what it is on and its thread's policy: missing to anyone who may not see it, and
    refused with `refusal` to anyone who may not do what `permission` (if named) allows with it."""
    comment = get_object_or_404(Comment.objects.select_related("author", "content_type", "parent"), pk=pk)
    target = comment.content_type.get_object_for_this_type(pk=comment.object_id)
    policy = rules.thread_policy_or_404(request.user, target)
    require_visible(request.user, "discussions.see_comment", comment, "There is no comment here.")
    comment.thread_policy = policy
    if permission:
        require(request.user, permission, comment, refusal)
    return comment, target, policy


@require_GET
def thread(request: HttpRequest, key: str, pk: int) -> HttpResponse:
    """The whole discussion, page by page (the owner's page shows the first page)."""
    target = target_for(key, pk)
    policy = rules.thread_policy_or_404(request.user, target)
    return render(
        request,
        "discussions/thread.html",
        {"target": target, "policy": policy, "key": key, "full_page": True},
    )


@login_required
@require_POST
@ratelimit(group="discussions-comment", key="user_or_ip", rate="6/m", method="POST", block=True)
@ratelimit(group="discussions-comment-address", key="ip", rate="30/m", method="POST", block=True)
def comment_create(request: HttpRequest, key: str, pk: int) -> HttpResponse:
    target = target_for(key, pk)
    policy = rules.thread_policy_or_404(request.user, target)
    require(request.user, "discussions.post_comment", target, policy.closed_message if not policy.is_open else "")
    parent = None
    if request.POST.get("parent"):
        try:
            parent = Comment.objects.select_related("parent").get(pk=int(request.POST["parent"]))
        except (ValueError, Comment.DoesNotExist):
            raise Http404("That comment does not exist.") from None
        require_visible(request.user, "discussions.see_comment", parent, "That comment does not exist.")
    form = CommentForm(
        request.POST, can_reply_officially=request.user.has_perm("discussions.reply_officially", target)
    )
    if form.is_valid():
        try:
            comment = services.comment_create(
                target=target,
                author=request.user,
                text=form.cleaned_data["text"],
                policy=policy,
                parent=parent,
                as_official=form.cleaned_data.get("as_official", False),
            )
        except services.DiscussionError as error:
            form.add_error("text", str(error))
        else:
            if comment.status == Comment.Status.AWAITING_MODERATION:
                messages.success(request, "Thank you. A moderator will check your comment before it is published.")
            else:
                messages.success(request, "Your comment is published.")
            return redirect(parent.get_absolute_url() if parent else _thread_url(target))
    return render(
        request,
        "discussions/comment_form.html",
        {"form": form, "target": target, "parent": parent, "key": key, "policy": policy},
        status=400,
    )


@require_GET
def comment_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One comment with all its replies, and the reply form."""
    comment, target, policy = _comment_and_target(request, pk)
    if comment.parent_id:
        return redirect(f"{comment.parent.get_absolute_url()}#comment-{comment.pk}")
    replies = selectors.comment_with_replies(comment, request.user)
    agreed = selectors.agreed_ids(request.user, [comment, *replies])
    rules.decorate([comment, *replies], request.user, policy)
    form = None
    if request.user.has_perm("discussions.post_comment", target) and comment.is_published:
        form = CommentForm(
            can_reply_officially=request.user.has_perm("discussions.reply_officially", target), label="Your reply"
        )
    return render(
        request,
        "discussions/comment_detail.html",
        {
            "comment": comment,
            "replies": replies,
            "agreed_ids": agreed,
            "target": target,
            "policy": policy,
            "key": discussable_for(target).key,
            "form": form,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
@ratelimit(group="discussions-edit", key="user_or_ip", rate="10/m", method="POST", block=True)
def comment_edit(request: HttpRequest, pk: int) -> HttpResponse:
    comment, target, policy = _comment_and_target(
        request,
        pk,
        permission="discussions.edit_comment",
        refusal="You can only change your own comment, within 15 minutes of posting it.",
    )
    form = CommentForm(request.POST or None, initial={"text": comment.text}, label="Your comment")
    if request.method == "POST" and form.is_valid():
        services.comment_edit(comment=comment, by=request.user, text=form.cleaned_data["text"])
        messages.success(request, "Your comment is changed.")
        return redirect(comment.get_absolute_url())
    return form_page(request, "discussions/comment_edit.html", {"form": form, "comment": comment, "target": target})


@login_required
@require_http_methods(["GET", "POST"])
@ratelimit(group="discussions-delete", key="user_or_ip", rate="10/m", method="POST", block=True)
def comment_delete(request: HttpRequest, pk: int) -> HttpResponse:
    comment, target, _policy = _comment_and_target(
        request, pk, permission="discussions.remove_comment", refusal="You can only delete your own comments."
    )
    if request.method == "POST":
        services.comment_delete(comment=comment, by=request.user)
        messages.success(request, "Your comment is deleted.")
        return redirect(_thread_url(target))
    return render(request, "discussions/comment_delete.html", {"comment": comment, "target": target})


@login_required
@require_POST
@ratelimit(group="discussions-agree", key="user_or_ip", rate="30/m", method="POST", block=True)
@ratelimit(group="discussions-agree-address", key="ip", rate="120/m", method="POST", block=True)
def comment_agree(request: HttpRequest, pk: int) -> HttpResponse:
    comment, target, policy = _comment_and_target(
        request, pk, permission="discussions.agree_with_comment", refusal="You cannot agree with this comment."
    )
    if request.POST.get("withdraw"):
        services.comment_withdraw_agreement(comment=comment, user=request.user)
    else:
        services.comment_agree(comment=comment, user=request.user)
    back = request.POST.get("next", "")
    if back == "detail":
        return redirect(f"{(comment.parent or comment).get_absolute_url()}#comment-{comment.pk}")
    return redirect(f"{target.get_absolute_url()}#comment-{comment.pk}")


@login_required
@require_http_methods(["GET", "POST"])
@ratelimit(group="discussions-report", key="user_or_ip", rate="5/m", method="POST", block=True)
@ratelimit(group="discussions-report-address", key="ip", rate="20/m", method="POST", block=True)
def comment_report(request: HttpRequest, pk: int) -> HttpResponse:
    comment, target, _policy = _comment_and_target(
        request, pk, permission="discussions.report_comment", refusal="You cannot report this comment."
    )
    form = ReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.comment_report(
            comment=comment,
            reporter=request.user,
            reason=form.cleaned_data["reason"],
            details=form.cleaned_data["details"],
        )
        messages.success(request, "Thank you. A moderator will look at this comment against the house rules.")
        return redirect(_thread_url(target))
    return form_page(request, "discussions/comment_report.html", {"form": form, "comment": comment, "target": target})


@login_required
@require_POST
@ratelimit(group="discussions-review", key="user_or_ip", rate="5/m", method="POST", block=True)
def comment_request_review(request: HttpRequest, pk: int) -> HttpResponse:
    comment, _target, _policy = _comment_and_target(
        request,
        pk,
        permission="discussions.request_review_comment",
        refusal="You can ask for a review of a hidden comment once.",
    )
    services.comment_request_review(comment=comment, by=request.user)
    messages.success(request, "Thank you. A different moderator will look at your comment again.")
    return redirect(comment.get_absolute_url())


@require_GET
def moderation_log(request: HttpRequest, key: str, pk: int) -> HttpResponse:
    """How many comments were hidden here and why: no content, no names."""
    target = target_for(key, pk)
    rules.thread_policy_or_404(request.user, target)
    return render(
        request,
        "discussions/moderation_log.html",
        {"target": target, "rows": selectors.moderation_log(target)},
    )
