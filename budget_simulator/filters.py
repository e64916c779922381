from __future__ import annotations

import django_filters
from django.http import HttpRequest

from budget_simulator.models import BudgetChoice, BudgetSimulator
from localism.models import Place


class ChoiceFilter(django_filters.FilterSet):
    """The choices behind the results download: one exercise (by its consultation's address) and one district."""

    simulator = django_filters.CharFilter(
        field_name="submission__simulator__consultation__slug", label="Consultation address (slug)"
    )
    area = django_filters.ModelChoiceFilter(
        field_name="submission__district",
        queryset=Place.objects.districts(),
        to_field_name="slug",
        label="District",
    )

    class Meta:
        model = BudgetChoice
        fields = ["simulator", "area"]


def choice_filter(request: HttpRequest) -> ChoiceFilter:
    """Only choices in results this person may see (public once the consultation closes; staff's own before)."""
    visible = BudgetSimulator.objects.results_visible_to(request.user)
    return ChoiceFilter(request.GET or None, queryset=BudgetChoice.objects.filter(submission__simulator__in=visible))
