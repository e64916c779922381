"""The email when a neighbourhood plan reaches a stage, to people who follow the plan or its area."""

from __future__ import annotations

from localism.dates import long_date
from localism.links import absolute_url
from neighbourhood_plans.models import NeighbourhoodPlan, Stage

TEMPLATE = "neighbourhood_plans/emails/stage"


def _lines(plan: NeighbourhoodPlan) -> list[str]:
    if plan.stage == Stage.PRE_SUBMISSION:
        return [
            f"The draft plan is out for consultation from {long_date(plan.consultation_opens)} to "
            f"{long_date(plan.consultation_closes)}. Tell {plan.qualifying_body} what you think."
        ]
    if plan.stage == Stage.REFERENDUM:
        result = "supported" if plan.referendum_passed else "did not support"
        return [
            f"The referendum was held on {long_date(plan.referendum_on)}: turnout {plan.turnout_text}, "
            f"{plan.yes_share_text} voted yes, so the area {result} the plan."
        ]
    if plan.stage == Stage.MADE:
        return [f"{plan.council.name} made the plan on {long_date(plan.made_on)}: planning decisions now follow it."]
    return [f"The plan is now at the stage: {plan.get_stage_display().lower()}."]


def stage_reached(*, plan: NeighbourhoodPlan) -> None:
    from notifications.selectors import followers_of
    from notifications.services import Audience, email

    email(
        "neighbourhood_plans.stage",
        key=f"neighbourhood_plans.{plan.stage}:{plan.pk}",
        to=Audience(followers_of(plan, plan.area), f"you follow {plan.area.name} or its neighbourhood plan"),
        template=TEMPLATE,
        context={
            "title": f"{plan.name}: {plan.status_label.lower()}",
            "plan_name": plan.name,
            "lines": _lines(plan),
            "url": absolute_url(plan.get_absolute_url()),
        },
    )
