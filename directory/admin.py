"""Staff queues: organisations to verify, listings and edits to review (with a diff), problem reports, taxonomy."""

from __future__ import annotations

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join

from directory import services
from directory.imports import LISTINGS
from directory.models import (
    CostOption,
    FeedRecord,
    Listing,
    ListingVersion,
    Location,
    Organisation,
    OrganisationChange,
    ProblemReport,
    Schedule,
    Taxonomy,
    TaxonomyTerm,
)
from directory.serializers import flat_header, flat_rows
from localism.admin import ImportFormMixin, ReadOnlyAdmin
from localism.admin_actions import StaffStep, StaffStepsMixin, apply_to_each
from localism.admin_audit import AuditedModelAdmin
from localism.admin_readonly import NoAddOrDeleteMixin, RecordInline
from localism.exports import csv_response
from localism.models import AuditEntry, Postcode
from localism.postcodes import typed_postcode


@admin.register(Organisation)
class OrganisationAdmin(StaffStepsMixin, AuditedModelAdmin):
    list_display = ["name", "kind", "status", "charity_number", "company_number", "created_at"]
    list_filter = ["status", "kind"]
    search_fields = ["name", "charity_number", "company_number"]
    readonly_fields = ["change_waiting", "id", "created_at", "verified_at"]
    filter_horizontal = ["places"]
    staff_steps = [
        StaffStep(
            "verify",
            "Verify the selected organisations",
            "Verify",
            form_class=None,
            apply=lambda user, o, data: services.organisation_verify(organisation=o, by=user),
            done="Verified",
            is_shown=lambda o: o.status != Organisation.Status.VERIFIED,
        ),
        StaffStep(
            "suspend",
            "Suspend the selected organisations (with a reason)",
            "Suspend organisations",
            button="Suspend (with a reason)",
            apply=lambda user, o, data: services.organisation_suspend(organisation=o, by=user, reason=data["reason"]),
            done="Suspended",
            is_shown=lambda o: o.status != Organisation.Status.SUSPENDED,
        ),
    ]

    def get_fields(self, request, obj=None):
        fields = super().get_fields(request, obj)
        return ["change_waiting", *[name for name in fields if name != "change_waiting"]]

    @admin.display(description="Changes proposed by the group")
    def change_waiting(self, obj: Organisation) -> str:
        change = obj.changes.pending().first() if obj.pk else None
        if change is None:
            return "None waiting for review."
        return format_html(
            '<a href="{}">New details proposed on {}: compare and review them</a>',
            reverse("admin:directory_organisationchange_change", args=[change.pk]),
            change.updated_at.strftime("%d/%m/%Y"),
        )


@admin.register(OrganisationChange)
class OrganisationChangeAdmin(NoAddOrDeleteMixin, StaffStepsMixin, admin.ModelAdmin):
    """The queue of new details groups propose for verified organisations: compare, then approve or reject."""

    list_display = ["organisation", "status", "proposed_by", "updated_at", "decided_at"]
    list_filter = ["status"]
    search_fields = ["organisation__name"]
    list_select_related = ["organisation", "proposed_by"]
    show_full_result_count = False
    staff_steps = [
        StaffStep(
            "approve",
            "Approve and publish the selected changes",
            "Approve and publish",
            form_class=None,
            apply=lambda user, change, data: services.organisation_change_approve(change=change, by=user),
            done="Approved",
            is_shown=lambda c: c.status == OrganisationChange.Status.PENDING,
        ),
        StaffStep(
            "reject",
            "Reject the selected changes (with a reason)",
            "Reject changes to organisations",
            button="Reject (with a reason)",
            apply=lambda user, c, data: services.organisation_change_reject(change=c, by=user, reason=data["reason"]),
            done="Rejected",
            is_shown=lambda c: c.status == OrganisationChange.Status.PENDING,
        ),
    ]
    fields = [
        "change_diff",
        "organisation",
        "status",
        "review_reason",
        "proposed_by",
        "created_at",
        "updated_at",
        "decided_by",
        "decided_at",
    ]
    # A proposal changes only through the review actions, never by editing it here.
    readonly_fields = fields

    def has_change_permission(self, request, obj=None):
        # Staff with the change permission decide through the actions; a proposal is only ever read here.
        return obj is None and super().has_change_permission(request)

    @admin.display(description="Field by field")
    def change_diff(self, obj: OrganisationChange) -> str:
        rows = services.organisation_change_diff(obj)
        body = format_html_join(
            "",
            '<tr><th scope="row">{}</th><td>{}</td><td>{}</td></tr>',
            ((row["field"], row["before"], row["after"]) for row in rows),
        )
        status = (
            "The directory shows the published details until you approve."
            if obj.status == OrganisationChange.Status.PENDING
            else f"{obj.get_status_display()} on {timezone.localdate(obj.decided_at):%d/%m/%Y}."
        )
        return format_html(
            "<p>{} field{} proposed. {}</p>"
            '<table><thead><tr><th scope="col">Field</th><th scope="col">Published now</th>'
            '<th scope="col">Proposed</th></tr></thead><tbody>{}</tbody></table>',
            len(rows),
            "" if len(rows) == 1 else "s",
            status,
            body,
        )


