from django.contrib import admin, messages
from django.core.exceptions import ValidationError

from accounts.rules import permission
from budgeting.counting import allocate
from budgeting.models import PaperTally, Project, Round
from budgeting.services import paper_tally_enter, project_check, round_count, round_publish_results
from localism.admin_actions import ObjectAction, ObjectActionsMixin, ask_then_apply
from localism.admin_audit import AuditedModelAdmin
from localism.admin_councils import CouncilContentAdmin


class PaperTallyInline(admin.TabularInline):
    model = PaperTally
    extra = 1
    fields = ["project", "votes", "event", "entered_by", "entered_at"]
    readonly_fields = ["entered_by", "entered_at"]

    def has_change_permission(self, request, obj=None):
        return False  # a tally is entered once; a mistake is corrected by a further (negative-free) entry

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "project":
            round_id = request.resolver_match.kwargs.get("object_id")
            kwargs["queryset"] = Project.objects.filter(round_id=round_id, status=Project.Status.ACCEPTED)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(Round)
class RoundAdmin(CouncilContentAdmin, AuditedModelAdmin):
    council_rule = staticmethod(permission("budgeting.run_round"))
    list_filter = ["council"]
    list_select_related = ["council"]
    list_display = ["title", "council", "pot", "method", "voting_opens", "voting_closes", "results_published_at"]
    prepopulated_fields = {"slug": ["title"]}
    filter_horizontal = ["places"]
    inlines = [PaperTallyInline]
    readonly_fields = ["count_so_far", "results_published_at"]
    actions = ["publish_results"]

    @admin.display(description="The count so far (online and paper votes)")
    def count_so_far(self, obj):
        if obj.pk is None:
            return "—"
        lines = [
            f"{o.tally.title}: {o.tally.votes} votes, £{o.tally.cost:,.0f}, {'funded' if o.funded else 'not funded'}"
            for o in allocate(round_count(obj), obj.pot)
        ]
        return "\n".join(lines) or "No accepted projects yet."

    def save_formset(self, request, form, formset, change):
        if formset.model is not PaperTally:
            return super().save_formset(request, form, formset, change)
        # New tallies go through the service (who entered them, and the audit trail); none is edited.
        formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []
        for tally_form in formset.forms:
            if not tally_form.has_changed() or tally_form.instance.pk or not tally_form.cleaned_data:
                continue
            data = tally_form.cleaned_data
            formset.new_objects.append(
                paper_tally_enter(
                    round=form.instance,
                    project=data["project"],
                    votes=data["votes"],
                    event=data["event"],
                    by=request.user,
                )
            )

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
    search_fields = ["title", "organisation"]
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
    actions = ["accept", "decline"]
    object_actions = [
        ObjectAction("accept", "Accept", is_shown=lambda p: p.status != Project.Status.ACCEPTED),
        ObjectAction("decline", "Decline (with a reason)", is_shown=lambda p: p.status != Project.Status.DECLINED),
    ]

    @admin.action(description="Accept the selected projects", permissions=["change"])
    def accept(self, request, queryset):
        for project in queryset.select_related("round"):
            project_check(project=project, by=request.user, accept=True)
        self.message_user(request, f"Accepted: {len(queryset)}; the proposers are told.", messages.SUCCESS)

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
