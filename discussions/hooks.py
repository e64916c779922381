"""What discussions adds to the shared pages and services (imported once at start-up; see localism.registry)."""

from localism.audit import register_actions

register_actions(
    {
        "discussions.comment.published": "Comment published by a moderator",
        "discussions.comment.hidden": "Comment hidden by a moderator",
        "discussions.comment.reports_dismissed": "Reports of a comment dismissed",
        "discussions.comment.official_reply": "Official council reply posted",
    }
)
