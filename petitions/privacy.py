"""What petitions hold about a person, for their data download and for deleting their account.

A signature is a contribution that stays counted: deleting the account keeps it (under the
anonymised account, so one person still cannot sign twice) but empties its postcode. Petitions a
person started are public contributions and stay, started by the "Former participant".
"""

from __future__ import annotations

from django.db.models import Q

from accounts.privacy import iso, rows
from petitions.models import PaperSheet, Petition, Signature

# What export and erase cover: the fields that link to a person or hold their address (accounts.checks
# refuses a model field that may hold personal data and that no registration names).
COVERS = {
    Petition: ["creator", "checked_by", "acknowledged_by", "responded_by", "debate_recorded_by"],
    Signature: ["user"],
    PaperSheet: ["entered_by"],
}


def export(user) -> dict:
    return {
        "petitions_started": [
            {
                "title": p.title,
                "action": p.action,
                "background": p.background,
                "council": p.council.name,
                "status": p.get_status_display(),
                "rejection_reason": p.rejection_reason,
                "started": iso(p.created_at),
            }
            for p in Petition.objects.filter(creator=user).select_related("council")
        ],
        "signatures": [
            {
                "petition": s.petition.title,
                "postcode": s.postcode,
                "connection": s.get_connection_display(),
                "district": s.district.name,
                "signed": iso(s.created_at),
            }
            for s in Signature.objects.filter(user=user).select_related("petition", "district")
        ],
        "as_staff": {
            "petitions_handled": rows(
                Petition.objects.filter(
                    Q(checked_by=user) | Q(acknowledged_by=user) | Q(responded_by=user) | Q(debate_recorded_by=user)
                ),
                "status",
                petition="title",
            ),
            "paper_sheets_entered": rows(
                PaperSheet.objects.filter(entered_by=user),
                "signatures",
                "sheet_date",
                petition="petition__title",
                entered="entered_at",
            ),
        },
    }


def erase(user) -> None:
    Signature.objects.filter(user=user).update(postcode="")
