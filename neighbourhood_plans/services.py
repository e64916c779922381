"""Every write of neighbourhood plans: designating an area, and each step from one stage to the next.

A stage is never skipped: each service moves a plan from the one stage it expects to the next, checks
the step's dates (and the referendum's figures), writes an audit entry and emails the plan's followers
and the area's.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from localism.audit import audit_record
from localism.dates import long_date, not_in_future
from localism.models import Council, Place
from localism.services import row_for_step
from neighbourhood_plans import emails
from neighbourhood_plans.models import CONSULTATION_MIN_DAYS, NeighbourhoodPlan, PlanDocument, Stage

AREA_KINDS = (Place.Kind.PARISH, Place.Kind.TOWN)


def _locked(plan: NeighbourhoodPlan, expected: str, refusal: str) -> NeighbourhoodPlan:
    return row_for_step(plan, field="stage", statuses=expected, refusal=refusal, related=("area", "council"))


def _not_before(value: datetime.date, earlier: datetime.date | None, field: str, what: str) -> None:
    if earlier is not None and value < earlier:
        raise ValidationError({field: f"The date cannot be before {what} ({long_date(earlier)})"})


def _save(plan: NeighbourhoodPlan, by, action: str, data: dict | None = None) -> NeighbourhoodPlan:
    plan.updated_at, plan.updated_by = timezone.now(), by
    plan.full_clean()
    plan.save()
    audit_record(action=f"neighbourhood_plans.plan.{action}", actor=by, target=plan, data=data)
    emails.stage_reached(plan=plan)
    return plan


def designation_check(*, area: Place, council: Council, designated_on: datetime.date) -> None:
    """Raise ValidationError unless the area can be designated by this council on this date."""
    if area.kind not in AREA_KINDS:
        raise ValidationError({"area": "A neighbourhood area is a parish or a town."})
    if council.tier != Council.Tier.DISTRICT or not council.covers(area):
        raise ValidationError({"council": f"Choose the district council whose area includes {area.name}."})
    if NeighbourhoodPlan.objects.filter(area=area).exists():
        raise ValidationError({"area": f"{area.name} already has a neighbourhood plan."})
    not_in_future(designated_on, "designated_on")


@transaction.atomic
def plan_designate(
    *,
    by,
    area: Place,
    council: Council,
    name: str,
    qualifying_body: str,
    designated_on: datetime.date,
    summary: str = "",
    website: str = "",
) -> NeighbourhoodPlan:
    """The planning authority designates a neighbourhood area: its plan starts here."""
    designation_check(area=area, council=council, designated_on=designated_on)
    plan = NeighbourhoodPlan(
        area=area,
        council=council,
        name=name,
        qualifying_body=qualifying_body,
        designated_on=designated_on,
        summary=summary,
        website=website,
    )
    return _save(plan, by, "designated")


@transaction.atomic
def plan_open_consultation(
    *, plan: NeighbourhoodPlan, by, opens_on: datetime.date, closes_on: datetime.date, consultation_url: str = ""
) -> NeighbourhoodPlan:
    """The qualifying body's pre-submission consultation on the draft plan: at least 6 weeks (regulation 14)."""
    plan = _locked(plan, Stage.DESIGNATED, "The consultation follows the designation of the area.")
    _not_before(opens_on, plan.designated_on, "opens_on", "the area was designated")
    earliest_close = opens_on + datetime.timedelta(days=CONSULTATION_MIN_DAYS)
    if closes_on < earliest_close:
        raise ValidationError(
            {
                "closes_on": f"The consultation must run for at least 6 weeks: close it on or after "
                f"{long_date(earliest_close)}"
            }
        )
    plan.stage = Stage.PRE_SUBMISSION
    plan.consultation_opens, plan.consultation_closes = opens_on, closes_on
    plan.consultation_url = consultation_url.strip()
    return _save(plan, by, "consultation_opened")


@transaction.atomic
def plan_submit(*, plan: NeighbourhoodPlan, by, submitted_on: datetime.date) -> NeighbourhoodPlan:
    """The plan is submitted to the planning authority, after the consultation has closed."""
    plan = _locked(plan, Stage.PRE_SUBMISSION, "A plan is submitted after its pre-submission consultation.")
    not_in_future(submitted_on, "submitted_on")
    if submitted_on <= plan.consultation_closes:
        raise ValidationError(
            {
                "submitted_on": f"The plan can be submitted only after the consultation closed on "
                f"{long_date(plan.consultation_closes)}"
            }
        )
    plan.stage, plan.submitted_on = Stage.SUBMITTED, submitted_on
    return _save(plan, by, "submitted")


@transaction.atomic
def plan_start_examination(
    *, plan: NeighbourhoodPlan, by, starts_on: datetime.date, examiner: str = ""
) -> NeighbourhoodPlan:
    """An independent examiner starts examining the submitted plan."""
    plan = _locked(plan, Stage.SUBMITTED, "A plan is examined after it has been submitted.")
    not_in_future(starts_on, "starts_on")
    _not_before(starts_on, plan.submitted_on, "starts_on", "the plan was submitted")
    plan.stage, plan.examination_starts, plan.examiner = Stage.EXAMINATION, starts_on, examiner.strip()
    return _save(plan, by, "examination_started")


@transaction.atomic
def plan_record_referendum(
    *, plan: NeighbourhoodPlan, by, held_on: datetime.date | None, turnout: Decimal | None, yes_share: Decimal | None
) -> NeighbourhoodPlan:
    """The referendum's date, turnout and share voting yes (each a percentage from 0 to 100)."""
    plan = _locked(plan, Stage.EXAMINATION, "The referendum follows the examination.")
    errors = {}
    if held_on is None:
        errors["held_on"] = "Enter the date of the referendum"
    for field, value, label in (("turnout", turnout, "turnout"), ("yes_share", yes_share, "share voting yes")):
        if value is None:
            errors[field] = f"Enter the {label} as a percentage"
        elif not Decimal("0") <= value <= Decimal("100"):
            errors[field] = f"The {label} must be between 0 and 100"
    if errors:
        raise ValidationError(errors)
    not_in_future(held_on, "held_on")
    _not_before(held_on, plan.examination_starts, "held_on", "the examination started")
    plan.stage, plan.referendum_on, plan.turnout, plan.yes_share = Stage.REFERENDUM, held_on, turnout, yes_share
    return _save(plan, by, "referendum", {"turnout": str(turnout), "yes_share": str(yes_share)})


@transaction.atomic
def plan_make(*, plan: NeighbourhoodPlan, by, made_on: datetime.date) -> NeighbourhoodPlan:
    """The council makes the plan, which more than half of those voting supported: it is now in force."""
    plan = _locked(plan, Stage.REFERENDUM, "A plan is made after its referendum.")
    if not plan.referendum_passed:
        raise ValidationError("A plan can be made only when more than half of those voting supported it.")
    not_in_future(made_on, "made_on")
    _not_before(made_on, plan.referendum_on, "made_on", "the referendum")
    plan.stage, plan.made_on = Stage.MADE, made_on
    return _save(plan, by, "made")


@transaction.atomic
def plan_document_add(*, plan: NeighbourhoodPlan, by, title: str, file, published_on=None) -> PlanDocument:
    """A published document of the plan, filed under its present stage."""
    document = PlanDocument(
        plan=plan,
        stage=plan.stage,
        title=title,
        file=file,
        published_on=published_on or timezone.localdate(),
        uploaded_by=by,
    )
    document.full_clean()
    document.save()
    audit_record(action="neighbourhood_plans.document.added", actor=by, target=plan, data={"document": title[:200]})
    return document
