"""Staff work on community asset transfers: buttons on each application move it on, one stage at a time."""

from __future__ import annotations

from django.contrib import admin

from asset_transfers.forms import CompletionForm, DecisionForm, NoteForm
from asset_transfers.models import Stage, TimelineEntry, TransferApplication, TransferDocument
from asset_transfers.services import application_accept_interest, application_complete, application_decide
from localism.admin_actions import StaffStep, StaffStepsMixin
from localism.admin_readonly import NoAddOrDeleteMixin, RecordInline


class TimelineInline(RecordInline):
    model = TimelineEntry
    fields = ["happened_on", "stage", "title", "note"]


class DocumentInline(RecordInline):
    model = TransferDocument
    fields = ["title", "stage", "file", "file_type", "file_size", "uploaded_at"]


def _shown(perm_stage: str, approved: bool = False):
    return lambda a: a.stage == perm_stage and (not approved or a.outcome == TransferApplication.Outcome.APPROVED)


@admin.register(TransferApplication)
class TransferApplicationAdmin(NoAddOrDeleteMixin, StaffStepsMixin, admin.ModelAdmin):
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
    step_refusal = "This application is not at the stage for that step."
    staff_steps = [
        StaffStep(
            "accept_interest",
            "Accept the expression of interest (ask for a business case)",
            "Accept the expression of interest",
            intro="The group is emailed and asked for a business case; the application becomes public.",
            form_class=NoteForm,
            rule="asset_transfers.accept_interest_application",
            apply=lambda user, a, data: application_accept_interest(application=a, by=user, note=data["note"]),
            done="Accepted",
            is_shown=_shown(Stage.INTEREST),
        ),
        StaffStep(
            "decide",
            "Record the decision on the assessed application",
            "Record the decision",
            intro="The decision and its reasons are published in the decisions log and emailed to the group.",
            form_class=DecisionForm,
            rule="asset_transfers.decide_application",
            apply=lambda user, a, data: application_decide(
                application=a,
                by=user,
                is_approved=data["outcome"] == "approved",
                reasons=data["reasons"],
                decided_on=data["decided_on"],
                decision_maker=data["decision_maker"],
            ),
            done="Decision recorded",
            is_shown=_shown(Stage.ASSESSMENT),
        ),
        StaffStep(
            "complete",
            "Record the lease or transfer",
            "Record the lease or transfer",
            intro="The group now holds the asset; the timeline and the group are told.",
            form_class=CompletionForm,
            rule="asset_transfers.complete_application",
            apply=lambda user, a, data: application_complete(application=a, by=user, **data),
            done="Completed",
            is_shown=_shown(Stage.DECISION, approved=True),
        ),
    ]
