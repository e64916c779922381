"""What discussions hold about a person. Comments stay with the anonymised account ("Former participant");
reports they made lose the link to them; moderation decisions they took as staff stay."""

from __future__ import annotations

from accounts.privacy import rows
from discussions.models import Agreement, Comment, ModerationDecision, Report

# What export and erase cover: the fields that link to a person or hold their address (accounts.checks
# refuses a model field that may hold personal data and that no registration names).
COVERS = {
    Comment: ["author"],
    Agreement: ["user"],
    Report: ["reporter"],
    ModerationDecision: ["moderator"],
}


def export(user) -> dict:
    return {
        "comments": [
            {
                "url": c.get_absolute_url(),
                "text": c.text,
                "status": c.get_status_display(),
                "written": c.created_at.isoformat(),
            }
            for c in Comment.objects.filter(author=user).select_related("content_type")
        ],
        "agreed_with_comments": list(Agreement.objects.filter(user=user).values_list("comment_id", flat=True)),
        "reports": [
            {"comment": r.comment_id, "reason": r.get_reason_display(), "details": r.details}
            for r in Report.objects.filter(reporter=user)
        ],
        "as_moderator": rows(
            ModerationDecision.objects.filter(moderator=user),
            "action",
            "reason",
            comment="comment_id",
            at="created_at",
        ),
    }


def erase(user) -> None:
    Report.objects.filter(reporter=user).update(reporter=None, details="")
