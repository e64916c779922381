"""Staff record neighbourhood plans: designating an area (the add form), then each stage with a button."""

from __future__ import annotations

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError

from localism import dates
from localism.admin_actions import StaffStep, StaffStepsMixin
from localism.admin_audit import AuditedModelAdmin
from localism.admin_readonly import RecordInline
from localism.forms import add_service_errors
from localism.models import Council, Place
from neighbourhood_plans import services
from neighbourhood_plans.forms import (
    ConsultationForm,
    DocumentForm,
    ExaminationForm,
    MadeForm,
    ReferendumForm,
    SubmissionForm,
)
from neighbourhood_plans.models import NeighbourhoodPlan, PlanDocument, Stage


class DesignationForm(forms.ModelForm):
    designated_on = dates.DateField(label="Area designated on")

    class Meta:
        model = NeighbourhoodPlan
        fields = ["area", "council", "name", "qualifying_body", "designated_on", "summary", "website"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = Place.objects.filter(kind__in=services.AREA_KINDS).order_by("name")
        self.fields["council"].queryset = Council.objects.filter(tier=Council.Tier.DISTRICT).order_by("name")

    def clean(self):
        cleaned = super().clean()
        if all(cleaned.get(f) for f in ("area", "council", "designated_on")):
            try:
                services.designation_check(
                    area=cleaned["area"], council=cleaned["council"], designated_on=cleaned["designated_on"]
                )
            except ValidationError as error:
                add_service_errors(self, error)
        return cleaned


class DocumentInline(RecordInline):
    model = PlanDocument
    fields = ["title", "stage", "file", "file_type", "file_size", "published_on"]


def _at(stage: str):
    return lambda plan: plan.stage == stage


def _step(name: str, title: str, intro: str, form_class, service, done: str, *, rule: str, **more) -> StaffStep:
    return StaffStep(
        name,
        more.pop("description", title),
        title,
        apply=lambda user, plan, data: service(plan=plan, by=user, **data),
        done=done,
        intro=intro,
        form_class=form_class,
        rule=rule,
        **more,
    )


STAGE_FIELDS = [
    "stage",
    "designated_on",
    "consultation_opens",
    "consultation_closes",
    "consultation_url",
    "submitted_on",
    "examination_starts",
    "examiner",
    "referendum_on",
    "turnout",
    "yes_share",
    "made_on",
    "updated_at",
]


@admin.register(NeighbourhoodPlan)
class NeighbourhoodPlanAdmin(StaffStepsMixin, AuditedModelAdmin):
    list_display = ["name", "area", "council", "stage", "updated_at"]
    list_filter = ["stage", "council"]
    search_fields = ["name", "area__name", "qualifying_body"]
    list_select_related = ["area", "council"]
    inlines = [DocumentInline]
    step_refusal = "The plan is not at the stage for that step."
    staff_steps = [
        _step(
            "open_consultation",
            "Record the pre-submission consultation",
            "It must run for at least 6 weeks. Link it to the consultation on this portal where it runs here.",
            ConsultationForm,
            services.plan_open_consultation,
            "Consultation recorded",
            is_shown=_at(Stage.DESIGNATED),
            rule="neighbourhood_plans.open_consultation_plan",
        ),
        _step(
            "submit",
            "Record the submission",
            "The date the qualifying body submitted the plan, after its consultation closed.",
            SubmissionForm,
            services.plan_submit,
            "Submission recorded",
            description="Record the submission to the council",
            is_shown=_at(Stage.PRE_SUBMISSION),
            rule="neighbourhood_plans.submit_plan",
        ),
        _step(
            "start_examination",
            "Record the start of the examination",
            "The date the independent examiner started, and who they are.",
            ExaminationForm,
            services.plan_start_examination,
            "Examination recorded",
            is_shown=_at(Stage.SUBMITTED),
            rule="neighbourhood_plans.start_examination_plan",
        ),
        _step(
            "record_referendum",
            "Record the referendum result",
            "The date, the turnout and the share voting yes, each as a percentage from 0 to 100.",
            ReferendumForm,
            services.plan_record_referendum,
            "Referendum recorded",
            is_shown=_at(Stage.EXAMINATION),
            rule="neighbourhood_plans.record_referendum_plan",
        ),
        _step(
            "make",
            "Record that the plan is made",
            "Only a plan that more than half of those voting supported can be made.",
            MadeForm,
            services.plan_make,
            "Plan made",
            is_shown=lambda p: p.stage == Stage.REFERENDUM and p.referendum_passed,
            rule="neighbourhood_plans.make_plan",
        ),
        _step(
            "add_document",
            "Publish a document",
            "It is published on the plan's page under the plan's present stage.",
            DocumentForm,
            services.plan_document_add,
            "Document published",
            rule="neighbourhood_plans.add_document_plan",
        ),
    ]

    def has_delete_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return super().has_add_permission(request) and request.user.has_perm("neighbourhood_plans.designate_plan")

    def get_inlines(self, request, obj):
        return [] if obj is None else self.inlines

    def get_form(self, request, obj=None, change=False, **kwargs):
        if obj is None:
            kwargs["form"] = DesignationForm
        return super().get_form(request, obj, change=change, **kwargs)

    def get_fields(self, request, obj=None):
        if obj is None:
            return DesignationForm.Meta.fields
        return ["name", "area", "council", "qualifying_body", "summary", "website", *STAGE_FIELDS]

    def get_readonly_fields(self, request, obj=None):
        return [] if obj is None else ["area", "council", *STAGE_FIELDS]

    def save_model(self, request, obj, form, change):
        if change:
            return super().save_model(request, obj, form, change)
        plan = services.plan_designate(
            by=request.user, **{f: form.cleaned_data[f] for f in DesignationForm.Meta.fields}
        )
        obj.pk = plan.pk
        obj._state.adding = False
        return None
