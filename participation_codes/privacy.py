"""What one-time codes hold about a person: only which member of staff made or revoked a batch. Codes name
nobody (they are handed out on cards); the account links are emptied by the foreign keys."""

from __future__ import annotations

from accounts.privacy import erase_nothing_more, rows
from participation_codes.models import CodeBatch

# What export and erase cover: the fields that link to a person or hold their address (accounts.checks
# refuses a model field that may hold personal data and that no registration names).
COVERS = {CodeBatch: ["created_by", "revoked_by"]}


def export(user) -> dict:
    return {
        "as_staff": {
            "code_batches_made": rows(CodeBatch.objects.filter(created_by=user), "label", "size", made="created_at"),
            "code_batches_revoked": rows(CodeBatch.objects.filter(revoked_by=user), "label", revoked="revoked_at"),
        }
    }


erase = erase_nothing_more
