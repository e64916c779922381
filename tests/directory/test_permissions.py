"""The directory's rules as a matrix of people × states."""

import pytest
from django.contrib.auth.models import AnonymousUser

from directory import permissions
from directory.models import Listing, Organisation
from tests.directory.factories import ListingFactory, MembershipFactory
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

S = Listing.Status


@pytest.fixture
def people(organisation, group_owner, group_editor, other_group_owner, resident, moderator):
    unverified_member = UserFactory(verified=False)
    MembershipFactory(organisation=organisation, user=unverified_member)
    return {
        "anonymous": AnonymousUser(),
        "resident": resident,
        "owner": group_owner,
        "editor": group_editor,
        "unverified member": unverified_member,
        "other group": other_group_owner,
        "staff": moderator,
    }


def fresh(user):
    """Each check with a fresh user object (the membership cache lives on the user)."""
    return type(user).objects.get(pk=user.pk) if user.is_authenticated else user


@pytest.mark.parametrize(
    ("status", "who_sees"),
    [
        (S.PUBLISHED, {"anonymous", "resident", "owner", "editor", "unverified member", "other group", "staff"}),
        (S.DRAFT, {"owner", "editor", "unverified member", "staff"}),
        (S.PENDING, {"owner", "editor", "unverified member", "staff"}),
        (S.REJECTED, {"owner", "editor", "unverified member", "staff"}),
        (S.ARCHIVED, {"owner", "editor", "unverified member", "staff"}),
    ],
)
def test_who_can_see_a_listing(people, organisation, status, who_sees):
    listing = ListingFactory(organisation=organisation, status=status)

    assert {name for name, user in people.items() if permissions.can_see_listing(fresh(user), listing)} == who_sees


@pytest.mark.parametrize(
    ("status", "who_edits"),
    [
        (S.DRAFT, {"owner", "editor"}),
        (S.CHANGES_REQUESTED, {"owner", "editor"}),
        (S.PUBLISHED, {"owner", "editor"}),
        (S.PENDING, set()),
        (S.ARCHIVED, set()),
    ],
)
def test_who_can_edit_a_listing(people, organisation, status, who_edits):
    listing = ListingFactory(organisation=organisation, status=status)

    assert {name for name, user in people.items() if permissions.can_edit_listing(fresh(user), listing)} == who_edits


def test_only_owners_manage_members(people, organisation):
    allowed = {name for name, user in people.items() if permissions.can_manage_members(fresh(user), organisation)}

    assert allowed == {"owner"}


def test_nobody_adds_listings_to_a_suspended_organisation(people, organisation):
    organisation.status = Organisation.Status.SUSPENDED
    organisation.save()

    assert not any(permissions.can_add_listing(fresh(user), organisation) for user in people.values())


def test_only_verified_people_register_organisations(people):
    allowed = {name for name, user in people.items() if permissions.can_register_organisation(fresh(user))}

    assert allowed == {"resident", "owner", "editor", "other group", "staff"}
