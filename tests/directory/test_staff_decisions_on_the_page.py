"""Staff decide on a listing, an edit, an organisation or a proposed change from its own admin page,
with the same services, permissions and audit as the list actions; a group hears "published" only
when the public can see the listing."""

import pytest
from allauth.mfa.totp.internal.auth import TOTP
from django.contrib.auth.models import Permission
from django.core import mail
from django.test import Client
from django.urls import reverse

from directory.models import Listing, Organisation, OrganisationChange
from directory.services import organisation_change_propose
from localism.models import AuditEntry
from tests.conftest import STAFF_TOTP_SECRET
from tests.directory.factories import ListingFactory, LocationFactory, MembershipFactory, OrganisationFactory
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

ADMIN = reverse("admin:app_list", kwargs={"app_label": "directory"})


@pytest.fixture
def unverified_group():
    organisation = OrganisationFactory(name="Brand New Group", status=Organisation.Status.PENDING)
    MembershipFactory(organisation=organisation, user=UserFactory(email="new.owner@example.org"))
    return organisation


@pytest.fixture
def listing_of_unverified_group(unverified_group):
    listing = ListingFactory(
        organisation=unverified_group, name="Knit and natter", status=Listing.Status.PENDING, published_at=None
    )
    LocationFactory(listing=listing)
    return listing


def decide(client, model: str, obj, action: str, **extra):
    return client.post(f"{ADMIN}{model}/{obj.pk}/actions/", {"action": action, **extra})


def approve_and_set_its_email_aside(client, listing, django_capture_on_commit_callbacks) -> None:
    """Staff approve the listing, its emails sent as the decision commits; the test then forgets those emails."""
    with django_capture_on_commit_callbacks(execute=True):
        decide(client, "listing", listing, "approve")
    mail.outbox.clear()


# --- Buttons on the page -------------------------------------------------------------------


def test_a_listing_waiting_for_review_has_approve_and_reject_buttons_on_its_page(staff_client, pending_listing):
    page = staff_client.get(f"{ADMIN}listing/{pending_listing.pk}/change/").content.decode()

    assert f'action="{ADMIN}listing/{pending_listing.pk}/actions/"' in page
    assert 'value="approve"' in page and ">Approve</button>" in page
    assert 'value="reject"' in page and 'value="request_changes"' in page
    assert "Approve and verify the organisation" not in page  # its organisation is verified


