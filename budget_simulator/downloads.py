"""The budget simulator's results as open data: how many people moved each service by how many steps, in each
district (counts, never single budgets), served by the one download view of localism/exports.py."""

from __future__ import annotations

from django.db.models import Count
from django.http import HttpRequest

from budget_simulator import filters, views
from budget_simulator.models import BudgetSubmission, ServiceArea
from localism.exports import ListDownload, licence_meta_with_filters

COLUMNS = (
    ("exercise", "exercise"),
    ("consultation", "consultation"),
    ("area", "area"),
    ("service", "service"),
    ("steps", "steps"),
    ("change_pounds", "change (£)"),
    ("consequence", "consequence"),
    ("people", "people"),
)
NOT_GIVEN = "Not given"


def _counts(choices, request: HttpRequest):
    """One row per exercise, district, service and step, then council tax the same way."""
    grouped = (
        choices.values_list(
            "submission__simulator__title",
            "submission__simulator__consultation__slug",
            "submission__district__name",
            "service_id",
            "steps",
        )
        .annotate(people=Count("id"))
        .order_by("submission__simulator_id", "submission__district__name", "service__position", "service_id", "steps")
    )
    rows = list(grouped)
    services = {s.pk: s for s in ServiceArea.objects.filter(pk__in={row[3] for row in rows})}
    for title, slug, area, service_id, steps, people in rows:
        service = services[service_id]
        yield (
            title,
            slug,
            area or NOT_GIVEN,
            service.name,
            steps,
            steps * service.step_pounds,
            service.consequence(steps),
            people,
        )
    taxes = (
        BudgetSubmission.objects.filter(
            pk__in=choices.values("submission_id"), simulator__council_tax_step_pounds__gt=0
        )
        .values_list(
            "simulator__title",
            "simulator__consultation__slug",
            "district__name",
            "council_tax_steps",
            "simulator__council_tax_step_pounds",
        )
        .annotate(people=Count("id"))
        .order_by("simulator_id", "district__name", "council_tax_steps")
    )
    for title, slug, area, steps, step_pounds, people in taxes:
        yield (title, slug, area or NOT_GIVEN, "Council tax", steps, steps * step_pounds, "", people)


CHOICES = ListDownload(
    filename="budget-simulator-results",
    columns=COLUMNS,
    filterset=filters.choice_filter,
    page=views.results_download_refused,
    json_key="choices",
    json_meta=licence_meta_with_filters("Budget simulator results"),
    records=_counts,
)
