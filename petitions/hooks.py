"""What petitions add to the shared pages and services (imported once at start-up; see localism.registry)."""

from accounts.privacy import register_personal_data
from accounts.rules import permission
from localism.audit import register_actions
from localism.search import register_search
from localism.sections import Section, register_place_section
from localism.sitemaps import register_sitemap
from notifications.registry import register_followable
from petitions import privacy, sections
from petitions.models import PaperSheet, Petition, Signature

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

register_personal_data(
    "petitions",
    export=privacy.export,
    erase=privacy.erase,
    covers={
        Petition: ["creator", "checked_by", "acknowledged_by", "responded_by", "debate_recorded_by"],
        Signature: ["user"],
        PaperSheet: ["entered_by"],
    },
)
