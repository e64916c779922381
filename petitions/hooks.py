"""What petitions add to the shared pages and services (imported once at start-up; see localism.registry)."""

from accounts.permissions import for_council_staff
from accounts.privacy import register_privacy_module
from accounts.rules import permission
from localism.audit import register_actions
from localism.search import register_search
from localism.sections import Section, register_place_section
from localism.sitemaps import register_sitemap
from localism.work_queues import WorkQueue, register_work_queue
from notifications.registry import register_followable
from petitions import privacy, sections
from petitions.models import Petition

register_place_section(Section("petitions", "petitions/partials/_place_section.html", sections.place, order=35))

register_search("petitions", sections.search_petitions, order=35)
register_sitemap("petitions", sections.PetitionSitemap)

register_followable(Petition, "petition", can_see=permission("petitions.see_petition"))

register_actions(
    {
        "petitions.petition.started": "Petition started (draft)",
        "petitions.petition.edited": "Petition draft changed",
        "petitions.petition.submitted": "Petition sent to be checked",
        "petitions.petition.opened": "Petition checked and opened",
        "petitions.petition.rejected": "Petition not accepted",
        "petitions.petition.received": "Petition reached the scheme's threshold",
        "petitions.petition.debate_threshold": "Petition reached the debate threshold",
        "petitions.paper.added": "Paper signatures added",
        "petitions.petition.acknowledged": "Petition acknowledged",
        "petitions.petition.closed": "Petition closed",
        "petitions.petition.responded": "Council responded to a petition",
        "petitions.petition.debated": "Petition debate recorded",
    }
)

register_privacy_module("petitions", privacy)

# The admin home's work queues: the council's petitions past their working-day deadlines.
register_work_queue(
    WorkQueue(
        "petitions.acknowledgement_overdue",
        "Petitions to acknowledge, past the deadline",
        "petitions.change_petition",
        lambda user: for_council_staff(Petition.objects.all(), user).acknowledgement_overdue().count(),
        "admin:petitions_petition_changelist",
        "overdue=acknowledgement",
        order=40,
        is_urgent=True,
    )
)
register_work_queue(
    WorkQueue(
        "petitions.response_overdue",
        "Petitions to respond to, past the deadline",
        "petitions.change_petition",
        lambda user: for_council_staff(Petition.objects.all(), user).response_overdue().count(),
        "admin:petitions_petition_changelist",
        "overdue=response",
        order=41,
        is_urgent=True,
    )
)
