from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html

from accounts.rules import permission
from budgeting.counting import allocate
from budgeting.forms import DeliveryUpdateForm, PaperBallotForm
from budgeting.models import Delivery, DeliveryUpdate, PaperTally, Project, Round
from budgeting.services import (
    delivery_report_progress,
    delivery_update,
    paper_ballot_enter,
    project_check,
    round_count,
    round_publish_results,
    round_turnout,
)
from localism.admin_actions import ObjectAction, ObjectActionsMixin, ask_then_apply
from localism.admin_audit import AuditedModelAdmin
from localism.admin_councils import CouncilContentAdmin
from localism.admin_readonly import ReadOnlyMixin
from localism.audit import audit_record
from localism.forms import form_status
from localism.numbers import counted, money, number
from participation_codes.admin import CodeBatchesMixin
from transparency.delivery import DeliveredByAdmin


class PaperTallyInline(ReadOnlyMixin, admin.TabularInline):
    """Paper votes counted per project before paper ballots were entered one by one: kept, and shown apart."""

    model = PaperTally
    extra = 0
    verbose_name_plural = "paper tallies from before paper ballots (votes per project, not voters)"
    fields = ["project", "votes", "event", "entered_by", "entered_at"]
    readonly_fields = fields


@admin.register(Round)
class RoundAdmin(CodeBatchesMixin, CouncilContentAdmin, AuditedModelAdmin):
    council_rule = staticmethod(permission("budgeting.run_round"))
    list_filter = ["council"]
    list_select_related = ["council"]
    list_display = ["title", "council", "pot", "method", "voting_opens", "voting_closes", "results_published_at"]
    prepopulated_fields = {"slug": ["title"]}
    filter_horizontal = ["places"]
    inlines = [PaperTallyInline]
    readonly_fields = ["count_so_far", "results_published_at"]
    actions = ["publish_results"]
    change_form_template = "budgeting/admin/round_change_form.html"

    @admin.display(description="The count so far (online, code and paper ballots)")
    def count_so_far(self, obj):
        if obj.pk is None:
            return "—"
        took_part = round_turnout(obj)
        lines = [
            f"Voters: {number(took_part['online'])} online signed in, {number(took_part['code'])} with a code, "
            f"{number(took_part['paper'])} on paper.",
            *(
                f"{o.tally.title}: {counted(o.tally.votes, 'vote')}, {money(o.tally.cost)}, "
                f"{'funded' if o.funded else 'not funded'}"
                for o in allocate(round_count(obj), obj.pot)
            ),
        ]
        return "\n".join(lines)

    def get_urls(self):
        view = self.admin_site.admin_view(self.paper_ballots_view)
        return [path("<int:pk>/paper-ballots/", view, name="budgeting_paper_ballots"), *super().get_urls()]

    def paper_ballots_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        """Enter paper ballots one at a time: each checked against the round's rule and counted as a voter."""
        budget_round = get_object_or_404(self.get_queryset(request), pk=pk)
        if not self.has_change_permission(request, budget_round):
            raise PermissionDenied
        form = PaperBallotForm(request.POST or None, round=budget_round)
        if request.method == "POST" and form.is_valid():
            try:
                ballot = paper_ballot_enter(
                    round=budget_round,
                    number=form.cleaned_data["paper_number"],
                    project_ids=[p.pk for p in form.cleaned_data["projects"]],
                    code=form.cleaned_data["code"],
                    by=request.user,
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, f"Ballot paper {ballot.paper_number} is entered and counted.")
                return HttpResponseRedirect(request.path)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "original": budget_round,
            "title": f"Enter paper ballots: {budget_round}",
            "round": budget_round,
            "form": form,
            "took_part": round_turnout(budget_round),
        }
        return TemplateResponse(request, "budgeting/admin/paper_ballots.html", context, status=form_status(form))

    @admin.action(description="Publish the results (after voting has closed)")
    def publish_results(self, request, queryset):
        for budget_round in queryset:
            try:
                round_publish_results(round=budget_round, by=request.user)
            except ValidationError as exc:
                self.message_user(request, f"{budget_round}: {exc.messages[0]}", messages.ERROR)
            else:
                self.message_user(request, f"{budget_round}: results published.", messages.SUCCESS)


