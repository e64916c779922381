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
from petitions.models import Petition, PetitionQuerySet

register_place_section(Section("petitions", "petitions/partials/_place_section.html", sections.place, order=35))

register_search("petitions", "Petitions", sections.search_petitions, order=35)
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

# The admin home's work queues: the council's petitions past their working-day deadlines, each with the admin
# list filtered to them (OverdueFilter).
OVERDUE_QUEUES = (
    ("acknowledgement", "Petitions to acknowledge, past the deadline", PetitionQuerySet.acknowledgement_overdue),
    ("response", "Petitions to respond to, past the deadline", PetitionQuerySet.response_overdue),
)
for order, (deadline, label, overdue) in enumerate(OVERDUE_QUEUES, start=40):
    register_work_queue(
        WorkQueue(
            f"petitions.{deadline}_overdue",
            label,
            "petitions.change_petition",
            lambda user, overdue=overdue: overdue(for_council_staff(Petition.objects.all(), user)).count(),
            "admin:petitions_petition_changelist",
            f"overdue={deadline}",
            order=order,
            is_urgent=True,
        )
    )
