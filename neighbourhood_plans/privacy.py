"""What neighbourhood plans hold about a person: only which staff member last recorded a plan's stage or
added a document. The plans are public records and stay; the account links are emptied by the foreign keys."""

from __future__ import annotations

from accounts.privacy import erase_nothing_more, rows
from neighbourhood_plans.models import NeighbourhoodPlan, PlanDocument

# What export and erase cover: the fields that link to a person or hold their address (accounts.checks
# refuses a model field that may hold personal data and that no registration names).
COVERS = {NeighbourhoodPlan: ["updated_by"], PlanDocument: ["uploaded_by"]}


def export(user) -> dict:
    return {
        "as_staff": {
            "plans_updated": rows(
                NeighbourhoodPlan.objects.filter(updated_by=user), plan="name", stage="stage", updated="updated_at"
            ),
            "documents_added": rows(
                PlanDocument.objects.filter(uploaded_by=user),
                plan="plan__name",
                title="title",
                published="published_on",
            ),
        }
    }


erase = erase_nothing_more
