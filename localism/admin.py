from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django_ratelimit.decorators import ratelimit

from localism.admin_audit import AuditedModelAdmin
from localism.admin_readonly import ReadOnlyMixin
from localism.forms import ImportForm
from localism.imports import IMPORTERS
from localism.models import (
    AuditEntry,
    Council,
    Councillor,
    ImportBatch,
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


class ReadOnlyAdmin(ReadOnlyMixin, admin.ModelAdmin):
    """Records written only by the services (an audit trail, an import and what it loaded): never added,
    changed or deleted in the admin."""


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnlyAdmin):
    """Read-only: the trail is written by the services, never edited."""

    list_display = ["created_at", "description", "actor", "target_repr"]
    list_filter = ["action", "target_type"]
    search_fields = ["action", "target_repr", "actor__email"]
    date_hierarchy = "created_at"
    list_select_related = ["actor", "target_type"]


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
    raw_id_fields = ["user"]
    list_select_related = ["council", "area"]
    inlines = [SurgeryInline]


@ratelimit(group="localism.import", key="user_or_ip", rate="20/m", method="POST", block=True)
def import_view(request: HttpRequest, dataset: str = "") -> HttpResponse:
    """Staff upload a file for one of the importers they may use: every problem is listed by line (or by
    record) and nothing is imported, or all of it is and the batch says so. Wrapped by the admin site."""
    from localism.services import dataset_import

    importers = sorted(
        (
            importer
            for importer in IMPORTERS.values()
            if importer.is_uploaded and (not dataset or importer.dataset == dataset)
        ),
        key=lambda importer: (importer.order, importer.label),
    )
    importers = [importer for importer in importers if request.user.has_perm(importer.permission)]
    if not importers:
        raise PermissionDenied
    form = ImportForm(request.POST or None, request.FILES or None, importers=importers)
    result = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        result = dataset_import(
            dataset=form.cleaned_data["dataset"], file_name=upload.name, data=upload.read(), by=request.user
        )
        if result.succeeded or result.already_imported:
            report = " ".join(result.report())
            (messages.warning if result.already_imported else messages.success)(request, report)
            return HttpResponseRedirect(reverse("admin:localism_importbatch_change", args=[result.batch.pk]))
    context = {
        **admin.site.each_context(request),
        "title": "Import a data file" if len(importers) > 1 else f"Import a file: {importers[0].label}",
        "form": form,
        "importers": importers,
        "result": result,
        "opts": ImportBatch._meta,
    }
    failed = request.method == "POST"
    return TemplateResponse(request, "admin/localism/import_form.html", context, status=400 if failed else 200)


class ImportFormMixin:
    """The one import form (import_view) at "import/" of a model's admin, named `admin:<app>_<model>_import`:
    for the `import_dataset` alone, or for every importer the person may use when it is empty."""

    import_dataset = ""

    def get_urls(self):
        view = self.admin_site.admin_view(import_view)
        name = f"{self.opts.app_label}_{self.opts.model_name}_import"
        return [path("import/", view, {"dataset": self.import_dataset}, name=name), *super().get_urls()]


@admin.register(ImportBatch)
class ImportBatchAdmin(ImportFormMixin, ReadOnlyAdmin):
    """Every file staff imported or tried to, from the admin or a management command; read-only."""

    list_display = ["imported_at", "dataset", "file_name", "status", "row_count", "created_count", "imported_by"]
    list_filter = ["dataset", "status"]
    list_select_related = ["imported_by"]
    readonly_fields = [
        "dataset",
        "status",
        "file_name",
        "checksum",
        "row_count",
        "created_count",
        "duplicate_count",
        "error_count",
        "line_errors",
        "imported_by",
        "imported_at",
    ]
    exclude = ["errors", "is_repeatable"]
    change_list_template = "admin/localism/importbatch_change_list.html"

    @admin.display(description="Errors by line")
    def line_errors(self, obj: ImportBatch) -> str:
        if not obj.errors:
            return "None"
        return format_html("<ul>{}</ul>", format_html_join("", "<li>{}</li>", ((line,) for line in obj.error_lines())))
