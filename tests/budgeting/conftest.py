from decimal import Decimal

import pytest

from tests.budgeting.factories import RoundFactory


@pytest.fixture
def voting_round():
    """A round open for voting, with £10,000 to share."""
    return RoundFactory(pot=Decimal("10000"))
