"""The results of a budget simulator: how people moved each service, in all and by place, counted by the
database in a fixed number of queries whatever the number of budgets."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count

from budget_simulator.models import BudgetChoice, BudgetSimulator, BudgetSubmission, ServiceArea
from localism.models import Place
from localism.numbers import money


@dataclass
class StepResult:
    steps: int
    label: str
    count: int
    percent: float


@dataclass
class ServiceResult:
    name: str
    current_budget: int
    step_pounds: int
    rows: list[StepResult] = field(default_factory=list)

    @property
    def average_change(self) -> str:
        """The average move people made, in money ('+£12,000' or '-£30,000')."""
        people = sum(row.count for row in self.rows)
        if not people:
            return "No budgets yet"
        pounds = sum(row.steps * row.count for row in self.rows) * self.step_pounds / people
        return ("+" if pounds > 0 else "") + money(round(pounds))


@dataclass
class PlaceRow:
    name: str
    slug: str
    count: int


@dataclass
class SimulatorResults:
    total: int
    services: list[ServiceResult]
    council_tax: ServiceResult | None
    by_place: list[PlaceRow]
    not_given: int


def _step_label(steps: int, consequence: str) -> str:
    if steps == 0:
        return "No change"
    return f"{steps:+d}: {consequence}" if consequence else f"{steps:+d}"


def _rows(counts: dict[int, int], low: int, high: int, total: int, consequence) -> list[StepResult]:
    return [
        StepResult(
            steps=steps,
            label=_step_label(steps, consequence(steps)),
            count=counts.get(steps, 0),
            percent=round(100 * counts.get(steps, 0) / total, 1) if total else 0.0,
        )
        for steps in range(low, high + 1)
    ]


def results(simulator: BudgetSimulator, district: Place | None = None) -> SimulatorResults:
    """Counts of each step for each service (and council tax), for everyone or for one district."""
    submissions = BudgetSubmission.objects.for_results(simulator, district)
    by_tax = dict(submissions.values_list("council_tax_steps").annotate(count=Count("id")).order_by())
    total = sum(by_tax.values())
    counts: dict[int, dict[int, int]] = defaultdict(dict)
    choices = BudgetChoice.objects.filter(submission__in=submissions).values_list("service_id", "steps")
    for service_id, steps, count in choices.annotate(count=Count("id")).order_by():
        counts[service_id][steps] = count
    services = []
    for service in ServiceArea.objects.filter(simulator=simulator):
        result = ServiceResult(service.name, service.current_budget, service.step_pounds)
        result.rows = _rows(counts[service.pk], service.min_steps, service.max_steps, total, service.consequence)
        services.append(result)
    council_tax = None
    if simulator.has_council_tax:
        band_d = simulator.council_tax_band_d_pence
        council_tax = ServiceResult("Council tax", 0, simulator.council_tax_step_pounds)
        council_tax.rows = _rows(
            by_tax,
            0,
            simulator.council_tax_max_steps,
            total,
            lambda steps: f"£{steps * band_d / 100:.2f} a year more for a Band D household",
        )
    places = (
        BudgetSubmission.objects.for_results(simulator)
        .values_list("district__name", "district__slug")
        .annotate(count=Count("id"))
        .order_by("district__name")
    )
    by_place, not_given = [], 0
    for name, slug, count in places:
        if name is None:
            not_given = count
        else:
            by_place.append(PlaceRow(name, slug, count))
    return SimulatorResults(
        total=total, services=services, council_tax=council_tax, by_place=by_place, not_given=not_given
    )
