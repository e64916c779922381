import datetime
from decimal import Decimal
from pathlib import Path

import pytest

from devtools.sample_data import SAMPLE_DIR
from tests.transparency.factories import SpendingRecordFactory
from transparency.services import spending_facets_refresh

SAMPLE_FILES = Path(SAMPLE_DIR)


@pytest.fixture
def sample_file():
    """The bytes of one of the shipped sample files (devtools/sample_files/)."""

    def read(name: str) -> bytes:
        return (SAMPLE_FILES / name).read_bytes()

    return read


@pytest.fixture
def spending_with_a_gap(db):
    """Two payments to one supplier, in April and June 2026, and none in May."""
    SpendingRecordFactory(
        beneficiary_name="Wensum Care Ltd", amount=Decimal("1000"), payment_date=datetime.date(2026, 4, 3)
    )
    # Nothing in May 2026.
    SpendingRecordFactory(
        beneficiary_name="Wensum Care Ltd", amount=Decimal("3000"), payment_date=datetime.date(2026, 6, 30)
    )
    spending_facets_refresh()
