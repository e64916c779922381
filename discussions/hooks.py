"""What discussions adds to the shared pages and services (imported once at start-up; see localism.registry)."""

from accounts.privacy import register_privacy_module
from discussions import privacy
from discussions.models import Comment
from discussions.registry import comments_for_council_staff
from localism.audit import register_actions
from localism.work_queues import WorkQueue, register_work_queue

register_actions(
    {
        "discussions.comment.published": "Comment published by a moderator",
        "discussions.comment.hidden": "Comment hidden by a moderator",
        "discussions.comment.reports_dismissed": "Reports of a comment dismissed",
        "discussions.comment.official_reply": "Official council reply posted",
    }
)

register_privacy_module("discussions", privacy)

# The admin home's work queue: reported comments on the threads the person moderates.
register_work_queue(
    WorkQueue(
        "discussions.reported",
        "Reported comments",
        "discussions.change_comment",
        lambda user: (
            comments_for_council_staff(Comment.objects.all(), user)
            .filter(reports__resolved_at__isnull=True, reports__isnull=False)
            .distinct()
            .count()
        ),
        "admin:discussions_comment_changelist",
        "queue=reported",
        order=20,
        is_urgent=True,
    )
)
