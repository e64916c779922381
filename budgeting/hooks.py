"""What participatory budgeting adds to the shared pages and services (imported once at start-up; see
localism.registry)."""

from accounts.privacy import register_privacy_module
from budgeting import privacy, sections
from budgeting.models import Project, Round
from discussions.registry import register_discussable
from localism.audit import register_actions
from localism.search import register_search
from localism.sections import Section, register_home_section, register_place_section
from localism.sitemaps import register_sitemap
from participation_codes.registry import register_code_target

register_home_section(Section("budgeting", "budgeting/partials/_home_section.html", sections.home, order=40))
register_place_section(Section("budgeting", "budgeting/partials/_place_section.html", sections.place, order=40))

register_search("budgeting", sections.search_projects, order=60)
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
    }
)

register_privacy_module("budgeting", privacy)

register_discussable("budgeting-project", Project, sections.project_discussion)

register_code_target("budgeting-round", Round, "budgeting.run_round", "budgeting:vote_code", allows="one vote")
