from __future__ import annotations

from django import forms
from django.http import HttpRequest

from budget_simulator.models import BudgetChoice, BudgetSimulator
from localism.exports import FormFilter
from localism.forms import ListFilterForm
from localism.models import Place


class ChoiceFilterForm(ListFilterForm):
    """The choices behind the results download: one exercise (by its consultation's address) and one district."""

    simulator = forms.CharField(label="Consultation address (slug)", required=False)
    area = forms.ModelChoiceField(
        label="District", queryset=Place.objects.districts(), to_field_name="slug", required=False
    )
    lookups = {"simulator": "submission__simulator__consultation__slug", "area": "submission__district"}


def choice_filter(request: HttpRequest) -> FormFilter:
    """Only choices in results this person may see (public once the consultation closes; staff's own before)."""
    visible = BudgetSimulator.objects.results_visible_to(request.user)
    return ChoiceFilterForm(request.GET or None).applied_to(
        BudgetChoice.objects.filter(submission__simulator__in=visible)
    )
