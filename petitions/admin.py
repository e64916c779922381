"""Staff work on petitions: schemes, checking, paper counts, acknowledgements, responses and debates."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.utils import timezone

from accounts.permissions import for_council_staff
from accounts.rules import permission
from localism.admin_actions import StaffStep, StaffStepsMixin
from localism.admin_audit import AuditedModelAdmin
from localism.admin_councils import CouncilContentAdmin
from localism.admin_readonly import NoAddOrDeleteMixin, ReadOnlyMixin
from localism.dates import DateField
from localism.models import Place
from petitions.models import ExcludedMatter, PaperSheet, Petition, PetitionScheme
from petitions.selectors import possible_duplicates_of
from petitions.services import (
    paper_sheet_add,
    petition_acknowledge,
    petition_close,
    petition_open,
    petition_record_debate,
    petition_reject,
    petition_respond,
)


class ExcludedMatterInline(admin.StackedInline):
    model = ExcludedMatter
    extra = 1
    fields = ["name", "rule", "responsibility", "position"]


@admin.register(PetitionScheme)
class PetitionSchemeAdmin(CouncilContentAdmin, AuditedModelAdmin):
    council_rule = staticmethod(permission("petitions.handle_petition"))
    list_display = ["council", "signatures_for_petition", "signatures_for_debate", "is_accepting"]
    inlines = [ExcludedMatterInline]


class PaperSheetInline(ReadOnlyMixin, admin.TabularInline):
    """The paper counts so far (added with the "Add paper signatures" button: counted, checked and audited)."""

    model = PaperSheet
    extra = 0
    fields = ["sheet_date", "district", "signatures", "note", "entered_by", "entered_at"]
    readonly_fields = fields


class OverdueFilter(admin.SimpleListFilter):
    """Petitions whose acknowledgement or response is past its working-day deadline."""

    title = "overdue"
    parameter_name = "overdue"

    def lookups(self, request, model_admin):
        return [("acknowledgement", "Acknowledgement overdue"), ("response", "Response overdue")]

    def queryset(self, request, queryset):
        if self.value() == "acknowledgement":
            return queryset.acknowledgement_overdue()
        if self.value() == "response":
            return queryset.response_overdue()
        return queryset


class RejectForm(forms.Form):
    excluded_matter = forms.ModelChoiceField(
        queryset=ExcludedMatter.objects.select_related("scheme__council"),
        required=False,
        label="Excluded matter",
        help_text="If it is about a matter the scheme excludes: its rule is quoted to the petitioner.",
    )
    reason = forms.CharField(
        label="Reason",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5, "cols": 80}),
        help_text="Against the house rules, or a duplicate of an open petition (say which).",
    )

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("excluded_matter") and not cleaned.get("reason", "").strip():
            raise ValidationError("Give the reason, or choose the excluded matter: the petitioner reads it.")
        return cleaned


class MessageForm(forms.Form):
    message = forms.CharField(
        label="Message",
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6, "cols": 80}),
        error_messages={"required": "Write the message: signers read it."},
    )


class PaperSheetForm(forms.Form):
    """A paper count: the number and the sheet's date, never the names."""

    district = forms.ModelChoiceField(queryset=Place.objects.districts().order_by("name"))
    signatures = forms.IntegerField(
        min_value=1, label="Number of signatures", error_messages={"min_value": "Enter 1 or more"}
    )
    sheet_date = DateField(label="Date on the sheet")
    note = forms.CharField(max_length=200, required=False, help_text="Where it was collected. No names.")


class DebateForm(forms.Form):
    debated_on = DateField(label="Date of the debate")
    decision = forms.ModelChoiceField(queryset=None, required=False, help_text="The decision, if one was taken.")
    meeting_url = forms.URLField(label="The meeting’s papers", required=False, assume_scheme="https")
    summary = forms.CharField(widget=forms.Textarea(attrs={"rows": 5, "cols": 80}), label="What was decided")

    def __init__(self, *args, **kwargs):
        from transparency.models import Decision

        super().__init__(*args, **kwargs)
        self.fields["decision"].queryset = Decision.objects.published().order_by("-decision_date")


