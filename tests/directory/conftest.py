import pytest

from directory.models import Organisation
from tests.directory.factories import ListingFactory, LocationFactory, OrganisationFactory
from tests.factories import PostcodeFactory


@pytest.fixture
def owner_client(client, group_owner):
    client.force_login(group_owner)
    return client


@pytest.fixture
def norwich_postcode(db):
    return PostcodeFactory(postcode="NR2 1AB", latitude=52.629423, longitude=1.285973)


@pytest.fixture
def published_listing(organisation):
    listing = ListingFactory(organisation=organisation, name="Memory Café", summary="A café for people with dementia.")
    LocationFactory(listing=listing)
    return listing


@pytest.fixture
def pending_organisation(db):
    return OrganisationFactory(name="Brand New Group", status=Organisation.Status.PENDING)
