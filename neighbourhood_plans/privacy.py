"""What neighbourhood plans hold about a person: only which staff member last recorded a plan's stage or
added a document. The plans are public records and stay; the account links are emptied by the foreign keys."""

from __future__ import annotations

from accounts.privacy import iso
from neighbourhood_plans.models import NeighbourhoodPlan, PlanDocument

# What export and erase cover: the fields that link to a person or hold their address (accounts.checks
# refuses a model field that may hold personal data and that no registration names).
COVERS = {NeighbourhoodPlan: ["updated_by"], PlanDocument: ["uploaded_by"]}


def export(user) -> dict:
    return {
        "as_staff": {
            "plans_updated": [
                {"plan": name, "stage": stage, "updated": iso(at)}
                for name, stage, at in NeighbourhoodPlan.objects.filter(updated_by=user).values_list(
                    "name", "stage", "updated_at"
                )
            ],
            "documents_added": [
                {"plan": name, "title": title, "published": iso(day)}
                for name, title, day in PlanDocument.objects.filter(uploaded_by=user).values_list(
                    "plan__name", "title", "published_on"
                )
            ],
        }
    }


def erase(user) -> None:
    """Nothing to empty beyond the account links, which the foreign keys set to null."""