@admin.register(Petition)
class PetitionAdmin(NoAddOrDeleteMixin, StaffStepsMixin, CouncilContentAdmin, admin.ModelAdmin):
    """Checking, acknowledging, paper counts, closing, responding and debates: buttons on each petition."""

    council_rule = staticmethod(permission("petitions.handle_petition"))

    list_display = [
        "title",
        "council",
        "status",
        "signature_count",
        "received_on",
        "acknowledge_by",
        "acknowledged_at",
        "respond_by",
        "responded_at",
    ]
    list_filter = [OverdueFilter, "status", "council"]
    search_fields = ["title", "action"]
    list_select_related = ["council"]
    inlines = [PaperSheetInline]
    fields = [
        "title",
        "action",
        "background",
        "possible_duplicates",
        "council",
        "subject",
        "place",
        "runs_for_weeks",
        "creator",
        "status",
        "created_at",
        "submitted_at",
        "checked_by",
        "checked_at",
        "rejection_reason",
        "opened_at",
        "closes_at",
        "closed_at",
        "signature_count",
        "received_on",
        "acknowledge_by",
        "acknowledged_at",
        "acknowledgement",
        "respond_by",
        "responded_at",
        "response",
        "debated_on",
        "debate_decision",
        "debate_meeting_url",
        "debate_summary",
    ]
    readonly_fields = [*fields, "possible_duplicates"]
    staff_steps = [
        StaffStep(
            "open_petitions",
            "Open the selected petitions (they pass the checks)",
            "Open it (passes the checks)",
            form_class=None,
            apply=lambda user, p, data: petition_open(petition=p, by=user),
            done="Opened",
            is_shown=lambda p: p.is_being_checked,
        ),
        StaffStep(
            "reject",
            "Reject the selected petitions (with the reason)",
            "Reject petitions",
            button="Reject it (with the reason)",
            intro="The petitioner reads the reason (and the excluded matter's rule) in an email and on the page.",
            form_class=RejectForm,
            apply=lambda user, p, data: petition_reject(petition=p, by=user, **data),
            done="Rejected",
            is_shown=lambda p: p.is_being_checked,
        ),
        StaffStep(
            "add_paper",
            "Add paper signatures (a count per sheet, no names)",
            "Add paper signatures",
            intro="Enter the number of signatures and the date on the sheet. Names on paper are never entered.",
            form_class=PaperSheetForm,
            apply=lambda user, p, data: paper_sheet_add(petition=p, by=user, **data),
            done="Paper signatures added",
            is_shown=lambda p: p.is_public,
        ),
        StaffStep(
            "acknowledge",
            "Acknowledge the selected petitions",
            "Acknowledge petitions",
            button="Acknowledge it",
            intro="Say what happens next. Signers and followers read it in an email and on the page.",
            form_class=MessageForm,
            apply=lambda user, p, data: petition_acknowledge(petition=p, by=user, message=data["message"]),
            done="Acknowledged",
            is_shown=lambda p: p.is_public and p.acknowledged_at is None,
        ),
        StaffStep(
            "close",
            "Close the selected petitions now",
            "Close it now",
            form_class=None,
            apply=lambda user, p, data: petition_close(petition=p, by=user),
            done="Closed",
            is_shown=lambda p: p.is_open,
        ),
        StaffStep(
            "respond",
            "Record the council's response",
            "Record the response",
            intro="Say how the petition will be handled. Signers and followers read it.",
            form_class=MessageForm,
            apply=lambda user, p, data: petition_respond(petition=p, by=user, response=data["message"]),
            done="Response recorded",
            is_shown=lambda p: p.status in (Petition.Status.OPEN, Petition.Status.CLOSED) and not p.responded_at,
        ),
        StaffStep(
            "record_debate",
            "Record the debate at full council",
            "Record the debate",
            intro="Link the debate to the decision or to the meeting's papers.",
            form_class=DebateForm,
            apply=lambda user, p, data: petition_record_debate(
                petition=p,
                by=user,
                debated_on=data["debated_on"],
                summary=data["summary"],
                decision=data["decision"],
                meeting_url=data["meeting_url"],
            ),
            done="Debate recorded",
            is_shown=lambda p: p.status in (Petition.Status.CLOSED, Petition.Status.RESPONDED),
        ),
    ]

    @admin.display(description="Possible duplicates (open petitions to the same council on the same words)")
    def possible_duplicates(self, obj):
        if obj.pk is None:
            return "—"
        titles = [f"{p.title} ({p.get_status_display().lower()})" for p in possible_duplicates_of(obj)]
        return "\n".join(titles) or "None found."

    def changelist_view(self, request, extra_context=None):
        today = timezone.localdate()
        petitions = for_council_staff(Petition.objects.all(), request.user)
        overdue = petitions.acknowledgement_overdue(today).count() + petitions.response_overdue(today).count()
        if overdue and "overdue" not in request.GET:
            messages.warning(
                request, f"{overdue} acknowledgement or response deadlines have passed: filter by ‘overdue’."
            )
        return super().changelist_view(request, extra_context)
