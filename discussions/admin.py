"""The moderation queue: reported and pre-moderated comments, publish or hide with a reason, in bulk."""

from __future__ import annotations

from django import forms
from django.contrib import admin
from django.db.models import Q

from accounts.permissions import council_limit
from discussions import services
from discussions.models import Comment, ModerationDecision, Report
from discussions.registry import comments_for_council_staff
from localism.admin_actions import ObjectAction, ObjectActionsMixin, apply_to_each, ask_then_apply
from localism.admin_readonly import NoAddOrDeleteMixin, ReadOnlyMixin, RecordInline


class NeedsModerationFilter(admin.SimpleListFilter):
    title = "queue"
    parameter_name = "queue"

    def lookups(self, request, model_admin):
        return [
            ("waiting", "Needs a decision (reported, awaiting, review asked)"),
            ("reported", "Reported"),
            ("awaiting", "Awaiting moderation (pre-moderated)"),
            ("review", "Review requested"),
        ]

    def queryset(self, request, queryset):
        reported = Q(reports__resolved_at__isnull=True, reports__isnull=False)
        awaiting = Q(status=Comment.Status.AWAITING_MODERATION)
        review = Q(status=Comment.Status.HIDDEN, review_requested_at__isnull=False) & ~Q(
            decisions__action=ModerationDecision.Action.PUBLISHED
        )
        match self.value():
            case "waiting":
                return queryset.filter(reported | awaiting | review).distinct()
            case "reported":
                return queryset.filter(reported).distinct()
            case "awaiting":
                return queryset.filter(awaiting)
            case "review":
                return queryset.filter(review).distinct()
        return queryset


class ReportInline(RecordInline):
    model = Report
    fields = ["reason", "details", "created_at", "resolved_at"]


class DecisionInline(RecordInline):
    model = ModerationDecision
    fk_name = "comment"
    fields = ["action", "reason", "moderator", "created_at"]
    verbose_name_plural = "history of moderation decisions"


def _each(request, queryset, apply, done: str) -> None:
    """A moderator's decision on each selected comment; a comment the service refuses is named with the reason."""
    apply_to_each(request, queryset, apply, done=done, refusals=(services.DiscussionError,))


def _publish(modeladmin, request, queryset):
    _each(request, queryset, lambda c: services.comment_publish(comment=c, moderator=request.user), "Published")


_publish.short_description = "Publish the selected comments"
_publish.allowed_permissions = ["moderate"]


def _dismiss(modeladmin, request, queryset):
    _each(
        request,
        queryset,
        lambda c: services.comment_dismiss_reports(comment=c, moderator=request.user),
        "Kept, with their reports closed",
    )


_dismiss.short_description = "Keep the selected comments (dismiss reports)"
_dismiss.allowed_permissions = ["moderate"]


class HideForm(forms.Form):
    reason = forms.ChoiceField(
        label="Which house rule does it break?",
        choices=Comment.HideReason.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the house rule the comment breaks: people will read it."},
    )


def _hide(modeladmin, request, queryset):
    return ask_then_apply(
        modeladmin,
        request,
        queryset,
        title="Hide comments",
        intro="People will read “hidden by a moderator” and the reason in its place; the author is told.",
        form_class=HideForm,
        apply=lambda c, data: services.comment_hide(comment=c, moderator=request.user, reason=data["reason"]),
        done="Hidden",
        refusals=(services.DiscussionError,),
    )


_hide.short_description = "Hide the selected comments (with a reason)"
_hide.allowed_permissions = ["moderate"]


def _hide_action(reason: str, label: str):
    def action(modeladmin, request, queryset):
        _each(
            request,
            queryset,
            lambda c: services.comment_hide(comment=c, moderator=request.user, reason=reason),
            f"Hidden ({label})",
        )

    action.__name__ = f"hide_{reason.replace('-', '_')}"
    action.short_description = f"Hide the selected comments: {label}"
    action.allowed_permissions = ["moderate"]
    return action


@admin.register(Comment)
class CommentAdmin(NoAddOrDeleteMixin, ObjectActionsMixin, admin.ModelAdmin):
    list_display = ["short_text", "author_name", "status", "is_official", "report_count", "thread", "created_at"]
    list_filter = [NeedsModerationFilter, "status", "is_official", "content_type"]
    search_fields = ["text"]
    date_hierarchy = "created_at"
    list_select_related = ["author", "content_type"]
    readonly_fields = [
        "content_type",
        "object_id",
        "parent",
        "author",
        "text",
        "status",
        "is_official",
        "hidden_reason",
        "agreement_count",
        "reply_count",
        "report_count",
        "review_requested_at",
        "created_at",
        "edited_at",
    ]
    fields = readonly_fields
    inlines = [ReportInline, DecisionInline]
    actions = [
        _publish,
        _dismiss,
        _hide,
        *[_hide_action(value, label) for value, label in Comment.HideReason.choices],
    ]
    object_actions = [
        ObjectAction(
            "_publish",
            "Publish",
            is_shown=lambda c: c.status in (Comment.Status.AWAITING_MODERATION, Comment.Status.HIDDEN),
        ),
        ObjectAction(
            "_dismiss",
            "Keep (close the reports)",
            is_shown=lambda c: c.status == Comment.Status.PUBLISHED and c.report_count > 0,
        ),
        ObjectAction(
            "_hide",
            "Hide (with a reason)",
            is_shown=lambda c: c.status in (Comment.Status.AWAITING_MODERATION, Comment.Status.PUBLISHED),
        ),
    ]

    def has_moderate_permission(self, request) -> bool:
        return request.user.has_perm("discussions.moderate_comment")

    def get_queryset(self, request):
        # A council's staff moderate the comments on their own council's consultations and projects alone.
        return comments_for_council_staff(super().get_queryset(request), request.user)

    def has_view_permission(self, request, obj=None):
        allowed = super().has_view_permission(request, obj)
        return allowed and (obj is None or request.user.has_perm("discussions.moderate_comment", obj))

    @admin.display(description="comment")
    def short_text(self, obj: Comment) -> str:
        return obj.text[:80] + ("…" if len(obj.text) > 80 else "")

    @admin.display(description="thread")
    def thread(self, obj: Comment) -> str:
        return f"{obj.content_type.model} {obj.object_id}"


@admin.register(ModerationDecision)
class ModerationDecisionAdmin(ReadOnlyMixin, admin.ModelAdmin):
    """The history of every moderation decision, newest first (read only)."""

    def get_queryset(self, request):
        decisions = super().get_queryset(request)
        if council_limit(request.user) is None:
            return decisions
        return decisions.filter(comment__in=comments_for_council_staff(Comment.objects.all(), request.user))

    list_display = ["created_at", "action", "reason", "moderator", "comment"]
    list_filter = ["action", "reason", "content_type"]
    list_select_related = ["moderator", "comment__author"]
    date_hierarchy = "created_at"
    fields = ["created_at", "action", "reason", "moderator", "comment"]
    readonly_fields = fields
