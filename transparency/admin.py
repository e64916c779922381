"""Staff admin: imported data (read-only), decisions, and deciding nominations of assets of community value."""

from __future__ import annotations

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.decorators import method_decorator
from django.utils.html import format_html
from django_ratelimit.decorators import ratelimit

from accounts.rules import permission
from localism.admin import ReadOnlyAdmin
from localism.admin_audit import AuditedModelAdmin
from localism.admin_councils import CouncilContentAdmin
from localism.admin_readonly import NoAddOrDeleteMixin, RecordInline
from localism.forms import add_service_errors, form_status
from transparency import services
from transparency.forms import (
    ChallengeDecisionForm,
    DisposalNoticeForm,
    NominationDecisionForm,
    ReviewDecisionForm,
    ReviewRequestForm,
)
from transparency.models import (
    AssetNomination,
    ChallengeWindow,
    Contract,
    Decision,
    DecisionDocument,
    DisposalNotice,
    ExpressionOfInterest,
    Grant,
    NominationDocument,
    Notice,
    NoticeDocument,
    SpendingRecord,
)

# Published data changes only through imports, so that every row traces back to a file: ReadOnlyAdmin.


@admin.register(SpendingRecord)
class SpendingRecordAdmin(ReadOnlyAdmin):
    list_display = ["payment_date", "beneficiary_name", "amount", "service_area", "expense_type", "batch"]
    search_fields = ["beneficiary_name", "transaction_number"]
    list_select_related = ["batch"]
    show_full_result_count = False


@admin.register(Contract)
class ContractAdmin(ReadOnlyAdmin):
    list_display = ["reference", "title", "supplier_name", "value", "start_date", "end_date"]
    search_fields = ["reference", "title", "supplier_name"]


@admin.register(Grant)
class GrantAdmin(ReadOnlyAdmin):
    list_display = ["identifier", "recipient_org_name", "amount_awarded", "award_date"]
    search_fields = ["identifier", "recipient_org_name", "title"]


class DecisionDocumentInline(admin.TabularInline):
    model = DecisionDocument
    extra = 1


@admin.register(Decision)
class DecisionAdmin(CouncilContentAdmin, AuditedModelAdmin):
    council_rule = staticmethod(permission("transparency.publish_decision"))
    list_display = ["title", "council", "decision_date", "decision_maker", "consultation_slug", "is_published"]
    list_filter = ["is_published", "council"]
    list_select_related = ["council"]
    search_fields = ["title", "summary"]
    prepopulated_fields = {"slug": ["title"]}
    filter_horizontal = ["places", "topics"]
    inlines = [DecisionDocumentInline]


class NoticeDocumentInline(admin.TabularInline):
    model = NoticeDocument
    extra = 1


@admin.register(Notice)
class NoticeAdmin(CouncilContentAdmin, AuditedModelAdmin):
    """A council's public notices: its own staff (a parish clerk for the parish) publish them; people following
    the areas they concern are emailed once a notice is public."""

    council_rule = staticmethod(permission("transparency.publish_notice"))
    list_display = ["title", "council", "kind", "published_on", "meeting_at", "display_until", "is_published"]
    list_filter = ["is_published", "kind", "council"]
    list_select_related = ["council"]
    search_fields = ["title", "body"]
    date_hierarchy = "published_on"
    prepopulated_fields = {"slug": ["title"]}
    filter_horizontal = ["places"]
    fields = [
        "council",
        "kind",
        "title",
        "slug",
        "body",
        "published_on",
        "display_until",
        "meeting_at",
        "venue",
        "places",
        "is_published",
    ]
    inlines = [NoticeDocumentInline]

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        if not form.instance.places.exists():  # a notice for the council's whole area names it
            form.instance.places.set(form.instance.council.places.all())
        services.notice_tell_followers(form.instance)


class DisposalNoticeInline(RecordInline):
    model = DisposalNotice
    fields = ["notified_on", "interim_moratorium_ends", "full_moratorium_ends", "protected_period_ends", "notes"]


