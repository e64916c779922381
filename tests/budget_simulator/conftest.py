import pytest

from tests.budget_simulator.factories import BudgetSimulatorFactory, ServiceAreaFactory


@pytest.fixture
def simulator(db):
    """Open: libraries (steps of £250,000, 2 down, 1 up) and home care (steps of £500,000, 1 down, 2 up)."""
    simulator = BudgetSimulatorFactory(consultation__title="Our budget for next year")
    ServiceAreaFactory(
        simulator=simulator,
        name="Libraries",
        step_pounds=250_000,
        cuts=["2 fewer mobile library stops", "Libraries open 4 fewer hours a week"],
        increases=["Sunday opening at 5 libraries"],
    )
    ServiceAreaFactory(
        simulator=simulator,
        name="Home care",
        step_pounds=500_000,
        cuts=["120 fewer home care packages"],
        increases=["50 more home care packages", "100 more home care packages"],
    )
    return simulator


@pytest.fixture
def fields(simulator):
    """The form field of each service, by name."""
    return {s.name: f"service_{s.pk}" for s in simulator.services.all()}


def budget_form(fields, *, libraries=0, home_care=0, council_tax=0, action="submit", postcode="") -> dict:
    return {
        fields["Libraries"]: str(libraries),
        fields["Home care"]: str(home_care),
        "council_tax": str(council_tax),
        "postcode": postcode,
        "action": action,
    }