class ListingVersionInline(RecordInline):
    model = ListingVersion
    fields = ["number", "created_at", "submitted_by", "approved_by"]
    verbose_name_plural = "Published versions (history)"


class LocationAdminForm(forms.ModelForm):
    """A venue: its position comes from the postcode table, never typed by hand."""

    class Meta:
        model = Location
        fields = ["name", "address_1", "city", "postcode", "accessibility"]

    def clean_postcode(self) -> str:
        postcode = typed_postcode(self.cleaned_data["postcode"])
        found = Postcode.objects.filter(postcode=postcode).first()
        if found is None:
            raise ValidationError(f"We could not find {postcode}. Check the postcode.")
        self.instance.latitude, self.instance.longitude = found.latitude, found.longitude
        return postcode


class LocationInline(admin.StackedInline):
    model = Location
    form = LocationAdminForm
    extra = 0
    verbose_name = "venue"


class ScheduleInline(admin.TabularInline):
    model = Schedule
    extra = 0
    fields = services.SCHEDULE_FIELDS
    verbose_name = "opening time or closure"


class CostOptionInline(admin.TabularInline):
    model = CostOption
    extra = 0
    fields = services.COST_FIELDS
    verbose_name = "price"


def _is_pending(listing: Listing) -> bool:
    return listing.status == Listing.Status.PENDING


def _is_pending_of_unverified(listing: Listing) -> bool:
    return _is_pending(listing) and listing.organisation.status == Organisation.Status.PENDING


