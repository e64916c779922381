"""What transparency adds to the shared pages and services (imported once at start-up; see localism.registry)."""

from accounts.permissions import for_council_staff
from accounts.privacy import register_privacy_module
from accounts.rules import permission
from localism.audit import register_actions
from localism.exports import register_downloads
from localism.imports import register_importer
from localism.search import register_search
from localism.sections import Section, register_place_section
from localism.sitemaps import register_sitemap
from localism.work_queues import WorkQueue, register_work_queue
from notifications.registry import register_followable
from transparency import downloads, imports, privacy, sections
from transparency.models import AssetNomination, ExpressionOfInterest

register_place_section(
    Section("transparency", "transparency/partials/_place_section.html", sections.place_section_context, order=30)
)

register_search("decisions", "Decisions", sections.search_decisions, order=40)
register_search("notices", "Public notices", sections.search_notices, order=45)
register_search("assets", "Assets of community value", sections.search_assets, order=50)
register_search("spending", "Spending", sections.search_spending, order=52)
register_search("suppliers", "Suppliers the council paid", sections.search_suppliers, order=54)
for name, sitemap in sections.sitemaps().items():
    register_sitemap(f"transparency-{name}", sitemap)

register_actions(
    {
        "transparency.import.completed": "Data file imported",
        "transparency.import.failed": "Data file refused (nothing imported)",
        "transparency.decision.published": "Decision published to the decisions log",
        "transparency.nomination.submitted": "Asset of community value nominated",
        "transparency.nomination.listed": "Asset listed as of community value",
        "transparency.nomination.not_listed": "Nomination refused (not listed)",
        "transparency.nomination.review_requested": "Owner asked for a review of a listing",
        "transparency.nomination.review_upheld": "Review: listing upheld",
        "transparency.nomination.review_overturned": "Review: asset removed from the list",
        "transparency.disposal_notice.recorded": "Owner's disposal notice recorded",
        "transparency.challenge.submitted": "Expression of interest sent (Right to Challenge)",
        "transparency.challenge.accepted": "Expression of interest accepted",
        "transparency.challenge.modified": "Expression of interest accepted with modifications",
        "transparency.challenge.rejected": "Expression of interest rejected",
    }
)

register_privacy_module("transparency", privacy)

register_followable(AssetNomination, "asset", can_see=permission("transparency.see_assetnomination"))

for importer in imports.IMPORTERS:
    register_importer(importer)

register_downloads("transparency", downloads.DOWNLOADS)


# The admin home's work queues: the deciding council's nominations by their 8-week deadline, overdue first.
def _nominations(user):
    return for_council_staff(AssetNomination.objects.awaiting_decision(), user)


register_work_queue(
    WorkQueue(
        "transparency.nominations_overdue",
        "Nominations past their decision deadline",
        "transparency.change_assetnomination",
        lambda user: _nominations(user).overdue().count(),
        "admin:transparency_assetnomination_changelist",
        "deadline=overdue",
        order=30,
        is_urgent=True,
    )
)
register_work_queue(
    WorkQueue(
        "transparency.nominations_awaiting",
        "Nominations awaiting a decision (earliest deadline first)",
        "transparency.change_assetnomination",
        lambda user: _nominations(user).count(),
        "admin:transparency_assetnomination_changelist",
        "deadline=awaiting",
        order=31,
    )
)
register_work_queue(
    WorkQueue(
        "transparency.expressions_awaiting",
        "Expressions of interest awaiting a decision",
        "transparency.change_expressionofinterest",
        lambda user: for_council_staff(
            ExpressionOfInterest.objects.filter(status=ExpressionOfInterest.Status.SUBMITTED), user
        ).count(),
        "admin:transparency_expressionofinterest_changelist",
        "status__exact=submitted",
        order=35,
    )
)
