"""What discussions adds to the shared pages and services (imported once at start-up; see localism.registry)."""

from accounts.privacy import register_personal_data
from discussions import privacy
from discussions.models import Agreement, Comment, ModerationDecision, Report
from localism.audit import register_actions

register_actions(
    {
        "discussions.comment.published": "Comment published by a moderator",
        "discussions.comment.hidden": "Comment hidden by a moderator",
        "discussions.comment.reports_dismissed": "Reports of a comment dismissed",
        "discussions.comment.official_reply": "Official council reply posted",
    }
)

register_personal_data(
    "discussions",
    export=privacy.export,
    erase=privacy.erase,
    covers={
        Comment: ["author"],
        Agreement: ["user"],
        Report: ["reporter"],
        ModerationDecision: ["moderator"],
    },
)
