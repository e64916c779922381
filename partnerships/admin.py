"""Staff of a partnership's council keep it in the admin: its details, members, priorities (with progress
reports and what serves them), meetings (with papers) and action log. A council's own staff see and change
only their council's partnerships (CouncilContentAdmin, asking partnerships.keep_partnership)."""

from __future__ import annotations

from django.contrib import admin

from accounts.rules import permission
from localism.admin_audit import AuditedModelAdmin
from localism.admin_councils import CouncilContentAdmin
from localism.audit import audit_record
from partnerships.models import Action, Meeting, MeetingPaper, Member, Partnership, Priority, PriorityUpdate


class PartnershipContentAdmin(CouncilContentAdmin, AuditedModelAdmin):
    """A partnership's own rows: limited to the staff of the partnership's council, each choice of
    partnership too; new rows of its inlines say who added them (`person_field`) and are audited."""

    council_rule = staticmethod(permission("partnerships.keep_partnership"))
    council_owned_choices = {"partnership": Partnership}
    person_field = {}  # inline model -> the field naming the member of staff who added the row

    def save_formset(self, request, form, formset, change):
        instances = formset.save(commit=False)
        for obj in formset.deleted_objects:
            audit_record(action=self._code(obj, "deleted"), actor=request.user, target=obj)
            obj.delete()
        for obj in instances:
            adding = obj.pk is None
            field = self.person_field.get(type(obj))
            if adding and field:
                setattr(obj, field, request.user)
            obj.save()
            audit_record(action=self._code(obj, "added" if adding else "changed"), actor=request.user, target=obj)
        formset.save_m2m()


class MemberInline(admin.TabularInline):
    model = Member
    extra = 0
    fields = [
        "sector",
        "organisation",
        "name",
        "name_is_public",
        "role",
        "joined_on",
        "left_on",
        "sex",
        "age_band",
        "ethnic_group",
        "disability",
        "account",
    ]
    raw_id_fields = ["organisation", "account"]


class PriorityInline(admin.TabularInline):
    model = Priority
    extra = 0
    fields = ["title", "position"]
    show_change_link = True


class MeetingInline(admin.TabularInline):
    model = Meeting
    extra = 0
    fields = ["title", "starts_at", "location"]
    show_change_link = True


class ActionInline(admin.TabularInline):
    model = Action
    extra = 0
    fields = ["description", "owner", "due_on", "status", "status_note", "priority", "agreed_at"]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        # The priorities and meetings of this partnership only.
        partnership_id = request.resolver_match.kwargs.get("object_id")
        if db_field.name in ("priority", "agreed_at"):
            kwargs["queryset"] = db_field.related_model.objects.filter(partnership_id=partnership_id)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(Partnership)
class PartnershipAdmin(PartnershipContentAdmin):
    list_display = ["name", "kind", "council", "is_published", "updated_at"]
    list_filter = ["kind", "is_published", "council"]
    search_fields = ["name", "summary"]
    list_select_related = ["council"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["places"]
    inlines = [MemberInline, PriorityInline, MeetingInline, ActionInline]


class PriorityUpdateInline(admin.TabularInline):
    model = PriorityUpdate
    extra = 1
    fields = ["reported_on", "status", "note", "added_by"]
    readonly_fields = ["added_by"]


@admin.register(Priority)
class PriorityAdmin(PartnershipContentAdmin):
    list_display = ["title", "partnership", "position"]
    list_select_related = ["partnership"]
    search_fields = ["title"]
    fields = [
        "partnership",
        "title",
        "description",
        "position",
        "consultations",
        "budgeting_rounds",
        "contracts",
        "payments",
    ]
    raw_id_fields = ["consultations", "budgeting_rounds", "contracts", "payments"]
    inlines = [PriorityUpdateInline]
    person_field = {PriorityUpdate: "added_by"}


class MeetingPaperInline(admin.TabularInline):
    model = MeetingPaper
    extra = 1
    fields = ["title", "file", "file_type", "file_size", "uploaded_by"]
    readonly_fields = ["file_type", "file_size", "uploaded_by"]


@admin.register(Meeting)
class MeetingAdmin(PartnershipContentAdmin):
    list_display = ["title", "partnership", "starts_at"]
    list_select_related = ["partnership"]
    search_fields = ["title"]
    inlines = [MeetingPaperInline]
    person_field = {MeetingPaper: "uploaded_by"}