class NominationDocumentInline(admin.TabularInline):
    """The nominator's supporting documents, to read (staff cannot change what the group sent)."""

    model = NominationDocument
    extra = 0
    fields = ["link", "file_type", "file_size", "uploaded_at"]
    readonly_fields = fields
    verbose_name = "supporting document"

    @admin.display(description="Document")
    def link(self, obj: NominationDocument) -> str:
        return format_html('<a href="{}">{}</a>', obj.get_absolute_url(), obj.title)

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class DeadlineFilter(admin.SimpleListFilter):
    """The work queue: nominations awaiting a decision, those past the 8-week deadline on their own."""

    title = "decision deadline"
    parameter_name = "deadline"

    def lookups(self, request, model_admin):
        return [("overdue", "Past the deadline"), ("awaiting", "Awaiting a decision")]

    def queryset(self, request, queryset):
        match self.value():
            case "overdue":
                return queryset.overdue()
            case "awaiting":
                return queryset.awaiting_decision()
        return queryset


@admin.register(AssetNomination)
class AssetNominationAdmin(NoAddOrDeleteMixin, CouncilContentAdmin, admin.ModelAdmin):
    council_rule = staticmethod(permission("transparency.decide_assetnomination"))
    list_display = ["reference", "asset_name", "body_name", "status", "decision_due", "council"]
    list_filter = [DeadlineFilter, "status", "council", "body_kind"]
    list_select_related = ["council"]
    search_fields = ["reference", "asset_name", "address", "postcode", "body_name"]

    def get_ordering(self, request):
        # The queue of decisions to make: the earliest deadline (the most overdue) first.
        if request.GET.get(DeadlineFilter.parameter_name):
            return ["decision_due", "pk"]
        return super().get_ordering(request)

    change_form_template = "transparency/admin/assetnomination_change_form.html"
    inlines = [NominationDocumentInline, DisposalNoticeInline]

    def get_readonly_fields(self, request, obj=None):
        return [field.name for field in self.model._meta.fields]

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("<int:pk>/decide/", view(self.decide_view), name="transparency_assetnomination_decide"),
            path(
                "<int:pk>/review-request/",
                view(self.review_request_view),
                name="transparency_assetnomination_review_request",
            ),
            path(
                "<int:pk>/review-decision/",
                view(self.review_decision_view),
                name="transparency_assetnomination_review_decision",
            ),
            path("<int:pk>/disposal/", view(self.disposal_view), name="transparency_assetnomination_disposal"),
            *super().get_urls(),
        ]

    def _action(self, request, pk, form_class, title: str, perform) -> HttpResponse:
        # Another council's nomination is not found; one of theirs needs the right to decide it.
        nomination = get_object_or_404(self.get_queryset(request), pk=pk)
        if not request.user.has_perm("transparency.decide_assetnomination", nomination):
            raise PermissionDenied
        form = form_class(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                message = perform(nomination, form.cleaned_data)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, message)
                return HttpResponseRedirect(reverse("admin:transparency_assetnomination_change", args=[nomination.pk]))
        context = {
            **self.admin_site.each_context(request),
            "title": f"{title}: {nomination.asset_name}",
            "form": form,
            "nomination": nomination,
            "opts": self.model._meta,
            "original": nomination,
        }
        return TemplateResponse(
            request, "transparency/admin/nomination_action.html", context, status=form_status(form)
        )

    @method_decorator(ratelimit(group="transparency.staff", key="user_or_ip", rate="30/m", method="POST", block=True))
    def decide_view(self, request, pk):
        def perform(nomination, data):
            decided = services.nomination_decide(
                nomination=nomination,
                is_listed=data["outcome"] == "listed",
                reasons=data["reasons"],
                decided_on=data["decided_on"],
                by=request.user,
            )
            return f"{decided.asset_name} is {decided.get_status_display().lower()}; the nominator will be told."

        return self._action(request, pk, NominationDecisionForm, "Decide the nomination", perform)

    @method_decorator(ratelimit(group="transparency.staff", key="user_or_ip", rate="30/m", method="POST", block=True))
    def review_request_view(self, request, pk):
        def perform(nomination, data):
            services.nomination_record_review_request(
                nomination=nomination, requested_on=data["requested_on"], by=request.user
            )
            return "The owner's review request is recorded."

        return self._action(request, pk, ReviewRequestForm, "Record the owner's review request", perform)

    @method_decorator(ratelimit(group="transparency.staff", key="user_or_ip", rate="30/m", method="POST", block=True))
    def review_decision_view(self, request, pk):
        def perform(nomination, data):
            services.nomination_decide_review(
                nomination=nomination,
                is_upheld=data["outcome"] == "upheld",
                reasons=data["reasons"],
                decided_on=data["decided_on"],
                by=request.user,
            )
            return "The review's outcome is recorded; the nominator will be told."

        return self._action(request, pk, ReviewDecisionForm, "Record the review's outcome", perform)

    @method_decorator(ratelimit(group="transparency.staff", key="user_or_ip", rate="30/m", method="POST", block=True))
    def disposal_view(self, request, pk):
        def perform(nomination, data):
            notice = services.disposal_notice_record(
                nomination=nomination, notified_on=data["notified_on"], notes=data["notes"], by=request.user
            )
            return (
                f"Disposal notice recorded: the interim moratorium ends on {notice.interim_moratorium_ends:%d/%m/%Y}."
            )

        return self._action(request, pk, DisposalNoticeForm, "Record an owner's disposal notice", perform)


