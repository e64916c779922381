"""What the budget simulator holds about a person: the budgets they submitted.

Budgets stay when an account is deleted (the foreign key is emptied, so the results keep their counts),
as survey responses do. Only the district of the postcode they gave is kept, never the postcode. Their
equality answers are stored with the consultation alone (see consultations/privacy.py, which also says
whether they answered the equality questions for each consultation).
"""

from __future__ import annotations

from accounts.privacy import erase_nothing_more
from budget_simulator.models import BudgetSubmission

# What export and erase cover: the fields that link to a person or hold their address (accounts.checks
# refuses a model field that may hold personal data and that no registration names).
COVERS = {BudgetSubmission: ["respondent"]}


def export(user) -> dict:
    submissions = (
        BudgetSubmission.objects.filter(respondent=user)
        .select_related("simulator", "district")
        .prefetch_related("choices__service")
    )
    return {
        "budgets": [
            {
                "exercise": s.simulator.title,
                "district": s.district.name if s.district else None,
                "submitted": s.submitted_at.isoformat(),
                "last_changed": s.updated_at.isoformat(),
                "council_tax_steps": s.council_tax_steps,
                "services": [{"service": c.service.name, "steps": c.steps} for c in s.choices.all()],
            }
            for s in submissions
        ]
    }


erase = erase_nothing_more
