"""What community asset transfer holds about a person, for their data download and for deleting their account.

Applications are a group's public contributions: they stay when a person who sent one, or a document,
deletes their account (the account link is emptied by the foreign keys).
"""

from __future__ import annotations

from accounts.privacy import erase_nothing_more, iso, rows
from asset_transfers.models import TimelineEntry, TransferApplication, TransferDocument

# What export and erase cover: the fields that link to a person or hold their address (accounts.checks
# refuses a model field that may hold personal data and that no registration names).
COVERS = {
    TransferApplication: ["submitted_by"],
    TransferDocument: ["uploaded_by"],
    TimelineEntry: ["by"],
}


def export(user) -> dict:
    return {
        "applications_sent": [
            {
                "reference": a.reference,
                "asset": a.asset_name,
                "group": a.organisation.name,
                "council": a.council.name,
                "stage": a.status_label,
                "sent": iso(a.submitted_at),
            }
            for a in TransferApplication.objects.filter(submitted_by=user).select_related("organisation", "council")
        ],
        "documents_added": rows(
            TransferDocument.objects.filter(uploaded_by=user),
            application="application__reference",
            title="title",
            added="uploaded_at",
        ),
        "timeline_entries": rows(
            TimelineEntry.objects.filter(by=user),
            application="application__reference",
            entry="title",
            date="happened_on",
        ),
    }


erase = erase_nothing_more
