import pytest

from localism.models import Council, Responsibility
from petitions.models import ExcludedMatter, PetitionScheme
from petitions.schemes import load_schemes
from tests.factories import PostcodeFactory


@pytest.fixture
def scheme(reference_data):
    """Norfolk County Council's scheme as the data migration seeds it (20 to count, 4,500 for a debate)."""
    load_schemes(PetitionScheme, ExcludedMatter, Council, Responsibility)
    return PetitionScheme.objects.get(council__slug="norfolk-county-council")


@pytest.fixture
def postcodes(db):
    """A Norwich and a North Norfolk postcode, and one from outside the county."""
    return {
        "norwich": PostcodeFactory(),
        "cromer": PostcodeFactory(in_cromer=True),
        "cambridge": PostcodeFactory(
            postcode="CB2 1TN", latitude=52.2043, longitude=0.1149, district_code="E07000008"
        ),
    }
