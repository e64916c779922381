from __future__ import annotations

from django import forms

from budget_simulator.models import BudgetSimulator
from budget_simulator.services import service_field
from localism import dates
from localism.forms import HoneypotForm


class BudgetForm(HoneypotForm):
    """One whole-number field per service (steps up or down), council tax steps and an optional postcode.

    Ranges are checked by the service (budget_refusals), so the page and the submission refuse alike.
    """

    def __init__(self, *args, simulator: BudgetSimulator, services, **kwargs):
        super().__init__(*args, **kwargs)
        self.simulator, self.services = simulator, services
        website = self.fields.pop("website")
        for service in services:
            self.fields[service_field(service)] = forms.IntegerField(
                label=service.name,
                initial=0,
                required=False,
                error_messages={"invalid": f"Enter a whole number of steps for {service.name}, like -2 or 1"},
            )
        if simulator.has_council_tax:
            self.fields["council_tax"] = forms.IntegerField(
                label="Council tax rise",
                initial=0,
                required=False,
                error_messages={"invalid": "Enter a whole number of steps for council tax, like 0 or 2"},
            )
        self.fields["postcode"] = forms.CharField(
            label="Your postcode (optional)",
            help_text="We keep only your district, to show results by place.",
            required=False,
            max_length=16,
            error_messages={"max_length": "Enter a full UK postcode, like NR2 1AB, or leave it empty"},
        )
        self.fields["website"] = website

    def steps(self) -> dict[int, int]:
        """Each service's steps as far as they could be read (what could not counts as no move)."""
        data = getattr(self, "cleaned_data", {})
        return {s.pk: data.get(service_field(s)) or 0 for s in self.services}

    def council_tax_steps(self) -> int:
        return getattr(self, "cleaned_data", {}).get("council_tax") or 0

    def add_refusals(self, errors: dict[str, str]) -> None:
        for field, message in errors.items():
            self.add_error(None if field == "__all__" else field, message)


class DecisionForm(forms.Form):
    decided_on = dates.DateField(label="Date of the decision")
    decision_maker = forms.CharField(label="Who decided", max_length=200, help_text="For example, Full Council.")
    summary = forms.CharField(
        label="What the council decided",
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6, "cols": 80}),
        help_text="Markdown. A link to the simulator's results is added.",
    )
