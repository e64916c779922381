"""Staff work on community asset transfers: buttons on each application move it on, one stage at a time."""

from __future__ import annotations

from django.contrib import admin
from django.core.exceptions import ValidationError

from asset_transfers.forms import CompletionForm, DecisionForm, NoteForm
from asset_transfers.models import Stage, TimelineEntry, TransferApplication, TransferDocument
from asset_transfers.services import application_accept_interest, application_complete, application_decide
from localism.admin_actions import ObjectAction, ObjectActionsMixin, ask_then_apply


class TimelineInline(admin.TabularInline):
    model = TimelineEntry
    extra = 0
    fields = ["happened_on", "stage", "title", "note"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


class DocumentInline(admin.TabularInline):
    model = TransferDocument
    extra = 0
    fields = ["title", "stage", "file", "file_type", "file_size", "uploaded_at"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


def _refuse_unless(allowed: bool) -> None:
    """The rule in rules.py, asked for the application in its present state, must allow the step."""
    if not allowed:
        raise ValidationError("This application is not at the stage for that step.")


def _shown(perm_stage: str, approved: bool = False):
    return lambda a: a.stage == perm_stage and (not approved or a.outcome == TransferApplication.Outcome.APPROVED)


@admin.register(TransferApplication)
class TransferApplicationAdmin(ObjectActionsMixin, admin.ModelAdmin):
    list_display = ["reference", "asset_name", "organisation", "council", "stage", "outcome", "submitted_at"]
    list_filter = ["stage", "outcome", "council"]
    search_fields = ["reference", "asset_name", "address", "organisation__name"]
    list_select_related = ["organisation", "council"]
    inlines = [TimelineInline, DocumentInline]
    fields = [
        "reference",
        "asset_name",
        "address",
        "place",
        "council",
        "organisation",
        "tenure_sought",
        "community_value",
        "proposal",
        "community_benefit",
        "submitted_by",
        "submitted_at",
        "stage",
        "outcome",
        "decided_on",
        "decision_maker",
        "decision_reasons",
        "decision",
        "tenure_granted",
        "lease_years",
        "completed_on",
    ]
    readonly_fields = fields
    actions = ["accept_interest", "decide", "complete"]
    object_actions = [
        ObjectAction("accept_interest", "Accept the expression of interest", is_shown=_shown(Stage.INTEREST)),
        ObjectAction("decide", "Record the decision", is_shown=_shown(Stage.ASSESSMENT)),
        ObjectAction("complete", "Record the lease or transfer", is_shown=_shown(Stage.DECISION, approved=True)),
    ]

    def has_add_permission(self, request):
        return False  # groups apply on the site

    def has_delete_permission(self, request, obj=None):
        return False

    def _accept(self, request, application, data):
        _refuse_unless(request.user.has_perm("asset_transfers.accept_interest_application", application))
        return application_accept_interest(application=application, by=request.user, note=data["note"])

    def _decide(self, request, application, data):
        _refuse_unless(request.user.has_perm("asset_transfers.decide_application", application))
        return application_decide(
            application=application,
            by=request.user,
            is_approved=data["outcome"] == "approved",
            reasons=data["reasons"],
            decided_on=data["decided_on"],
            decision_maker=data["decision_maker"],
        )

    def _complete(self, request, application, data):
        _refuse_unless(request.user.has_perm("asset_transfers.complete_application", application))
        return application_complete(
            application=application,
            by=request.user,
            tenure=data["tenure"],
            completed_on=data["completed_on"],
            lease_years=data["lease_years"],
            note=data["note"],
        )

    @admin.action(description="Accept the expression of interest (ask for a business case)", permissions=["change"])
    def accept_interest(self, request, queryset):
        return ask_then_apply(
            self,
            request,
            queryset,
            title="Accept the expression of interest",
            intro="The group is emailed and asked for a business case; the application becomes public.",
            form_class=NoteForm,
            apply=lambda a, data: self._accept(request, a, data),
            done="Accepted",
        )

    @admin.action(description="Record the decision on the assessed application", permissions=["change"])
    def decide(self, request, queryset):
        return ask_then_apply(
            self,
            request,
            queryset,
            title="Record the decision",
            intro="The decision and its reasons are published in the decisions log and emailed to the group.",
            form_class=DecisionForm,
            apply=lambda a, data: self._decide(request, a, data),
            done="Decision recorded",
        )

    @admin.action(description="Record the lease or transfer", permissions=["change"])
    def complete(self, request, queryset):
        return ask_then_apply(
            self,
            request,
            queryset,
            title="Record the lease or transfer",
            intro="The group now holds the asset; the timeline and the group are told.",
            form_class=CompletionForm,
            apply=lambda a, data: self._complete(request, a, data),
            done="Completed",
        )