def test_the_approve_button_publishes_the_listing_and_tells_the_group(
    staff_client, client, pending_listing, moderator, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = decide(staff_client, "listing", pending_listing, "approve")

    assert response.status_code == 302
    assert response["Location"] == f"{ADMIN}listing/{pending_listing.pk}/change/"
    pending_listing.refresh_from_db()
    assert pending_listing.status == Listing.Status.PUBLISHED
    assert AuditEntry.objects.filter(action="directory.listing.approved", actor=moderator).exists()
    to_the_group = [m.subject for m in mail.outbox if m.to == ["owner@example.org"]]
    assert to_the_group == ["Your listing Lunch club is published"]
    assert Client().get(pending_listing.get_absolute_url()).status_code == 200


def test_a_published_listing_has_no_review_buttons(staff_client, published_listing):
    page = staff_client.get(f"{ADMIN}listing/{published_listing.pk}/change/").content.decode()

    assert 'value="approve"' not in page


def test_the_approve_button_on_an_edit_replaces_the_published_version(staff_client, published_listing):
    from directory.services import listing_start_edit, listing_submit

    edit = listing_start_edit(listing=published_listing, by=None)
    Listing.objects.filter(pk=edit.pk).update(name="Memory Café (Tuesdays)")
    listing_submit(listing=edit, by=None)

    response = decide(staff_client, "listing", edit, "approve")

    assert response["Location"] == f"{ADMIN}listing/"  # the edit was merged into the published listing
    published_listing.refresh_from_db()
    assert published_listing.name == "Memory Café (Tuesdays)"


def test_the_reject_button_asks_for_a_reason_first(staff_client, pending_listing):
    page = decide(staff_client, "listing", pending_listing, "reject")

    assert page.status_code == 200
    html = page.content.decode()
    assert '<textarea name="reason"' in html and 'name="action" value="reject"' in html
    pending_listing.refresh_from_db()
    assert pending_listing.status == Listing.Status.PENDING


def test_rejecting_from_the_page_with_a_reason_tells_the_group(
    staff_client, pending_listing, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = decide(staff_client, "listing", pending_listing, "reject", apply="1", reason="A private business.")

    assert response.status_code == 302
    pending_listing.refresh_from_db()
    assert pending_listing.status == Listing.Status.REJECTED
    assert pending_listing.review_reason == "A private business."
    assert AuditEntry.objects.get(action="directory.listing.rejected").data == {"reason": "A private business."}
    assert "A private business." in mail.outbox[0].body


def test_a_refused_reason_is_asked_again_keeping_what_was_typed(staff_client, pending_listing):
    typed = "Too long. " * 201

    page = decide(staff_client, "listing", pending_listing, "request_changes", apply="1", reason=typed)

    assert page.status_code == 400
    html = page.content.decode()
    assert "at most 2000 characters" in html
    assert typed.strip() in html
    pending_listing.refresh_from_db()
    assert pending_listing.status == Listing.Status.PENDING


def test_a_reason_refused_by_the_service_keeps_what_was_typed(staff_client, pending_listing):
    Listing.objects.filter(pk=pending_listing.pk).update(status=Listing.Status.DRAFT)  # withdrawn meanwhile

    page = decide(staff_client, "listing", pending_listing, "reject", apply="1", reason="Not a community service.")

    assert page.status_code == 400
    html = page.content.decode()
    assert "Only listings waiting for review can be sent back." in html
    assert "Not a community service." in html


def test_the_decision_buttons_need_the_csrf_token(moderator, pending_listing):
    client = Client(enforce_csrf_checks=True)
    client.force_login(moderator)

    response = decide(client, "listing", pending_listing, "approve")

    assert response.status_code == 403
    pending_listing.refresh_from_db()
    assert pending_listing.status == Listing.Status.PENDING


def test_staff_without_the_permission_of_the_list_action_cannot_press_its_button(client, pending_listing):
    viewer = UserFactory(email="viewer@example.org", is_staff=True)
    TOTP.activate(viewer, STAFF_TOTP_SECRET)
    viewer.user_permissions.add(Permission.objects.get(codename="view_listing"))
    client.force_login(viewer)

    page = client.get(f"{ADMIN}listing/{pending_listing.pk}/change/").content.decode()
    response = decide(client, "listing", pending_listing, "approve")

    assert 'value="approve"' not in page
    assert response.status_code == 302
    pending_listing.refresh_from_db()
    assert pending_listing.status == Listing.Status.PENDING


def test_residents_cannot_reach_the_decision_buttons(resident_client, pending_listing):
    response = decide(resident_client, "listing", pending_listing, "approve")

    assert response.status_code in (302, 403)
    pending_listing.refresh_from_db()
    assert pending_listing.status == Listing.Status.PENDING


def test_the_decisions_page_lists_the_buttons_open_for_the_object(staff_client, pending_listing):
    page = staff_client.get(f"{ADMIN}listing/{pending_listing.pk}/actions/")

    assert page.status_code == 200
    assert 'value="approve"' in page.content.decode()


# --- Organisations and their proposed changes ------------------------------------------------


def test_an_unverified_organisation_is_verified_with_its_button(staff_client, unverified_group, moderator):
    page = staff_client.get(f"{ADMIN}organisation/{unverified_group.pk}/change/").content.decode()
    assert 'value="verify"' in page

    decide(staff_client, "organisation", unverified_group, "verify")

    unverified_group.refresh_from_db()
    assert unverified_group.status == Organisation.Status.VERIFIED
    assert AuditEntry.objects.filter(action="directory.organisation.verified", actor=moderator).exists()


def test_suspending_from_the_organisation_page_asks_for_a_reason(staff_client, organisation):
    page = decide(staff_client, "organisation", organisation, "suspend", apply="1", reason="")

    assert page.status_code == 400
    assert "Give a reason: the group will read it." in page.content.decode()
    decide(staff_client, "organisation", organisation, "suspend", apply="1", reason="Complaints under investigation")
    organisation.refresh_from_db()
    assert organisation.status == Organisation.Status.SUSPENDED
    assert organisation.status_reason == "Complaints under investigation"


def test_a_proposed_change_is_approved_from_its_page(staff_client, organisation, group_owner):
    change = organisation_change_propose(organisation=organisation, by=group_owner, description="Now on Fridays.")
    page = staff_client.get(f"{ADMIN}organisationchange/{change.pk}/change/").content.decode()
    assert f'action="{ADMIN}organisationchange/{change.pk}/actions/"' in page

    decide(staff_client, "organisationchange", change, "approve")

    change.refresh_from_db()
    organisation.refresh_from_db()
    assert change.status == OrganisationChange.Status.APPROVED
    assert organisation.description == "Now on Fridays."


def test_a_proposed_change_is_rejected_from_its_page_with_a_reason(staff_client, organisation, group_owner):
    change = organisation_change_propose(organisation=organisation, by=group_owner, description="Now on Fridays.")

    decide(staff_client, "organisationchange", change, "reject", apply="1", reason="Fridays clash with the hall.")

    change.refresh_from_db()
    assert change.status == OrganisationChange.Status.REJECTED
    assert change.review_reason == "Fridays clash with the hall."


# --- Approving a listing of an organisation waiting for verification ---------------------------


def test_a_listing_of_an_unverified_organisation_offers_to_verify_it_in_the_same_step(
    staff_client, listing_of_unverified_group
):
    page = staff_client.get(f"{ADMIN}listing/{listing_of_unverified_group.pk}/change/").content.decode()

    assert "Approve and verify the organisation" in page


def test_approve_and_verify_publishes_the_listing_for_the_public_and_says_so(
    staff_client, listing_of_unverified_group, unverified_group, moderator, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        decide(staff_client, "listing", listing_of_unverified_group, "approve_and_verify")

    unverified_group.refresh_from_db()
    listing_of_unverified_group.refresh_from_db()
    assert unverified_group.status == Organisation.Status.VERIFIED
    assert listing_of_unverified_group.status == Listing.Status.PUBLISHED
    assert Client().get(listing_of_unverified_group.get_absolute_url()).status_code == 200
    assert [m.subject for m in mail.outbox] == ["Your listing Knit and natter is published"]
    assert {e.action for e in AuditEntry.objects.filter(actor=moderator)} >= {
        "directory.organisation.verified",
        "directory.listing.approved",
    }


def test_approving_only_does_not_tell_the_group_published_while_the_page_is_not_public(
    staff_client, listing_of_unverified_group, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        decide(staff_client, "listing", listing_of_unverified_group, "approve")

    assert Client().get(listing_of_unverified_group.get_absolute_url()).status_code == 404
    assert [m.subject for m in mail.outbox] == ["Your listing Knit and natter is approved"]
    assert "when we have verified your organisation" in mail.outbox[0].body
    assert "now published" not in mail.outbox[0].body


def test_verifying_the_organisation_later_tells_the_group_its_approved_listings_are_published(
    staff_client, listing_of_unverified_group, unverified_group, django_capture_on_commit_callbacks
):
    approve_and_set_its_email_aside(staff_client, listing_of_unverified_group, django_capture_on_commit_callbacks)

    with django_capture_on_commit_callbacks(execute=True):
        decide(staff_client, "organisation", unverified_group, "verify")

    assert Client().get(listing_of_unverified_group.get_absolute_url()).status_code == 200
    assert [m.subject for m in mail.outbox] == ["Your listing Knit and natter is published"]


def test_verifying_an_organisation_again_does_not_repeat_the_published_email(
    staff_client, pending_listing, organisation, django_capture_on_commit_callbacks
):
    approve_and_set_its_email_aside(staff_client, pending_listing, django_capture_on_commit_callbacks)

    with django_capture_on_commit_callbacks(execute=True):
        decide(staff_client, "organisation", organisation, "suspend", apply="1", reason="Checking")
        decide(staff_client, "organisation", organisation, "verify")

    assert [m.subject for m in mail.outbox if "published" in m.subject] == []
