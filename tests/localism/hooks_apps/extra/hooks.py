"""A new app plugs into every shared registry from its hooks.py, and does nothing else to be found."""

from accounts.privacy import register_personal_data
from discussions.registry import DiscussionPolicy, register_discussable
from localism.audit import register_actions
from localism.search import register_search
from localism.sections import Section, register_home_section, register_place_section
from localism.sitemaps import SectionSitemap, register_sitemap
from localism.work_queues import WorkQueue, register_work_queue
from notifications.registry import everyone, register_followable


def _section(request, place=None) -> dict:
    return {}


register_home_section(Section("extra", "extra/_home.html", _section, order=99))
register_place_section(Section("extra", "extra/_place.html", _section, order=99))
register_search("extra", "Extra", lambda query, text: (0, []), order=99)
register_sitemap("extra", SectionSitemap)
register_actions({"extra.thing.done": "Thing done"})
register_personal_data("extra", export=lambda user: {}, erase=lambda user: None, covers={})
register_followable("localism.Resource", "document", can_see=everyone)
register_discussable("extra-document", "localism.Resource", lambda obj, user: DiscussionPolicy(True, True))
register_work_queue(
    WorkQueue("extra", "Extra things to check", "localism.change_resource", lambda user: 0, "admin:index")
)
