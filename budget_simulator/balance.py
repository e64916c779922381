"""The sums of one budget: what each service's move saves or costs, what council tax raises, and what is
still to find. Shared by the check on the page, the submission service and the script's live total
(static/budget_simulator/simulator.js repeats only the arithmetic, from the numbers the page gives it)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from budget_simulator.models import BudgetSimulator, ServiceArea
from localism.numbers import money


@dataclass(frozen=True)
class ServiceMove:
    service: ServiceArea
    steps: int

    @property
    def change(self) -> int:
        """Pounds: negative for a cut (money saved), positive for more spending."""
        return self.steps * self.service.step_pounds

    @property
    def new_budget(self) -> int:
        return self.service.current_budget + self.change

    @property
    def consequence(self) -> str:
        return self.service.consequence(self.steps) or "No change to the service."

    @property
    def change_text(self) -> str:
        if not self.change:
            return "No change"
        return f"{'Spend' if self.change > 0 else 'Save'} {money(abs(self.change))}"


@dataclass(frozen=True)
class Budget:
    simulator: BudgetSimulator
    moves: list[ServiceMove]
    council_tax_steps: int = 0

    @property
    def council_tax_raised(self) -> int:
        return self.council_tax_steps * self.simulator.council_tax_step_pounds

    @property
    def band_d_pence(self) -> int:
        """What the council tax rise costs a Band D household a year, in pence."""
        return self.council_tax_steps * self.simulator.council_tax_band_d_pence

    @property
    def council_tax_text(self) -> str:
        if not self.council_tax_steps:
            return "No rise in council tax."
        return (
            f"Raises {money(self.council_tax_raised)}: a Band D household pays "
            f"{money(Decimal(self.band_d_pence) / 100, pence=True)} a year more."
        )

    def script_data(self) -> dict:
        """The numbers the page's script needs to redo these sums as people type."""
        simulator = self.simulator
        return {
            "saving": simulator.saving_required,
            "taxStep": simulator.council_tax_step_pounds,
            "bandDPence": simulator.council_tax_band_d_pence,
            "services": {
                str(m.service.pk): {
                    "step": m.service.step_pounds,
                    "current": m.service.current_budget,
                    "cuts": m.service.cuts,
                    "increases": m.service.increases,
                }
                for m in self.moves
            },
        }

    @property
    def found(self) -> int:
        return self.council_tax_raised - sum(move.change for move in self.moves)

    @property
    def still_to_find(self) -> int:
        """Pounds still to find (0 once the budget balances; any surplus is `surplus`)."""
        return max(self.simulator.saving_required - self.found, 0)

    @property
    def surplus(self) -> int:
        return max(self.found - self.simulator.saving_required, 0)

    @property
    def is_balanced(self) -> bool:
        return self.found >= self.simulator.saving_required

    @property
    def summary(self) -> str:
        """The running balance in words, for the page and for a screen reader's live region."""
        if not self.is_balanced:
            return f"You still need to find {money(self.still_to_find)}."
        if self.surplus:
            return f"Your budget balances, with {money(self.surplus)} to spare."
        return "Your budget balances."


def out_of_range(service: ServiceArea, steps: int) -> str:
    """Why `steps` is not a move this service allows ('' when it is)."""
    if service.min_steps <= steps <= service.max_steps:
        return ""
    return f"{service.name} can move from {service.min_steps} to {service.max_steps} steps"


def council_tax_out_of_range(simulator: BudgetSimulator, steps: int) -> str:
    if 0 <= steps <= (simulator.council_tax_max_steps if simulator.has_council_tax else 0):
        return ""
    if not simulator.has_council_tax:
        return "Council tax is not part of this exercise: leave it at 0"
    return f"Council tax can rise by 0 to {simulator.council_tax_max_steps} steps"
