"""What notifications add to the shared pages and services (imported once at start-up; see localism.registry)."""

from localism.audit import register_actions
from localism.sections import Section, register_place_section


def _place_follow(request, place) -> dict:
    return {"place": place}


register_place_section(
    Section(key="follow", template="notifications/partials/_place_follow.html", context=_place_follow, order=0)
)

register_actions(
    {
        "notifications.announcement.sent": "Announcement emailed to followers",
        "notifications.notification.retried": "Failed emails put back in the queue",
    }
)
