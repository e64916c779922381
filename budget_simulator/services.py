"""Every write of the budget simulator: a resident's budget and the council's decision (the equality questions
after a budget are the consultation's own: consultations.services)."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from budget_simulator.balance import Budget, ServiceMove, council_tax_out_of_range, out_of_range
from budget_simulator.models import BudgetChoice, BudgetSimulator, BudgetSubmission
from localism.audit import audit_record
from localism.links import absolute_url
from localism.models import Place, Postcode
from localism.numbers import money
from localism.postcodes import normalise_postcode, place_for_postcode


def service_field(service) -> str:
    """The form field (and the error's key) of one service's steps."""
    return f"service_{service.pk}"


def budget_build(*, simulator: BudgetSimulator, services, steps: dict[int, int], council_tax_steps: int) -> Budget:
    """The budget from each service's steps (by service id; a missing service has not moved)."""
    return Budget(
        simulator=simulator,
        moves=[ServiceMove(service, steps.get(service.pk, 0)) for service in services],
        council_tax_steps=council_tax_steps,
    )


def budget_refusals(budget: Budget) -> dict[str, str]:
    """Why this budget cannot be submitted, by form field ('__all__': it does not balance)."""
    errors = {service_field(m.service): out_of_range(m.service, m.steps) for m in budget.moves}
    errors["council_tax"] = council_tax_out_of_range(budget.simulator, budget.council_tax_steps)
    errors = {field: message for field, message in errors.items() if message}
    if not errors and not budget.is_balanced:
        errors["__all__"] = (
            f"Your budget does not balance yet: you still need to find {money(budget.still_to_find)}. "
            "Make more savings or raise council tax, then submit it again."
        )
    return errors


def district_for_postcode(text: str) -> Place | None:
    """The district of the postcode a resident gave (None when they gave none), or why it cannot be used."""
    if not text.strip():
        return None
    postcode = normalise_postcode(text)
    if postcode is None:
        raise ValidationError({"postcode": "Enter a full UK postcode, like NR2 1AB, or leave it empty"})
    row = Postcode.objects.filter(postcode=postcode).first()
    place = place_for_postcode(row) if row else None
    district = next((p for p in [place, *place.ancestors()] if p.kind == Place.Kind.DISTRICT), None) if place else None
    if district is None:
        raise ValidationError(
            {"postcode": f"We cannot find {postcode} in the county. Check it, or leave it empty: it is optional"}
        )
    return district


@transaction.atomic
def budget_submit(
    *, simulator: BudgetSimulator, respondent, steps: dict[int, int], council_tax_steps: int, postcode: str = ""
) -> tuple[BudgetSubmission, bool]:
    """Store a person's balanced budget, or change the one they gave (one per person; a database constraint)."""
    from budget_simulator.rules import participation_refusal

    refusal = participation_refusal(respondent, simulator)
    if refusal:
        raise ValidationError(refusal)
    services = list(simulator.services.all())
    budget = budget_build(simulator=simulator, services=services, steps=steps, council_tax_steps=council_tax_steps)
    errors = budget_refusals(budget)
    if errors:
        raise ValidationError(errors)
    district = district_for_postcode(postcode)
    now = timezone.now()
    submission = (
        BudgetSubmission.objects.select_for_update().filter(simulator=simulator, respondent=respondent).first()
    )
    created = submission is None
    if created:
        try:
            with transaction.atomic():
                submission = BudgetSubmission.objects.create(
                    simulator=simulator, respondent=respondent, submitted_at=now, updated_at=now
                )
        except IntegrityError:  # the same person's other request got there first: change that one
            submission = BudgetSubmission.objects.select_for_update().get(simulator=simulator, respondent=respondent)
            created = False
    submission.district = district
    submission.council_tax_steps = council_tax_steps
    submission.updated_at = now
    submission.save(update_fields=["district", "council_tax_steps", "updated_at"])
    submission.choices.all().delete()
    BudgetChoice.objects.bulk_create(
        BudgetChoice(submission=submission, service=move.service, steps=move.steps) for move in budget.moves
    )
    return submission, created


@transaction.atomic
def simulator_record_decision(
    *, simulator: BudgetSimulator, by, decided_on: datetime.date, decision_maker: str, summary: str
) -> BudgetSimulator:
    """The council's final budget decision, published to the decisions log with a link to the results."""
    from transparency.services import decision_publish

    simulator = (
        BudgetSimulator.objects.select_for_update(of=("self",))
        .select_related("consultation__council")
        .get(pk=simulator.pk)
    )
    if simulator.decision_id is not None:
        raise ValidationError("The budget decision is already recorded.")
    if not simulator.consultation.has_closed:
        raise ValidationError("Record the budget decision once the consultation has closed.")
    summary, decision_maker = summary.strip(), decision_maker.strip()
    if not summary:
        raise ValidationError({"summary": "Say what the council decided: the public read it"})
    if not decision_maker:
        raise ValidationError({"decision_maker": "Say who took the decision"})
    council = simulator.consultation.council
    results = reverse("budget_simulator:results", kwargs={"slug": simulator.consultation.slug})
    simulator.decision = decision_publish(
        title=f"Budget decision: {simulator.title}",
        decision_date=decided_on,
        decision_maker=f"{decision_maker}, {council.name}" if council else decision_maker,
        summary=f"{summary}\n\n[What residents chose in the budget simulator]({absolute_url(results)})",
        places=list(simulator.consultation.places.all()),
        by=by,
        council=council,
        consultation_url=results,
        consultation_title=f"Budget simulator results: {simulator.title}",
        consultation_slug=simulator.consultation.slug,
    )
    simulator.save(update_fields=["decision"])
    audit_record(action="budget_simulator.simulator.decided", actor=by, target=simulator)
    return simulator
