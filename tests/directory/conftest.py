import pytest

from directory.models import Listing
from tests.directory.factories import ListingFactory, LocationFactory


@pytest.fixture
def owner_client(client, group_owner):
    client.force_login(group_owner)
    return client


@pytest.fixture
def pending_listing(organisation, group_owner):
    listing = ListingFactory(
        organisation=organisation, name="Lunch club", status=Listing.Status.PENDING, published_at=None
    )
    LocationFactory(listing=listing)
    return listing
