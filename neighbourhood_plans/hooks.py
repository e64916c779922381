"""What neighbourhood plans add to the shared pages and services (imported once at start-up)."""

from accounts.privacy import register_privacy_module
from accounts.rules import permission
from localism.audit import register_actions
from localism.exports import register_downloads
from localism.search import register_search
from localism.sections import Section, register_place_section
from localism.sitemaps import register_sitemap
from neighbourhood_plans import downloads, privacy, sections
from neighbourhood_plans.models import NeighbourhoodPlan
from notifications.registry import register_followable

register_place_section(
    Section("neighbourhood_plans", "neighbourhood_plans/partials/_place_section.html", sections.place, order=36)
)
register_search("neighbourhood_plans", "Neighbourhood plans", sections.search_plans, order=57)
register_sitemap("neighbourhood-plans", sections.PlanSitemap)
register_followable(NeighbourhoodPlan, "neighbourhood plan", can_see=permission("neighbourhood_plans.see_plan"))

register_actions(
    {
        "neighbourhood_plans.plan.designated": "Neighbourhood area designated",
        "neighbourhood_plans.plan.consultation_opened": "Neighbourhood plan: pre-submission consultation recorded",
        "neighbourhood_plans.plan.submitted": "Neighbourhood plan submitted",
        "neighbourhood_plans.plan.examination_started": "Neighbourhood plan: examination started",
        "neighbourhood_plans.plan.referendum": "Neighbourhood plan: referendum result recorded",
        "neighbourhood_plans.plan.made": "Neighbourhood plan made",
        "neighbourhood_plans.document.added": "Neighbourhood plan: document published",
    }
)

register_privacy_module("neighbourhood_plans", privacy)

register_downloads("neighbourhood_plans", downloads.DOWNLOADS)