@admin.register(Listing)
class ListingAdmin(ImportFormMixin, NoAddOrDeleteMixin, StaffStepsMixin, AuditedModelAdmin):
    """The review queue: filter by "Waiting for review"; open one to see what changed."""

    list_display = ["name", "organisation", "kind", "status", "is_edit", "submitted_at", "last_confirmed_at"]
    list_filter = ["status", "kind", "is_hidden_as_stale", ("edit_of", admin.EmptyFieldListFilter)]
    search_fields = ["name", "organisation__name"]
    list_select_related = ["organisation"]
    show_full_result_count = False
    staff_steps = [
        StaffStep(
            "approve",
            "Approve the selected listings",
            "Approve",
            form_class=None,
            apply=lambda user, listing, data: services.listing_approve(listing=listing, by=user),
            done="Approved",
            is_shown=_is_pending,
        ),
        StaffStep(
            "approve_and_verify",
            "Approve the selected listings and verify their organisations",
            "Approve and verify the organisation",
            form_class=None,
            apply=lambda user, listing, data: services.listing_approve(
                listing=listing, by=user, verify_organisation=True
            ),
            done="Approved",
            is_shown=_is_pending_of_unverified,
            permissions=("change", "verify_organisation"),
        ),
        StaffStep(
            "reject",
            "Reject the selected listings (with a reason)",
            "Reject listings",
            button="Reject (with a reason)",
            apply=lambda user, o, data: services.listing_reject(listing=o, by=user, reason=data["reason"]),
            done="Rejected",
            is_shown=_is_pending,
        ),
        StaffStep(
            "request_changes",
            "Ask for changes to the selected listings (with a reason)",
            "Ask for changes",
            button="Ask for changes (with a reason)",
            apply=lambda user, o, data: services.listing_request_changes(listing=o, by=user, reason=data["reason"]),
            done="Sent back for changes",
            is_shown=_is_pending,
        ),
    ]
    actions = ["export_csv"]
    inlines = [LocationInline, ScheduleInline, CostOptionInline, ListingVersionInline]
    change_list_template = "admin/directory/listing_changelist.html"
    import_dataset = LISTINGS.dataset

    @admin.action(description="Download the selected listings as a CSV (ORUK-flat)")
    def export_csv(self, request, queryset):
        rows = queryset.select_related("organisation").prefetch_related("locations", "categories")
        return csv_response("listings.csv", flat_header(), flat_rows(rows))

    STATUS_FIELDS = [
        "organisation",
        "status",
        "review_reason",
        "submitted_at",
        "published_at",
        "last_confirmed_at",
        "is_hidden_as_stale",
    ]
    # Staff can correct a listing's content directly (a phone number from a problem report,
    # a typo): the correction is audited and search is brought up to date at once.
    fieldsets = [
        (None, {"fields": ["review_summary", "change_diff", "history"]}),
        (
            "Content (corrections apply at once)",
            {
                "fields": [
                    "name",
                    "kind",
                    "summary",
                    "description",
                    "categories",
                    "service_areas",
                    ("minimum_age", "maximum_age"),
                    "eligibility",
                    ("is_free", "cost_description"),
                    ("contact_name", "phone", "email"),
                    "url",
                    "languages",
                    ("temporarily_closed", "closed_note"),
                ]
            },
        ),
        ("Status", {"fields": STATUS_FIELDS}),
    ]
    # The organisation and the review status change only through the review actions, not here.
    readonly_fields = ["review_summary", "change_diff", "history", *STATUS_FIELDS]
    filter_horizontal = ["categories", "service_areas"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        services.listing_refresh_search(listing_ids=[form.instance.pk])

    @admin.display(boolean=True, description="Change to a published listing")
    def is_edit(self, obj: Listing) -> bool:
        return obj.edit_of_id is not None

    @admin.display(description="What to review")
    def review_summary(self, obj: Listing) -> str:
        if obj.edit_of_id:
            return "A change to a published listing: the published version stays until you approve."
        return "A new listing." if obj.status == Listing.Status.PENDING else obj.get_status_display()

    @admin.display(description="Field by field")
    def change_diff(self, obj: Listing) -> str:
        rows = services.listing_diff(obj)
        body = format_html_join(
            "",
            '<tr><th scope="row">{}</th><td>{}</td><td>{}</td><td>{}</td></tr>',
            ((row["field"], "Changed" if row["changed"] else "", row["before"], row["after"]) for row in rows),
        )
        changed = sum(1 for row in rows if row["changed"])
        return format_html(
            '<p>{} field{} changed.</p><table><thead><tr><th scope="col">Field</th><th scope="col">Changed?</th>'
            '<th scope="col">Published now</th><th scope="col">Proposed</th></tr></thead><tbody>{}</tbody></table>',
            changed,
            "" if changed == 1 else "s",
            body,
        )

    @admin.display(description="Who changed it")
    def history(self, obj: Listing) -> str:
        target = obj.edit_of or obj
        entries = AuditEntry.objects.filter(target_id=str(target.pk)).select_related("actor")[:30]
        return (
            format_html_join(
                "",
                "<p>{} {}: {}</p>",
                (
                    (e.created_at.strftime("%d/%m/%Y %H:%M"), e.actor.email if e.actor else "system", e.description)
                    for e in entries
                ),
            )
            or "No history yet."
        )

    def has_verify_organisation_permission(self, request) -> bool:
        return request.user.has_perm("directory.verify_organisation")


@admin.register(ProblemReport)
class ProblemReportAdmin(admin.ModelAdmin):
    list_display = ["listing", "created_at", "status"]
    list_filter = ["status"]
    list_select_related = ["listing"]
    fields = ["listing", "what_is_wrong", "reply_email", "status", "created_at", "resolved_at"]
    readonly_fields = fields
    actions = ["resolve"]

    def has_add_permission(self, request):
        return False

    @admin.action(description="Mark the selected reports as resolved")
    def resolve(self, request, queryset):
        apply_to_each(
            request,
            queryset.select_related("listing"),
            lambda report: services.problem_report_resolve(report=report, by=request.user),
            done="Resolved",
        )


@admin.register(Taxonomy)
class TaxonomyAdmin(AuditedModelAdmin):
    list_display = ["name", "version", "uri"]


@admin.register(TaxonomyTerm)
class TaxonomyTermAdmin(AuditedModelAdmin):
    list_display = ["name", "parent", "taxonomy", "code"]
    list_filter = ["taxonomy"]
    search_fields = ["name", "code"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["parent"]
    list_select_related = ["parent", "taxonomy"]


class VanishedFilter(admin.SimpleListFilter):
    title = "in the feed"
    parameter_name = "vanished"

    def lookups(self, request, model_admin):
        return [("no", "Still in the feed"), ("yes", "Vanished from the feed")]

    def queryset(self, request, queryset):
        if self.value() in ("yes", "no"):
            return queryset.filter(vanished_at__isnull=self.value() == "no")
        return queryset


@admin.register(FeedRecord)
class FeedRecordAdmin(ReadOnlyAdmin):
    """Where each row imported from another publisher's Open Referral UK feed came from (`import_oruk`): the
    feed, the publisher's id, when it was first and last seen, and whether it has vanished from the feed."""

    # The row here each kind of record is, and the admin page it is changed on (venues and opening times
    # are changed on their listing's page).
    _ROWS = {
        FeedRecord.Kind.ORGANISATION: "admin:directory_organisation_change",
        FeedRecord.Kind.LISTING: "admin:directory_listing_change",
        FeedRecord.Kind.TAXONOMY: "admin:directory_taxonomy_change",
        FeedRecord.Kind.TAXONOMY_TERM: "admin:directory_taxonomyterm_change",
    }
    list_display = ["external_id", "kind", "source", "record_here", "first_seen_at", "last_seen_at", "vanished_at"]
    list_filter = ["kind", VanishedFilter, "source"]
    search_fields = ["external_id", "source"]
    date_hierarchy = "last_seen_at"
    show_full_result_count = False

    def get_queryset(self, request):
        # The listing of a venue or an opening time, in the same query as the list.
        listing_of = {
            model: models.Subquery(model.objects.filter(pk=models.OuterRef("local_id")).values("listing_id")[:1])
            for model in (Location, Schedule)
        }
        return (
            super()
            .get_queryset(request)
            .annotate(
                listing_id=models.Case(
                    models.When(kind=FeedRecord.Kind.LOCATION, then=listing_of[Location]),
                    models.When(kind=FeedRecord.Kind.SCHEDULE, then=listing_of[Schedule]),
                    default=models.Value(None),
                    output_field=models.UUIDField(),
                )
            )
        )

    @admin.display(description="the row here")
    def record_here(self, record: FeedRecord):
        if record.kind in self._ROWS:
            return format_html('<a href="{}">{}</a>', reverse(self._ROWS[record.kind], args=[record.local_id]), "Open")
        if getattr(record, "listing_id", None):
            url = reverse("admin:directory_listing_change", args=[record.listing_id])
            return format_html('<a href="{}">{}</a>', url, "Open its listing")
        return "Deleted here"
