"""What transparency holds about a person, for their data download and for deleting their account.

Nominations of assets of community value and Right to Challenge expressions of interest are
made on behalf of a community body and are statutory records: after the account is deleted
they stay (with their documents), sent by the "Former participant", and the council decides
them as the law requires. They hold nothing else about the person who sent them, so there is
nothing more to erase. The download lists supporting documents by title, type and size, not
their content.
"""

from __future__ import annotations

from django.db.models import Prefetch

from accounts.privacy import iso, rows
from transparency.models import (
    AssetNomination,
    DisposalNotice,
    ExpressionOfInterest,
    NominationDocument,
)

# What export and erase cover: the fields that link to a person or hold their address (accounts.checks
# refuses a model field that may hold personal data and that no registration names).
COVERS = {
    AssetNomination: ["nominated_by", "decided_by"],
    ExpressionOfInterest: ["submitted_by", "decided_by"],
    DisposalNotice: ["recorded_by"],
}


def export(user) -> dict:
    nominations = AssetNomination.objects.filter(nominated_by=user).prefetch_related(
        Prefetch("documents", queryset=NominationDocument.objects.order_by("id"))
    )
    return {
        "asset_nominations": [
            {
                "reference": n.reference,
                "asset": n.asset_name,
                "address": n.address,
                "postcode": n.postcode,
                "nominating_body": n.body_name,
                "kind_of_body": n.get_body_kind_display(),
                "why_of_community_value": n.community_value,
                "status": n.get_status_display(),
                "submitted": iso(n.submitted_at),
                "decided_on": iso(n.decided_on),
                "reasons": n.reasons,
                "documents": [
                    {"title": d.title, "type": d.file_type, "size_in_bytes": d.file_size, "sent": iso(d.uploaded_at)}
                    for d in n.documents.all()
                ],
            }
            for n in nominations
        ],
        "expressions_of_interest": [
            {
                "reference": e.reference,
                "window": e.window.title,
                "body": e.body_name,
                "kind_of_body": e.get_body_kind_display(),
                "service": e.service,
                "area": e.area,
                "financial_resources": e.financial_resources,
                "capability": e.capability,
                "outcomes_for_users": e.outcomes_for_users,
                "outcomes_for_wellbeing": e.outcomes_for_wellbeing,
                "status": e.get_status_display(),
                "submitted": iso(e.submitted_at),
                "decided_on": iso(e.decided_on),
                "reasons": e.reasons,
            }
            for e in ExpressionOfInterest.objects.filter(submitted_by=user).select_related("window")
        ],
        "as_staff": {
            "nominations_decided": rows(
                AssetNomination.objects.filter(decided_by=user), "reference", "status", "decided_on"
            ),
            "disposal_notices_recorded": rows(
                DisposalNotice.objects.filter(recorded_by=user),
                "notified_on",
                asset="nomination__asset_name",
                recorded="recorded_at",
            ),
            "expressions_of_interest_decided": rows(
                ExpressionOfInterest.objects.filter(decided_by=user), "reference", "status", "decided_on"
            ),
        },
    }


def erase(user) -> None:
    """Nothing to remove: see the module's docstring."""
