import pytest

from localism.models import Council, Place


@pytest.fixture
def cromer(reference_data):
    return Place.objects.get(slug="cromer")


@pytest.fixture
def north_norfolk_council(reference_data):
    return Council.objects.get(slug="north-norfolk-district-council")
