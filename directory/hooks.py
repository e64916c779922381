"""What the directory adds to the shared pages and services (imported once at start-up; see localism.registry)."""

from accounts.privacy import register_privacy_module
from accounts.rules import permission
from directory import downloads, imports, oruk_import, privacy, sections
from directory.models import Listing, Organisation
from localism.audit import register_actions
from localism.exports import register_download
from localism.imports import register_importer
from localism.search import register_search
from localism.sections import Section, register_home_section, register_place_section
from localism.sitemaps import register_sitemap
from localism.work_queues import WorkQueue, register_work_queue
from notifications.registry import register_followable

register_home_section(
    Section("directory.new_listings", "directory/partials/_home_section.html", sections.home_context, 20)
)
register_place_section(
    Section("directory.near_place", "directory/partials/_place_section.html", sections.place_context, 20)
)

register_search("listings", "Services, clubs and activities", sections.search_listings, order=20)
for name, sitemap in sections.sitemaps().items():
    register_sitemap(f"directory-{name}", sitemap)

register_actions(
    {
        "directory.organisation.registered": "Organisation registered",
        "directory.organisation.updated": "Organisation details changed",
        "directory.organisation.verified": "Organisation verified",
        "directory.organisation.suspended": "Organisation suspended",
        "directory.organisation_change.proposed": "New organisation details proposed for review",
        "directory.organisation_change.withdrawn": "Proposed organisation details withdrawn",
        "directory.organisation_change.approved": "New organisation details approved and published",
        "directory.organisation_change.rejected": "New organisation details rejected",
        "directory.membership.invited": "Member invited",
        "directory.membership.joined": "Member joined",
        "directory.membership.left": "Member left",
        "directory.listing.created": "Listing created",
        "directory.listing.updated": "Listing updated",
        "directory.listing.changed": "Listing corrected by staff",
        "directory.listing.submitted": "Listing submitted for review",
        "directory.listing.approved": "Listing approved",
        "directory.listing.rejected": "Listing rejected",
        "directory.listing.changes_requested": "Changes requested to a listing",
        "directory.listing.archived": "Listing archived",
        "directory.listing.confirmed": "Listing confirmed as up to date",
        "directory.listing.hidden_as_stale": "Listing hidden as out of date",
        "directory.listing.imported": "Listings imported",
        "directory.listing.import_failed": "Listings file refused (nothing imported)",
        "directory.feed.imported": "Open Referral UK feed imported",
        "directory.feed.import_failed": "Open Referral UK feed refused (nothing imported)",
        "directory.problem_report.created": "Problem reported with a listing",
        "directory.problem_report.resolved": "Problem report resolved",
    }
)

register_privacy_module("directory", privacy)

register_followable(Organisation, "organisation", can_see=permission("directory.see_organisation"))

register_importer(imports.LISTINGS)
register_importer(oruk_import.ORUK_FEED)
register_download("directory.listings", downloads.LISTINGS)


def _listings_to_review(key: str, label: str, *, are_edits: bool, order: int) -> WorkQueue:
    """Listings waiting for review: new ones, or edits to published ones (the admin's list filtered the same way)."""
    return WorkQueue(
        key,
        label,
        "directory.change_listing",
        lambda user: Listing.objects.filter(status=Listing.Status.PENDING, edit_of__isnull=not are_edits).count(),
        "admin:directory_listing_changelist",
        f"status__exact=pending&edit_of__isempty={0 if are_edits else 1}",
        order=order,
    )


# The admin home's work queues (the directory is not any one council's: every reviewer sees all of it).
register_work_queue(_listings_to_review("directory.new_listings", "New listings to review", are_edits=False, order=10))
register_work_queue(
    _listings_to_review("directory.listing_edits", "Edits to published listings to review", are_edits=True, order=11)
)
