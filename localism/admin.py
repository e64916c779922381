from django.contrib import admin

from localism.admin_audit import AuditedModelAdmin
from localism.models import (
    AuditEntry,
    Council,
    Councillor,
    InformationPage,
    Place,
    PlaceContact,
    Postcode,
    PostcodeAssignment,
    Resource,
    Responsibility,
    Surgery,
    Topic,
)


class PlaceContactInline(admin.TabularInline):
    model = PlaceContact
    extra = 1
    fields = ["name", "role", "responsibility", "email", "phone", "website", "position"]


class PostcodeAssignmentInline(admin.TabularInline):
    model = PostcodeAssignment
    extra = 1
    verbose_name = "postcode unit or sector in this area"
    verbose_name_plural = (
        "postcode units and sectors in this area (divisions, wards and parishes only; for areas the postcode "
        "file does not carry: a unit beats a sector, and both beat the file)"
    )


@admin.register(Place)
class PlaceAdmin(AuditedModelAdmin):
    list_display = ["name", "kind", "parent", "ons_code", "is_sample"]
    list_filter = ["kind", "is_sample"]
    search_fields = ["name", "ons_code"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["parent"]
    list_select_related = ["parent"]
    inlines = [PlaceContactInline, PostcodeAssignmentInline]


@admin.register(Topic)
class TopicAdmin(AuditedModelAdmin):
    list_display = ["name", "slug", "description"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Postcode)
class PostcodeAdmin(admin.ModelAdmin):
    list_display = ["postcode", "district_code", "division_code", "ward_code", "parish_code"]
    search_fields = ["postcode"]
    show_full_result_count = False


@admin.register(InformationPage)
class InformationPageAdmin(AuditedModelAdmin):
    list_display = ["title", "section", "is_published", "position", "updated_at"]
    list_filter = ["section", "is_published"]
    search_fields = ["title", "summary", "body"]
    prepopulated_fields = {"slug": ["title"]}


@admin.register(Resource)
class ResourceAdmin(AuditedModelAdmin):
    list_display = ["title", "file_type", "file_size", "is_published", "published_at"]
    list_filter = ["is_published", "file_type", "topics"]
    search_fields = ["title", "summary"]
    prepopulated_fields = {"slug": ["title"]}
    filter_horizontal = ["topics"]


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    """Read-only: the trail is written by the services, never edited."""

    list_display = ["created_at", "description", "actor", "target_repr"]
    list_filter = ["action", "target_type"]
    search_fields = ["action", "target_repr", "actor__email"]
    date_hierarchy = "created_at"
    list_select_related = ["actor", "target_type"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Responsibility)
class ResponsibilityAdmin(AuditedModelAdmin):
    list_display = ["name", "usual_tier", "description"]
    list_filter = ["usual_tier"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Council)
class CouncilAdmin(AuditedModelAdmin):
    list_display = ["name", "tier", "website"]
    list_filter = ["tier"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    # Select2's many-value box has an unlabelled search field (axe: label); the filter widget is labelled.
    filter_horizontal = ["places", "responsibilities"]


class SurgeryInline(admin.TabularInline):
    model = Surgery
    extra = 1
    fields = ["starts_at", "ends_at", "venue", "notes"]


@admin.register(Councillor)
class CouncillorAdmin(AuditedModelAdmin):
    list_display = ["name", "council", "area", "party", "is_sample"]
    list_filter = ["council__tier", "council", "is_sample"]
    search_fields = ["name", "party", "area__name"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["area"]
    list_select_related = ["council", "area"]
    inlines = [SurgeryInline]
