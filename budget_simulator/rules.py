"""Who may see and do what with a budget simulator: the rules of the consultation it belongs to.

Seeing it, and who may take part (signed in, email confirmed, while the consultation is open), are the
consultation's own rules, so a budget is refused exactly when a survey response would be.
"""

from __future__ import annotations

import rules

from accounts.rules import is_staff_for
from budget_simulator.models import BudgetSimulator, BudgetSubmission
from consultations.rules import may_be_asked_equality_questions, response_refusal


def participation_refusal(user, simulator: BudgetSimulator) -> str:
    """Why a person cannot submit a budget now, in words for them ('' when they can)."""
    return response_refusal(user, simulator.consultation)


@rules.predicate
def can_see_consultation(user, simulator: BudgetSimulator) -> bool:
    return user.has_perm("consultations.see_consultation", simulator.consultation)


@rules.predicate
def results_are_public(user, simulator: BudgetSimulator) -> bool:
    return simulator.consultation.is_published and simulator.consultation.has_closed


@rules.predicate
def may_give_equality_monitoring(user, submission: BudgetSubmission | None) -> bool:
    """The person who submitted, if not asked yet for the consultation (its survey may have asked first)."""
    return (
        submission is not None
        and submission.respondent_id == user.pk
        and may_be_asked_equality_questions(user, submission.simulator.consultation)
    )


rules.add_perm("budget_simulator.see_simulator", can_see_consultation)
rules.add_perm("budget_simulator.see_results_simulator", is_staff_for | (can_see_consultation & results_are_public))
# The council that asks sets the exercise up and records its budget decision: its own staff, or the county's.
rules.add_perm("budget_simulator.run_simulator", is_staff_for)
rules.add_perm("budget_simulator.give_equality_submission", may_give_equality_monitoring)
