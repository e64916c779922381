"""The directory's rules as a matrix of people × states, asked through `has_perm` as every layer asks them."""

import pytest
from django.contrib.auth.models import AnonymousUser

from directory.models import Listing, Organisation, OrganisationChange
from tests.directory.factories import ListingFactory, MembershipFactory
from tests.factories import UserFactory
from tests.permission_matrix import EVERYONE, who_may

pytestmark = pytest.mark.django_db

S = Listing.Status
MEMBERS = {"owner", "editor", "unverified member"}
ACTIVE_MEMBERS = {"owner", "editor"}  # members with a verified email
HIDDEN = MEMBERS | {"staff"}


@pytest.fixture
def people(personas, organisation, group_editor):
    unverified_member = UserFactory(verified=False)
    MembershipFactory(organisation=organisation, user=unverified_member)
    return {**personas, "editor": group_editor, "unverified member": unverified_member}


ALL = EVERYONE | {"editor", "unverified member"}

# Organisation status: who may see it, manage it, manage its members, change its details, add listings.
ORGANISATION_MATRIX = {
    Organisation.Status.VERIFIED: (ALL, ACTIVE_MEMBERS, {"owner"}, {"owner"}, ACTIVE_MEMBERS),
    Organisation.Status.PENDING: (HIDDEN, ACTIVE_MEMBERS, {"owner"}, {"owner"}, ACTIVE_MEMBERS),
    Organisation.Status.SUSPENDED: (HIDDEN, ACTIVE_MEMBERS, {"owner"}, {"owner"}, set()),
}


@pytest.mark.parametrize("status", list(ORGANISATION_MATRIX))
def test_who_may_do_what_with_an_organisation(people, organisation, status):
    organisation.status = status
    organisation.save()

    got = tuple(
        who_may(people, perm, organisation)
        for perm in (
            "directory.see_organisation",
            "directory.manage_organisation",
            "directory.manage_organisation_members",
            "directory.edit_organisation",
            "directory.create_listing",
        )
    )
    assert got == ORGANISATION_MATRIX[status]


def test_only_members_and_staff_see_a_proposed_change(people, organisation, group_owner):
    change = OrganisationChange.objects.create(organisation=organisation, proposed_by=group_owner, proposed={})

    assert who_may(people, "directory.see_organisationchange", change) == HIDDEN


def test_only_verified_people_register_organisations(people):
    assert who_may(people, "directory.register_organisation") == ALL - {"anonymous", "unverified member"}


def test_only_staff_with_two_factor_authentication_verify_organisations(people):
    assert who_may(people, "directory.verify_organisation") == {"staff"}


# State of a listing of the verified organisation: who may see (and so report), edit, submit, confirm, archive.
LISTING_STATES = {
    "published": {"status": S.PUBLISHED},
    "published, hidden as out of date": {"status": S.PUBLISHED, "is_hidden_as_stale": True},
    "draft": {"status": S.DRAFT},
    "pending": {"status": S.PENDING},
    "changes requested": {"status": S.CHANGES_REQUESTED},
    "rejected": {"status": S.REJECTED},
    "archived": {"status": S.ARCHIVED},
    "a change to a published listing": {"status": S.DRAFT, "edit_of": "published"},
    "published, of an organisation not yet verified": {"status": S.PUBLISHED, "organisation": "pending"},
}
LISTING_MATRIX = {
    "published": (ALL, ACTIVE_MEMBERS, set(), ACTIVE_MEMBERS, ACTIVE_MEMBERS),
    "published, hidden as out of date": (HIDDEN, ACTIVE_MEMBERS, set(), ACTIVE_MEMBERS, ACTIVE_MEMBERS),
    "draft": (HIDDEN, ACTIVE_MEMBERS, ACTIVE_MEMBERS, set(), ACTIVE_MEMBERS),
    "pending": (HIDDEN, set(), set(), set(), ACTIVE_MEMBERS),
    "changes requested": (HIDDEN, ACTIVE_MEMBERS, ACTIVE_MEMBERS, set(), ACTIVE_MEMBERS),
    "rejected": (HIDDEN, ACTIVE_MEMBERS, ACTIVE_MEMBERS, set(), ACTIVE_MEMBERS),
    "archived": (HIDDEN, set(), set(), set(), set()),
    "a change to a published listing": (HIDDEN, ACTIVE_MEMBERS, ACTIVE_MEMBERS, set(), ACTIVE_MEMBERS),
    "published, of an organisation not yet verified": (HIDDEN, ACTIVE_MEMBERS, set(), ACTIVE_MEMBERS, ACTIVE_MEMBERS),
}


def make_listing(organisation, state: str) -> Listing:
    fields = dict(LISTING_STATES[state])
    if fields.get("organisation") == "pending":
        organisation.status = Organisation.Status.PENDING
        organisation.save()
    fields.pop("organisation", None)
    if fields.get("edit_of"):
        fields["edit_of"] = ListingFactory(organisation=organisation)
    return ListingFactory(organisation=organisation, **fields)


@pytest.mark.parametrize("state", list(LISTING_STATES))
def test_who_may_do_what_with_a_listing(people, organisation, state):
    listing = make_listing(organisation, state)

    got = tuple(
        who_may(people, perm, listing)
        for perm in (
            "directory.see_listing",
            "directory.edit_listing",
            "directory.submit_listing",
            "directory.confirm_listing",
            "directory.archive_listing",
        )
    )
    assert got == LISTING_MATRIX[state]
    # Anyone who may see a listing may report a problem with it.
    assert who_may(people, "directory.report_listing", listing) == LISTING_MATRIX[state][0]


@pytest.mark.parametrize("state", list(LISTING_STATES))
def test_the_public_see_a_listing_exactly_when_the_published_list_holds_it(organisation, state):
    """The single-listing rule and the QuerySet the search, API and sitemap use give one answer."""
    listing = make_listing(organisation, state)

    seen_by_the_public = AnonymousUser().has_perm("directory.see_listing", listing)
    assert seen_by_the_public == Listing.objects.published().filter(pk=listing.pk).exists() == listing.is_public


def test_nobody_adds_listings_to_a_suspended_organisation(people, organisation):
    organisation.status = Organisation.Status.SUSPENDED
    organisation.save()

    assert who_may(people, "directory.create_listing", organisation) == set()
