"""What notifications add to the shared pages and services (imported once at start-up; see localism.registry)."""

from accounts.privacy import register_privacy_module
from localism.audit import register_actions
from localism.models import Place, Topic
from localism.sections import Section, register_place_section
from localism.work_queues import WorkQueue, register_work_queue
from notifications import privacy
from notifications.models import Notification
from notifications.registry import everyone, register_followable


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

register_privacy_module("notifications", privacy)

register_followable(Place, "place", can_see=everyone)
register_followable(Topic, "topic", can_see=everyone)


# The admin home's work queue: emails that failed (staff retry them from the outbox).
register_work_queue(
    WorkQueue(
        "notifications.failed",
        "Failed emails",
        "notifications.change_notification",
        lambda user: Notification.objects.filter(status=Notification.Status.FAILED).count(),
        "admin:notifications_notification_changelist",
        "status__exact=failed",
        order=90,
        is_urgent=True,
    )
)
