"""A group member's directory data: in their download, and erased or anonymised when they delete their account."""

import pytest
from django.urls import reverse

from directory.models import (
    Invitation,
    Listing,
    ListingVersion,
    Membership,
    Organisation,
    OrganisationChange,
    ProblemReport,
)
from directory.services import member_invite, organisation_change_propose, problem_report_create
from tests.directory.factories import ListingFactory, OrganisationFactory
from tests.downloads import downloaded_json

pytestmark = pytest.mark.django_db


def _download(client) -> dict:
    return downloaded_json(client.get(reverse("accounts:data_download")))["directory"]


def _delete(client, password) -> None:
    assert client.post(reverse("accounts:delete"), {"password": password})["Location"] == reverse("localism:home")


def test_the_download_holds_the_persons_groups_invitations_listings_reports_and_proposals(
    client, group_owner, organisation, published_listing, other_resident
):
    member_invite(organisation=organisation, email="new.member@example.org", role="editor", by=group_owner)
    member_invite(
        organisation=OrganisationFactory(name="Holt Lunch Club"),
        email="owner@example.org",
        role="editor",
        by=other_resident,
    )
    ListingFactory(organisation=organisation, name="Carers' Coffee", created_by=group_owner, email="owner@example.org")
    ListingVersion.objects.create(listing=published_listing, number=1, snapshot={}, submitted_by=group_owner)
    problem_report_create(listing=published_listing, by=group_owner, what_is_wrong="The café moved to Tuesdays.")
    problem_report_create(
        listing=published_listing, by=None, what_is_wrong="No lift.", reply_email="Owner@example.org"
    )
    organisation_change_propose(
        organisation=organisation, by=group_owner, description="Friends of people with dementia."
    )
    client.force_login(group_owner)

    data = _download(client)

    assert data["memberships"] == [
        {"organisation": "Aylsham Dementia Friends", "role": "Owner", "since": data["memberships"][0]["since"]}
    ]
    assert [i["to"] for i in data["invitations_sent"]] == ["new.member@example.org"]
    assert [i["organisation"] for i in data["invitations_received"]] == ["Holt Lunch Club"]
    assert [listing["name"] for listing in data["listings_written"]] == ["Carers' Coffee"]
    assert data["listing_versions_submitted"][0]["listing"] == "Memory Café"
    # Including one sent signed out, with the person's address for a reply.
    assert [(r["what_is_wrong"], r["email_for_a_reply"]) for r in data["problem_reports"]] == [
        ("The café moved to Tuesdays.", ""),
        ("No lift.", "Owner@example.org"),
    ]
    assert data["organisation_changes_proposed"][0]["proposed"] == {"description": "Friends of people with dementia."}
    assert data["your_address_published_as_contact"]["listings"] == ["Carers' Coffee"]


def test_the_download_holds_nothing_of_another_persons_directory_data(client, group_owner, group_editor, organisation):
    ListingFactory(organisation=organisation, name="Owner's listing", created_by=group_owner)
    client.force_login(group_editor)
    data = _download(client)
    assert data["listings_written"] == [] and [m["role"] for m in data["memberships"]] == ["Editor"]


def test_deleting_the_account_ends_memberships_and_removes_invitations_to_the_persons_address(
    client, group_owner, group_editor, organisation, password
):
    other_group = OrganisationFactory(name="Holt Lunch Club")
    Invitation.objects.create(organisation=other_group, email="Owner@Example.org", invited_by=group_editor)
    sent = member_invite(organisation=organisation, email="new.member@example.org", role="editor", by=group_owner)
    client.force_login(group_owner)

    _delete(client, password)

    assert not Membership.objects.filter(user=group_owner).exists()
    assert not Invitation.objects.filter(organisation=other_group).exists()
    # The group's own invitation stays, sent by a former participant.
    sent.refresh_from_db()
    assert str(sent.invited_by) == "Former participant"
    assert Membership.objects.filter(user=group_editor, organisation=organisation).exists()


def test_deleting_the_account_keeps_the_groups_listings_and_proposals_written_by_a_former_participant(
    client, group_owner, organisation, published_listing, password
):
    listing = ListingFactory(organisation=organisation, name="Carers' Coffee", created_by=group_owner)
    version = ListingVersion.objects.create(listing=listing, number=1, snapshot={}, submitted_by=group_owner)
    change = organisation_change_propose(organisation=organisation, by=group_owner, description="New words.")
    report = problem_report_create(listing=published_listing, by=group_owner, what_is_wrong="Closed in August.")
    signed_out = problem_report_create(
        listing=published_listing, by=None, what_is_wrong="No lift.", reply_email="owner@example.org"
    )
    client.force_login(group_owner)

    _delete(client, password)

    listing.refresh_from_db(), version.refresh_from_db(), change.refresh_from_db(), report.refresh_from_db()
    assert str(listing.created_by) == str(version.submitted_by) == str(change.proposed_by) == "Former participant"
    assert listing.status == Listing.Status.PUBLISHED and change.proposed == {"description": "New words."}
    # The group still needs to know what is wrong; nobody can tell who said so.
    assert report.reporter is None and report.what_is_wrong == "Closed in August."
    signed_out.refresh_from_db()
    assert signed_out.what_is_wrong == "No lift." and signed_out.reply_email == ""


def test_deleting_the_account_removes_the_persons_address_wherever_a_group_published_it(
    client, group_owner, organisation, password
):
    own_address = ListingFactory(organisation=organisation, email="owner@example.org", phone="01263 000000")
    group_address = ListingFactory(organisation=organisation, email="hello@dementia-friends.example.org")
    version = ListingVersion.objects.create(
        listing=own_address, number=1, snapshot={"Name": own_address.name, "Email": "OWNER@example.org"}
    )
    Organisation.objects.filter(pk=organisation.pk).update(email="owner@example.org")
    change = OrganisationChange.objects.create(
        organisation=organisation, proposed={"email": "owner@example.org", "phone": "01263 111111"}
    )
    client.force_login(group_owner)

    _delete(client, password)

    own_address.refresh_from_db(), group_address.refresh_from_db(), version.refresh_from_db(), change.refresh_from_db()
    organisation.refresh_from_db()
    assert own_address.email == "" and own_address.phone == "01263 000000"
    assert group_address.email == "hello@dementia-friends.example.org"
    assert version.snapshot == {"Name": own_address.name, "Email": ""}
    assert organisation.email == ""
    assert change.proposed == {"phone": "01263 111111"}


def test_deleting_one_account_leaves_another_members_directory_data_alone(
    client, group_owner, group_editor, organisation, published_listing, password
):
    listing = ListingFactory(organisation=organisation, created_by=group_editor, email="editor@example.org")
    report = problem_report_create(listing=published_listing, by=group_editor, what_is_wrong="Wrong phone number.")
    client.force_login(group_owner)

    _delete(client, password)

    listing.refresh_from_db(), report.refresh_from_db()
    assert listing.created_by == group_editor and listing.email == "editor@example.org"
    assert report.reporter == group_editor
    assert ProblemReport.objects.count() == 1
