"""Who may do what with neighbourhood plans: everyone reads them; staff record each stage (in the admin).

`(user, plan)` predicates registered as `neighbourhood_plans.<action>_plan` and asked with has_perm.
"""

from __future__ import annotations

import rules

from accounts.rules import is_staff_member, object_is
from neighbourhood_plans.models import NeighbourhoodPlan, Stage


@rules.predicate
def is_plan(user, plan: NeighbourhoodPlan) -> bool:
    return isinstance(plan, NeighbourhoodPlan)


def _at(stage: str):
    @rules.predicate(name=f"plan_at_stage:{stage}")
    def predicate(user, plan: NeighbourhoodPlan) -> bool:
        return plan.stage == stage

    return predicate


referendum_supported = object_is("referendum_passed")

# Every plan, at every stage, is public: residents read where their area's plan has got to.
rules.add_perm("neighbourhood_plans.see_plan", is_plan)
# Staff designate areas and record each stage, one after another; a plan is made only after a yes vote.
rules.add_perm("neighbourhood_plans.designate_plan", is_staff_member)
rules.add_perm("neighbourhood_plans.add_document_plan", is_staff_member & is_plan)
rules.add_perm("neighbourhood_plans.open_consultation_plan", is_staff_member & _at(Stage.DESIGNATED))
rules.add_perm("neighbourhood_plans.submit_plan", is_staff_member & _at(Stage.PRE_SUBMISSION))
rules.add_perm("neighbourhood_plans.start_examination_plan", is_staff_member & _at(Stage.SUBMITTED))
rules.add_perm("neighbourhood_plans.record_referendum_plan", is_staff_member & _at(Stage.EXAMINATION))
rules.add_perm("neighbourhood_plans.make_plan", is_staff_member & _at(Stage.REFERENDUM) & referendum_supported)
