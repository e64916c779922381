import factory

from budget_simulator.models import BudgetSimulator, ServiceArea
from tests.consultations.factories import ConsultationFactory


class BudgetSimulatorFactory(factory.django.DjangoModelFactory):
    """£1,000,000 to find; council tax can rise 3 steps of £200,000 (£5.50 a Band D household each)."""

    class Meta:
        model = BudgetSimulator

    consultation = factory.SubFactory(ConsultationFactory)
    title = "Balance the budget"
    introduction = "Demand is rising faster than our money."
    saving_required = 1_000_000
    council_tax_step_pounds = 200_000
    council_tax_band_d_pence = 550
    council_tax_max_steps = 3


class ServiceAreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ServiceArea

    simulator = factory.SubFactory(BudgetSimulatorFactory)
    position = factory.Sequence(int)
    name = factory.Sequence(lambda n: f"Service {n}")
    current_budget = 5_000_000
    step_pounds = 250_000
    cuts = factory.LazyFunction(lambda: ["One step down", "Two steps down"])
    increases = factory.LazyFunction(lambda: ["One step up"])


def make_simulator() -> BudgetSimulator:
    """Open, £1,000,000 to find: libraries (steps of £250,000, 2 down, 1 up) and home care (steps of £500,000,
    1 down, 2 up), and council tax (3 steps of £200,000, £5.50 a Band D household each)."""
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
