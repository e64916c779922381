import pytest


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