@admin.register(ChallengeWindow)
class ChallengeWindowAdmin(CouncilContentAdmin, AuditedModelAdmin):
    council_rule = staticmethod(permission("transparency.run_challengewindow"))
    list_display = ["title", "council", "opens_on", "closes_on"]
    list_filter = ["council"]
    list_select_related = ["council"]


@admin.register(ExpressionOfInterest)
class ExpressionOfInterestAdmin(NoAddOrDeleteMixin, CouncilContentAdmin, admin.ModelAdmin):
    council_rule = staticmethod(permission("transparency.decide_expressionofinterest"))
    list_display = ["reference", "body_name", "service", "council", "status", "submitted_at", "decided_on"]
    list_filter = ["status", "council", "body_kind", "window"]
    list_select_related = ["council"]
    search_fields = ["reference", "body_name", "service"]
    change_form_template = "transparency/admin/expressionofinterest_change_form.html"

    def get_readonly_fields(self, request, obj=None):
        return [field.name for field in self.model._meta.fields]

    def get_urls(self):
        return [
            path(
                "<int:pk>/decide/",
                self.admin_site.admin_view(self.decide_view),
                name="transparency_expressionofinterest_decide",
            ),
            *super().get_urls(),
        ]

    @method_decorator(ratelimit(group="transparency.staff", key="user_or_ip", rate="30/m", method="POST", block=True))
    def decide_view(self, request, pk):
        expression = get_object_or_404(self.get_queryset(request), pk=pk)
        if not request.user.has_perm("transparency.decide_expressionofinterest", expression):
            raise PermissionDenied
        form = ChallengeDecisionForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                services.challenge_decide(expression=expression, by=request.user, **form.cleaned_data)
            except ValidationError as exc:
                form.add_error(None, exc.messages)
            else:
                messages.success(request, "The decision is recorded and published; the body will be told.")
                return HttpResponseRedirect(
                    reverse("admin:transparency_expressionofinterest_change", args=[expression.pk])
                )
        context = {
            **self.admin_site.each_context(request),
            "title": f"Decide the expression of interest {expression.reference}",
            "form": form,
            "opts": self.model._meta,
            "original": expression,
        }
        return TemplateResponse(request, "transparency/admin/challenge_decide.html", context, status=form_status(form))
