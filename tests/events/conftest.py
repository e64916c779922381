import pytest


@pytest.fixture(autouse=True)
def _councils(reference_data):
    """Events belong to councils: Norfolk's, as the migrations load them."""
