"""What participatory budgeting adds to the shared pages and services (imported once at start-up; see
localism.registry)."""

from accounts.privacy import register_privacy_module
from accounts.rules import permission
from budgeting import privacy, sections
from budgeting.models import Delivery, Project, Round
from discussions.registry import register_discussable
from localism.audit import register_actions
from localism.search import register_search
from localism.sections import Section, register_home_section, register_place_section
from localism.sitemaps import register_sitemap
from notifications.registry import register_followable
from participation_codes.registry import register_code_target
from transparency.delivery import register_delivering

register_home_section(Section("budgeting", "budgeting/partials/_home_section.html", sections.home, order=40))
register_place_section(Section("budgeting", "budgeting/partials/_place_section.html", sections.place, order=40))

register_search("budgeting", "Budgeting projects", sections.search_projects, order=60)
register_sitemap("budgeting", sections.RoundSitemap)

register_actions(
    {
        "budgeting.project.proposed": "Budgeting project proposed",
        "budgeting.project.changed": "Budgeting project changed by its proposer",
        "budgeting.project.accepted": "Budgeting project accepted",
        "budgeting.project.declined": "Budgeting project declined",
        "budgeting.paper_tally.entered": "Paper votes entered as a tally per project",
        "budgeting.paper_ballot.entered": "Paper ballot entered",
        "budgeting.round.results_published": "Budgeting results published",
        "budgeting.delivery.updated": "Funded project's delivery status changed",
        "budgeting.delivery.progress_reported": "Funded project's progress reported",
    }
)

register_privacy_module("budgeting", privacy)

register_discussable("budgeting-project", Project, sections.project_discussion)

register_code_target("budgeting-round", Round, "budgeting.run_round", "budgeting:vote_code", allows="one vote")

# People follow a round or a project, and hear when a project they chose is completed.
register_followable(Round, "budgeting round", can_see=permission("budgeting.see_round"))
register_followable(Project, "budgeting project", can_see=permission("budgeting.see_project"))

# A payment, contract or decision on the transparency pages names the funded project it delivered.
register_delivering(
    Delivery, public=lambda: Delivery.objects.public().select_related("project__round").order_by(), order=20
)
