"""Staff set up the exercise (the saving, the services and what each step means, council tax) on their
council's consultation, read the submitted budgets, and record the council's final budget decision."""

from __future__ import annotations

from django import forms
from django.contrib import admin

from accounts.rules import permission
from budget_simulator import services
from budget_simulator.forms import DecisionForm
from budget_simulator.models import MAX_STEPS, BudgetSimulator, BudgetSubmission, ServiceArea
from consultations.admin import OptionsField
from consultations.models import Consultation
from localism.admin_actions import StaffStep, StaffStepsMixin
from localism.admin_audit import AuditedModelAdmin
from localism.admin_councils import CouncilContentAdmin
from localism.admin_readonly import LockedInlineMixin, ReadOnlyMixin

BUDGET_FIELDS = ["saving_required", "council_tax_step_pounds", "council_tax_band_d_pence", "council_tax_max_steps"]


class ServiceAreaForm(forms.ModelForm):
    cuts = OptionsField(
        label="What each step down means",
        required=False,
        help_text=f"One line per step, from one step down (at most {MAX_STEPS}); no lines: it cannot be cut.",
    )
    increases = OptionsField(
        label="What each step up means",
        required=False,
        help_text=f"One line per step, from one step up (at most {MAX_STEPS}); no lines: it cannot grow.",
    )

    class Meta:
        model = ServiceArea
        fields = ["position", "name", "description", "current_budget", "step_pounds", "cuts", "increases"]

    def clean(self):
        cleaned = super().clean()
        for name in ("cuts", "increases"):
            if len(cleaned.get(name) or []) > MAX_STEPS:
                self.add_error(name, f"A service can move at most {MAX_STEPS} steps each way.")
        cuts, step = len(cleaned.get("cuts") or []), cleaned.get("step_pounds") or 0
        if cleaned.get("current_budget") is not None and cuts * step > cleaned["current_budget"]:
            self.add_error("cuts", "The deepest cut would take the budget below £0: use fewer steps or smaller ones.")
        return cleaned


class ServiceAreaInline(LockedInlineMixin, admin.StackedInline):
    model = ServiceArea
    form = ServiceAreaForm
    extra = 0

    def is_locked(self, obj) -> bool:
        # The results count steps: once people have submitted budgets, the steps cannot change under them.
        return obj.submissions.exists()


@admin.register(BudgetSimulator)
class BudgetSimulatorAdmin(StaffStepsMixin, CouncilContentAdmin, AuditedModelAdmin):
    council_rule = staticmethod(permission("budget_simulator.run_simulator"))
    council_owned_choices = {"consultation": Consultation}
    list_display = ["title", "consultation", "saving_required", "decision"]
    list_select_related = ["consultation", "decision"]
    search_fields = ["title", "consultation__title"]
    autocomplete_fields = ["consultation"]
    inlines = [ServiceAreaInline]
    readonly_fields = ["decision"]
    step_refusal = "You cannot record this council's budget decision."
    staff_steps = [
        StaffStep(
            "record_decision",
            "Record the council's budget decision",
            "Record the council's budget decision",
            intro="The decision is published in the decisions log, with a link to what residents chose.",
            form_class=DecisionForm,
            rule="budget_simulator.run_simulator",
            apply=lambda user, simulator, data: services.simulator_record_decision(
                simulator=simulator, by=user, **data
            ),
            done="Budget decision recorded",
            is_shown=lambda s: s.decision_id is None and s.consultation.has_closed,
        )
    ]

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and obj.submissions.exists():
            return [*self.readonly_fields, "consultation", *BUDGET_FIELDS]
        return self.readonly_fields

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(BudgetSubmission)
class BudgetSubmissionAdmin(ReadOnlyMixin, CouncilContentAdmin, admin.ModelAdmin):
    """Budgets are read here; residents change their own on the site while the consultation is open."""

    council_rule = staticmethod(permission("budget_simulator.run_simulator"))
    list_display = ["pk", "simulator", "district", "council_tax_steps", "submitted_at", "updated_at"]
    list_select_related = ["simulator", "district"]
    list_filter = ["simulator"]
    exclude = ["respondent"]
