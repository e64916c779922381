"""Staff record neighbourhood plans: designating an area (the add form), then each stage with a button."""

from __future__ import annotations

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError

from localism import dates
from localism.admin_actions import ObjectAction, ObjectActionsMixin, ask_then_apply
from localism.admin_audit import AuditedModelAdmin
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
                for field, errors in error.error_dict.items():
                    self.add_error(field, errors)
        return cleaned


class DocumentInline(admin.TabularInline):
    model = PlanDocument
    extra = 0
    fields = ["title", "stage", "file", "file_type", "file_size", "published_on"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


def _refuse_unless(allowed: bool) -> None:
    """The rule in rules.py, asked for the plan in its present state, must allow the step."""
    if not allowed:
        raise ValidationError("The plan is not at the stage for that step.")


def _at(stage: str):
    return lambda plan: plan.stage == stage


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
class NeighbourhoodPlanAdmin(ObjectActionsMixin, AuditedModelAdmin):
    list_display = ["name", "area", "council", "stage", "updated_at"]
    list_filter = ["stage", "council"]
    search_fields = ["name", "area__name", "qualifying_body"]
    list_select_related = ["area", "council"]
    inlines = [DocumentInline]
    actions = ["open_consultation", "submit", "start_examination", "record_referendum", "make", "add_document"]
    object_actions = [
        ObjectAction("open_consultation", "Record the pre-submission consultation", is_shown=_at(Stage.DESIGNATED)),
        ObjectAction("submit", "Record the submission", is_shown=_at(Stage.PRE_SUBMISSION)),
        ObjectAction("start_examination", "Record the start of the examination", is_shown=_at(Stage.SUBMITTED)),
        ObjectAction("record_referendum", "Record the referendum result", is_shown=_at(Stage.EXAMINATION)),
        ObjectAction(
            "make",
            "Record that the plan is made",
            is_shown=lambda p: p.stage == Stage.REFERENDUM and p.referendum_passed,
        ),
        ObjectAction("add_document", "Publish a document"),
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

    def _step(self, request, queryset, *, allowed, title, intro, form_class, apply, done):
        def checked(plan, data):
            _refuse_unless(allowed(plan))
            return apply(plan, data)

        return ask_then_apply(
            self, request, queryset, title=title, intro=intro, form_class=form_class, apply=checked, done=done
        )

    @admin.action(description="Record the pre-submission consultation", permissions=["change"])
    def open_consultation(self, request, queryset):
        return self._step(
            request,
            queryset,
            allowed=lambda p: request.user.has_perm("neighbourhood_plans.open_consultation_plan", p),
            title="Record the pre-submission consultation",
            intro="It must run for at least 6 weeks. Link it to the consultation on this portal where it runs here.",
            form_class=ConsultationForm,
            apply=lambda p, d: services.plan_open_consultation(plan=p, by=request.user, **d),
            done="Consultation recorded",
        )

    @admin.action(description="Record the submission to the council", permissions=["change"])
    def submit(self, request, queryset):
        return self._step(
            request,
            queryset,
            allowed=lambda p: request.user.has_perm("neighbourhood_plans.submit_plan", p),
            title="Record the submission",
            intro="The date the qualifying body submitted the plan, after its consultation closed.",
            form_class=SubmissionForm,
            apply=lambda p, d: services.plan_submit(plan=p, by=request.user, **d),
            done="Submission recorded",
        )

    @admin.action(description="Record the start of the examination", permissions=["change"])
    def start_examination(self, request, queryset):
        return self._step(
            request,
            queryset,
            allowed=lambda p: request.user.has_perm("neighbourhood_plans.start_examination_plan", p),
            title="Record the start of the examination",
            intro="The date the independent examiner started, and who they are.",
            form_class=ExaminationForm,
            apply=lambda p, d: services.plan_start_examination(plan=p, by=request.user, **d),
            done="Examination recorded",
        )

    @admin.action(description="Record the referendum result", permissions=["change"])
    def record_referendum(self, request, queryset):
        return self._step(
            request,
            queryset,
            allowed=lambda p: request.user.has_perm("neighbourhood_plans.record_referendum_plan", p),
            title="Record the referendum result",
            intro="The date, the turnout and the share voting yes, each as a percentage from 0 to 100.",
            form_class=ReferendumForm,
            apply=lambda p, d: services.plan_record_referendum(plan=p, by=request.user, **d),
            done="Referendum recorded",
        )

    @admin.action(description="Record that the plan is made", permissions=["change"])
    def make(self, request, queryset):
        return self._step(
            request,
            queryset,
            allowed=lambda p: request.user.has_perm("neighbourhood_plans.make_plan", p),
            title="Record that the plan is made",
            intro="Only a plan that more than half of those voting supported can be made.",
            form_class=MadeForm,
            apply=lambda p, d: services.plan_make(plan=p, by=request.user, **d),
            done="Plan made",
        )

    @admin.action(description="Publish a document", permissions=["change"])
    def add_document(self, request, queryset):
        form_files = request.FILES

        class UploadForm(DocumentForm):
            def __init__(self, data=None, *args, **kwargs):
                super().__init__(data, form_files if data is not None else None, *args, **kwargs)

        return self._step(
            request,
            queryset,
            allowed=lambda p: request.user.has_perm("neighbourhood_plans.add_document_plan", p),
            title="Publish a document",
            intro="It is published on the plan's page under the plan's present stage.",
            form_class=UploadForm,
            apply=lambda p, d: services.plan_document_add(plan=p, by=request.user, **d),
            done="Document published",
        )