@admin.register(Project)
class ProjectAdmin(ObjectActionsMixin, CouncilContentAdmin, admin.ModelAdmin):
    """Checking proposals: accept, or decline with the reason the proposer sees (buttons, actions or the status)."""

    council_rule = staticmethod(permission("budgeting.run_round"))
    list_display = ["title", "round", "cost", "place", "status", "created_at"]
    list_filter = ["status", "round"]
    search_fields = ["title", "organisation__name"]
    list_select_related = ["round", "place"]
    fields = [
        "round",
        "title",
        "description",
        "cost",
        "place",
        "organisation",
        "image",
        "image_description",
        "proposer",
        "created_at",
        "status",
        "decline_reason",
        "checked_by",
        "checked_at",
    ]
    # Staff decide the status (and a reason when declining); the proposal itself is the proposer's.
    readonly_fields = [name for name in fields if name not in ("status", "decline_reason")]
    fields = [*fields, "delivery_link"]
    readonly_fields = [*readonly_fields, "delivery_link"]

    @admin.display(description="delivery")
    def delivery_link(self, obj):
        delivery = Delivery.objects.filter(project=obj).first() if obj and obj.pk else None
        if delivery is None:
            return "Tracked once the project is funded (when the round's results are published)."
        url = reverse("admin:budgeting_delivery_change", args=[delivery.pk])
        return format_html('<a href="{}">Track its delivery</a> ({})', url, delivery.get_status_display())

    actions = ["accept", "decline"]
    object_actions = [
        ObjectAction("accept", "Accept", is_shown=lambda p: p.status != Project.Status.ACCEPTED),
        ObjectAction("decline", "Decline (with a reason)", is_shown=lambda p: p.status != Project.Status.DECLINED),
    ]

    @admin.action(description="Accept the selected projects", permissions=["change"])
    def accept(self, request, queryset):
        for project in queryset.select_related("round"):
            project_check(project=project, by=request.user, accept=True)
        self.message_user(request, f"Accepted: {len(queryset):,}; the proposers are told.", messages.SUCCESS)

    @admin.action(description="Decline the selected projects (with a reason)", permissions=["change"])
    def decline(self, request, queryset):
        return ask_then_apply(
            self,
            request,
            queryset.select_related("round"),
            title="Decline projects",
            intro="The proposer will read your reason in an email and on the project's page.",
            apply=lambda p, data: project_check(project=p, by=request.user, accept=False, reason=data["reason"]),
            done="Declined",
        )

    def has_add_permission(self, request):
        return False

    def save_model(self, request, obj, form, change):
        if "status" in form.changed_data or "decline_reason" in form.changed_data:
            if obj.status == Project.Status.SUBMITTED:
                return
            project_check(
                project=obj, by=request.user, accept=obj.status == Project.Status.ACCEPTED, reason=obj.decline_reason
            )

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)

        class CheckForm(form):
            def clean(self):
                cleaned = super().clean()
                if cleaned.get("status") == Project.Status.DECLINED and not cleaned.get("decline_reason", "").strip():
                    self.add_error("decline_reason", "Give the reason the project is declined: the proposer sees it.")
                return cleaned

        return CheckForm


class DeliveryUpdateInline(admin.StackedInline):
    model = DeliveryUpdate
    form = DeliveryUpdateForm
    extra = 1
    fields = ["reported_on", "note", "photo", "photo_description"]
    verbose_name = "progress report"
    verbose_name_plural = "progress reports (shown on the project's page, newest first)"


@admin.register(Delivery)
class DeliveryAdmin(DeliveredByAdmin, CouncilContentAdmin, AuditedModelAdmin):
    """A funded project's delivery, as an outcome's actions are tracked: where it stands, its progress reports
    with photos, its completion, and the decision, contracts and payments that delivered it. Started for each
    funded project when the round's results are published; its council's staff keep it."""

    council_rule = staticmethod(permission("budgeting.run_round"))
    list_display = ["project", "round", "status", "due_on", "completed_on"]
    list_filter = ["status"]
    list_select_related = ["project__round"]
    search_fields = ["project__title", "description"]
    fields = [
        "project",
        "description",
        "owner",
        "due_on",
        "status",
        "status_note",
        "completed_on",
        "decision",
        "contracts",
        "payments",
        "delivered_by_summary",
    ]
    readonly_fields = ["project", "completed_on", "delivered_by_summary"]
    inlines = [DeliveryUpdateInline]

    @admin.display(description="round")
    def round(self, obj):
        return obj.project.round

    def has_add_permission(self, request):
        return False

    def save_model(self, request, obj, form, change):
        # Where it stands goes through the service, which completes it and tells the project's followers.
        wanted = {name: form.cleaned_data[name] for name in ("status", "status_note", "due_on")}
        for name in wanted:
            setattr(obj, name, form.initial.get(name, getattr(obj, name)))
        super().save_model(request, obj, form, change)
        delivery_update(
            delivery=obj, by=request.user, status=wanted["status"], note=wanted["status_note"], due_on=wanted["due_on"]
        )

    def save_formset(self, request, form, formset, change):
        updates = formset.save(commit=False)
        for update in formset.deleted_objects:
            audit_record(action="budgeting.deliveryupdate.deleted", actor=request.user, target=update)
            update.delete()
        for update in updates:
            if update.pk is None:
                delivery_report_progress(delivery=form.instance, by=request.user, update=update)
            else:
                update.save()
                audit_record(action="budgeting.deliveryupdate.changed", actor=request.user, target=update)
