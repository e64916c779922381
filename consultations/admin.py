"""Staff run consultations here: schedule, questions, documents, team, meetings, publishing and outcomes."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import Count
from django.http import HttpRequest, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html

from accounts.permissions import council_limit
from accounts.rules import permission
from consultations import branching, equality, services
from consultations.forms import DeclineForm, OfflineResponseForm, PublishForm
from consultations.models import (
    Consultation,
    CoproductionTeam,
    DistrictPopulation,
    Document,
    Meeting,
    MeetingDecision,
    MeetingPaper,
    Outcome,
    OutcomeAction,
    OutcomeTheme,
    Question,
    Response,
    Stage,
    SurveyPage,
    TeamApplication,
    TeamMember,
)
from consultations.population import POPULATION, district_council, share_refusals
from localism.admin import ImportFormMixin
from localism.admin_actions import ObjectAction, ObjectActionsMixin
from localism.admin_audit import AuditedModelAdmin
from localism.admin_councils import CouncilContentAdmin
from localism.admin_readonly import LockedInlineMixin, ReadOnlyMixin
from localism.dates import long_date
from localism.models import Council, Place
from participation_codes.admin import CodeBatchesMixin
from transparency.delivery import DeliveredByAdmin


class OptionsField(forms.CharField):
    """The options of a question, one per line."""

    widget = forms.Textarea(attrs={"rows": 4, "cols": 40})

    def prepare_value(self, value):
        if isinstance(value, list | tuple):
            return "\n".join(value)
        return value

    def to_python(self, value):
        if isinstance(value, list | tuple):
            return list(value)
        return [line.strip()[:200] for line in (value or "").splitlines() if line.strip()]


SHOWN_IF_LABELS = {"shown_if_question": "Show only if the answer to", "shown_if_answer": "is, or includes"}
SHOWN_IF_HELP = {
    "page": "Questions on no page are asked first.",
    "shown_if_question": "A choice question on an earlier page. Leave empty to show it to everyone.",
    "shown_if_answer": "One of that question's options, exactly as written.",
}


class ShownIfForm(forms.ModelForm):
    """A page or question with its branching rule, checked against the survey (branching.rule_problem)."""

    def _rule_page(self, cleaned) -> SurveyPage | None:
        return self.instance

    def clean(self):
        cleaned = super().clean()
        cleaned["shown_if_answer"] = (cleaned.get("shown_if_answer") or "").strip()
        problem = branching.rule_problem(
            cleaned.get("shown_if_question"),
            cleaned["shown_if_answer"],
            consultation_id=self.instance.consultation_id,
            page=self._rule_page(cleaned),
        )
        if problem:
            self.add_error("shown_if_answer", problem)
        return cleaned


class SurveyPageForm(ShownIfForm):
    class Meta:
        model = SurveyPage
        fields = ["position", "title", "intro", "shown_if_question", "shown_if_answer"]
        labels = SHOWN_IF_LABELS
        help_texts = SHOWN_IF_HELP

    def _rule_page(self, cleaned) -> SurveyPage:
        return SurveyPage(position=cleaned.get("position") or 0)


class QuestionForm(ShownIfForm):
    options = OptionsField(required=False, help_text="One per line. A scale question has 5 labels, from 1 to 5.")

    class Meta:
        model = Question
        fields = [
            *["page", "position", "kind", "text", "help_text", "is_required", "options"],
            *["shown_if_question", "shown_if_answer"],
        ]
        labels = SHOWN_IF_LABELS
        help_texts = SHOWN_IF_HELP

    def _rule_page(self, cleaned) -> SurveyPage | None:
        return cleaned.get("page")

    def clean(self):
        cleaned = super().clean()
        kind = cleaned.get("kind")
        options = cleaned.get("options") or []
        if kind == Question.Kind.SCALE and len(options) != 5:
            self.add_error("options", "A scale question needs 5 labels, one per line, from 1 to 5.")
        elif kind in (Question.Kind.SINGLE, Question.Kind.MULTIPLE, Question.Kind.RANKING) and len(options) < 2:
            self.add_error("options", "A choice or ranking question needs at least 2 options, one per line.")
        elif kind in (Question.Kind.TEXT, Question.Kind.LONG_TEXT):
            cleaned["options"] = []
        if len(options) != len(set(options)):
            self.add_error("options", "Each option must be different.")
        return cleaned


class StageInline(admin.TabularInline):
    model = Stage
    extra = 0
    fields = ["position", "kind", "title", "starts_on", "ends_on", "description"]


class DocumentInline(admin.TabularInline):
    model = Document
    extra = 0
    fields = ["position", "title", "file", "is_easy_read", "file_type", "file_size"]
    readonly_fields = ["file_type", "file_size"]


class SurveyInline(LockedInlineMixin, admin.StackedInline):
    """Pages and questions: their branching rules choose among this consultation's own pages and questions;
    all are locked once people have responded."""

    extra = 0

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name in ("page", "shown_if_question"):
            consultation = request.resolver_match.kwargs.get("object_id")
            kwargs["queryset"] = db_field.related_model.objects.filter(consultation_id=consultation).order_by(
                "position", "id"
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def is_locked(self, obj) -> bool:
        return services.questions_are_locked(obj)


class SurveyPageInline(SurveyInline):
    model = SurveyPage
    form = SurveyPageForm
    verbose_name = "survey page (for a survey that branches)"


class QuestionInline(SurveyInline):
    model = Question
    form = QuestionForm


@admin.register(Consultation)
class ConsultationAdmin(CodeBatchesMixin, CouncilContentAdmin, AuditedModelAdmin):
    council_rule = staticmethod(permission("consultations.run_consultation"))
    list_display = [
        "title",
        "council",
        "status_shown",
        "opens_at",
        "closes_at",
        "response_count",
        "participation_level",
    ]
    list_filter = ["council", "participation_level", "topics"]
    list_select_related = ["council"]
    search_fields = ["title", "summary"]
    prepopulated_fields = {"slug": ["title"]}
    filter_horizontal = ["places", "topics"]
    readonly_fields = ["published_at", "published_by"]
    inlines = [StageInline, DocumentInline, SurveyPageInline, QuestionInline]
    change_form_template = "consultations/admin/consultation_change_form.html"
    fieldsets = [
        (None, {"fields": ["title", "slug", "summary", "body", "commissioning", "participation_level"]}),
        ("Who asks, who decides, and when", {"fields": ["council", "decision_maker", "decision_expected_on"]}),
        ("Where and what", {"fields": ["places", "topics"]}),
        ("Schedule", {"fields": ["opens_at", "closes_at", "published_at", "published_by"]}),
        ("The Gunning principles", {"fields": ["formative_stage", "consideration"]}),
        ("Discussion", {"fields": ["is_premoderated"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(responses_total=Count("responses")).select_related("outcome")

    @admin.display(description="responses", ordering="responses_total")
    def response_count(self, obj) -> int:
        return obj.responses_total

    @admin.display(description="status")
    def status_shown(self, obj) -> str:
        return obj.status_label

    def change_view(self, request, object_id, form_url="", extra_context=None):
        consultation = self.get_object(request, object_id)
        extra_context = extra_context or {}
        if consultation is not None:
            if services.questions_are_locked(consultation):
                messages.info(
                    request,
                    "The questions are locked because people have responded: changing them would change "
                    "what people answered.",
                )
            extra_context["consultation"] = consultation
        return super().change_view(request, object_id, form_url, extra_context)

    def get_urls(self):
        own = [
            path("<int:pk>/publish/", self.admin_site.admin_view(self.publish_view), name="consultations_publish"),
            path(
                "<int:pk>/offline-response/",
                self.admin_site.admin_view(self.offline_response_view),
                name="consultations_offline_response",
            ),
        ]
        return own + super().get_urls()

    def publish_view(self, request: HttpRequest, pk: int):
        consultation = get_object_or_404(self.get_queryset(request), pk=pk)
        if not self.has_change_permission(request, consultation):
            raise PermissionDenied
        change_url = reverse("admin:consultations_consultation_change", args=[pk])
        form = PublishForm(request.POST or None)
        if request.method == "POST":
            if "unpublish" in request.POST:
                try:
                    services.consultation_unpublish(consultation=consultation, by=request.user)
                    messages.success(request, "The consultation is back to draft.")
                except services.ConsultationError as error:
                    messages.error(request, str(error))
                return HttpResponseRedirect(change_url)
            if form.is_valid():
                services.consultation_publish(consultation=consultation, by=request.user)
                messages.success(
                    request,
                    f"Published. It opens on {long_date(consultation.opens_at)}.",
                )
                return HttpResponseRedirect(change_url)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": f"Publish “{consultation}”",
            "consultation": consultation,
            "form": form,
            "warnings": services.publishing_warnings(consultation),
            "change_url": change_url,
        }
        return TemplateResponse(request, "consultations/admin/publish.html", context)

    def offline_response_view(self, request: HttpRequest, pk: int):
        consultation = get_object_or_404(self.get_queryset(request), pk=pk)
        if not self.has_change_permission(request, consultation):
            raise PermissionDenied
        form = OfflineResponseForm(request.POST or None, questions=list(consultation.questions.all()))
        if request.method == "POST" and form.is_valid():
            try:
                services.offline_response_enter(
                    consultation=consultation,
                    entered_by=request.user,
                    channel=form.cleaned_data["channel"],
                    answers=form.answers(),
                    respondent_name=form.cleaned_data["respondent_name"],
                )
            except services.ConsultationError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, "The response is saved and counted in the results.")
                return HttpResponseRedirect(request.path)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": f"Enter an offline response to “{consultation}”",
            "consultation": consultation,
            "form": form,
        }
        return TemplateResponse(request, "consultations/admin/offline_response.html", context)


@admin.register(Response)
class ResponseAdmin(ReadOnlyMixin, CouncilContentAdmin, admin.ModelAdmin):
    council_rule = staticmethod(permission("consultations.run_consultation"))
    """Responses are read here; people change their own online, staff enter offline ones from the consultation."""

    list_display = ["pk", "consultation", "channel", "submitted_at", "updated_at"]
    list_filter = ["channel", "consultation"]
    list_select_related = ["consultation"]
    readonly_fields = ["consultation", "respondent", "channel", "entered_by", "respondent_name", "submitted_at"]
    fields = readonly_fields


class TeamMemberInline(admin.TabularInline):
    model = TeamMember
    extra = 0
    fields = ["name", "kind", "organisation_name", "role", "is_lead", "brings", "access_needs", "user"]
    raw_id_fields = ["user"]


@admin.register(CoproductionTeam)
class CoproductionTeamAdmin(CouncilContentAdmin, AuditedModelAdmin):
    council_rule = staticmethod(permission("consultations.run_consultation"))
    council_owned_choices = {"consultation": Consultation}
    list_display = ["consultation", "is_recruiting"]
    inlines = [TeamMemberInline]
    autocomplete_fields = ["consultation"]


def _accept(modeladmin, request, queryset):
    for application in queryset.filter(status=TeamApplication.Status.PENDING):
        services.team_application_accept(application=application, by=request.user)
    messages.success(request, "The applicants are now team members and have been told by email.")


_accept.short_description = "Accept the selected applications"


def _decline(modeladmin, request, queryset):
    form = DeclineForm(request.POST if "apply" in request.POST else None)
    if form.is_valid():
        for application in queryset.filter(status=TeamApplication.Status.PENDING):
            services.team_application_decline(
                application=application, by=request.user, reason=form.cleaned_data["reason"]
            )
        messages.success(request, "The applicants have been told the decision and the reason by email.")
        return None
    return TemplateResponse(
        request,
        "consultations/admin/decline.html",
        {
            **modeladmin.admin_site.each_context(request),
            "opts": modeladmin.model._meta,
            "title": "Decline applications",
            "applications": queryset,
            "form": form,
        },
    )


_decline.short_description = "Decline the selected applications (with a reason)"


@admin.register(TeamApplication)
class TeamApplicationAdmin(CouncilContentAdmin, admin.ModelAdmin):
    council_rule = staticmethod(permission("consultations.run_consultation"))
    list_display = ["applicant", "team", "organisation_name", "status", "created_at"]
    list_filter = ["status", "team"]
    list_select_related = ["applicant", "team__consultation"]
    readonly_fields = [
        "team",
        "applicant",
        "organisation_name",
        "why",
        "brings",
        "access_needs",
        "status",
        "decision_reason",
        "decided_by",
        "decided_at",
        "created_at",
    ]
    fields = readonly_fields
    actions = [_accept, _decline]

    def has_add_permission(self, request):
        return False


class MeetingPaperInline(admin.TabularInline):
    model = MeetingPaper
    extra = 0
    fields = ["title", "file", "file_type", "file_size"]
    readonly_fields = ["file_type", "file_size"]


class MeetingDecisionInline(admin.StackedInline):
    model = MeetingDecision
    extra = 0


@admin.register(Meeting)
class MeetingAdmin(CouncilContentAdmin, AuditedModelAdmin):
    council_rule = staticmethod(permission("consultations.run_consultation"))
    council_owned_choices = {"team": CoproductionTeam}
    list_display = ["title", "team", "starts_at", "is_published"]
    list_filter = ["is_published"]
    inlines = [MeetingPaperInline, MeetingDecisionInline]


class OutcomeThemeInline(admin.TabularInline):
    model = OutcomeTheme
    extra = 0


class OutcomeActionInline(DeliveredByAdmin, admin.StackedInline):
    """Each action, where it stands, and the decision, contracts and payments that delivered it ("we did",
    traced to the money: shown on the outcome's page and on the spending pages)."""

    model = OutcomeAction
    extra = 0
    fields = [
        "description",
        "owner",
        "due_on",
        "status",
        "status_note",
        "updated_at",
        "decision",
        "contracts",
        "payments",
        "delivered_by_summary",
    ]
    readonly_fields = ["updated_at", "delivered_by_summary"]


def _publish_outcome(modeladmin, request, queryset):
    for found in queryset:
        try:
            services.outcome_publish(outcome=found, by=request.user)
        except services.ConsultationError as error:
            messages.error(request, f"{found.consultation}: {error}")
        else:
            messages.success(request, f"Published the outcome of {found.consultation}; participants are told.")


_publish_outcome.short_description = "Publish the selected outcomes"
_publish_outcome.allowed_permissions = ["change"]


class OutcomeForm(forms.ModelForm):
    class Meta:
        model = Outcome
        fields = ["consultation", "what_we_asked", "what_you_said", "decision", "decision_url", "decided_on"]

    def clean_consultation(self):
        consultation = self.cleaned_data["consultation"]
        if self.instance.pk is None:
            refusal = services.outcome_start_refusal(consultation)
            if refusal:
                raise forms.ValidationError(refusal)
        return consultation


@admin.register(Outcome)
class OutcomeAdmin(ObjectActionsMixin, CouncilContentAdmin, AuditedModelAdmin):
    council_rule = staticmethod(permission("consultations.run_consultation"))
    council_owned_choices = {"consultation": Consultation}
    form = OutcomeForm
    list_display = ["consultation", "decided_on", "published_at", "public_link"]
    readonly_fields = ["published_at"]
    inlines = [OutcomeThemeInline, OutcomeActionInline]
    autocomplete_fields = ["consultation"]
    actions = [_publish_outcome]
    object_actions = [ObjectAction("_publish_outcome", "Publish", is_shown=lambda o: not o.is_published)]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def save_model(self, request, obj, form, change):
        if change:
            return super().save_model(request, obj, form, change)
        # A new outcome is started through the service, which refuses one for a consultation still open.
        services.outcome_create(outcome=obj, by=request.user)
        return None

    @admin.display(description="page")
    def public_link(self, obj):
        return format_html(
            '<a href="{}">Preview</a>', reverse("consultations:outcome", kwargs={"slug": obj.consultation.slug})
        )

    def save_formset(self, request, form, formset, change):
        if formset.model is not OutcomeAction:
            return super().save_formset(request, form, formset, change)
        # Status changes go through the service, which records them and tells participants.
        updates = []
        for inline_form in formset.forms:
            instance = inline_form.instance
            if instance.pk and {"status", "status_note"} & set(inline_form.changed_data):
                updates.append(
                    (instance.pk, inline_form.cleaned_data["status"], inline_form.cleaned_data["status_note"])
                )
                instance.status = inline_form.initial.get("status", instance.status)
                instance.status_note = inline_form.initial.get("status_note", "")
        super().save_formset(request, form, formset, change)
        for pk, status, note in updates:
            services.outcome_action_update(
                action=OutcomeAction.objects.get(pk=pk), by=request.user, status=status, note=note
            )
        return None


def _share_field_name(question: str, category: str) -> str:
    return f"share__{question}__{category}"


def _share_fields() -> dict[str, forms.Field]:
    return {
        _share_field_name(question, category): forms.DecimalField(
            label=label,
            required=False,
            min_value=0,
            max_value=100,
            max_digits=5,
            decimal_places=2,
            help_text="% of residents",
            widget=forms.NumberInput(attrs={"step": "0.01", "class": "vIntegerField"}),
        )
        for question, _, category, label in equality.population_categories()
    }


class DistrictPopulationBaseForm(forms.ModelForm):
    class Meta:
        model = DistrictPopulation
        fields = ["district", "residents", "source"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            for share in self.instance.shares.all():
                name = _share_field_name(share.question, share.category)
                if name in self.fields:
                    self.initial.setdefault(name, share.percent)

    def shares(self) -> dict[tuple[str, str], object]:
        return {
            (question, category): self.cleaned_data.get(_share_field_name(question, category))
            for question, _, category, _ in equality.population_categories()
        }

    def clean(self):
        cleaned = super().clean()
        first_field = {}
        for question, _, category, _ in equality.population_categories():
            first_field.setdefault(question, _share_field_name(question, category))
        for question, message in share_refusals(self.shares()).items():
            self.add_error(first_field[question], message)
        return cleaned


# The form's fields are declared on the class, so that the admin's fieldsets may name them.
DistrictPopulationForm = type("DistrictPopulationForm", (DistrictPopulationBaseForm,), _share_fields())


@admin.register(DistrictPopulation)
class DistrictPopulationAdmin(ImportFormMixin, CouncilContentAdmin, AuditedModelAdmin):
    """The population make-up of a district, for the equality report's comparison: a district's own staff keep
    their district's (the county's team, every district's); or import it from a CSV file."""

    council_rule = staticmethod(permission("consultations.keep_districtpopulation"))
    form = DistrictPopulationForm
    list_display = ["district", "residents", "source", "updated_at"]
    list_select_related = ["district"]
    search_fields = ["district__name"]
    change_list_template = "admin/consultations/districtpopulation_change_list.html"
    import_dataset = POPULATION.dataset

    def get_fieldsets(self, request, obj=None):
        by_question: dict[str, list[str]] = {}
        texts = {}
        for question, text, category, _ in equality.population_categories():
            by_question.setdefault(question, []).append(_share_field_name(question, category))
            texts[question] = text
        return [
            (None, {"fields": ["district", "residents", "source"]}),
            *(
                (texts[question], {"fields": names, "classes": ["collapse"] if question != "sex" else []})
                for question, names in by_question.items()
            ),
        ]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "district":
            districts = Place.objects.districts()
            limit = council_limit(request.user)
            if limit is not None:
                districts = districts.filter(councils__pk=limit, councils__tier=Council.Tier.DISTRICT)
            kwargs["queryset"] = districts.order_by("name")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        obj.council = district_council(obj.district)
        if not self.council_rule(request.user, obj):
            raise PermissionDenied
        services.district_population_save(population=obj, shares=form.shares(), by=request.user)
