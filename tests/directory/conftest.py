import pytest

from directory.models import Membership, Organisation
from tests.directory.factories import ListingFactory, LocationFactory, MembershipFactory, OrganisationFactory
from tests.factories import PostcodeFactory, UserFactory


@pytest.fixture
def organisation(db):
    return OrganisationFactory(name="Aylsham Dementia Friends")


@pytest.fixture
def group_owner(organisation):
    user = UserFactory(email="owner@example.org", display_name="Olive Owner")
    MembershipFactory(organisation=organisation, user=user, role=Membership.Role.OWNER)
    return user


@pytest.fixture
def group_editor(organisation):
    user = UserFactory(email="editor@example.org", display_name="Eddie Editor")
    MembershipFactory(organisation=organisation, user=user, role=Membership.Role.EDITOR)
    return user


@pytest.fixture
def other_group_owner(db):
    user = UserFactory(email="rival@example.org", display_name="Rita Rival")
    MembershipFactory(organisation=OrganisationFactory(name="Another Group"), user=user)
    return user


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
