import datetime

import pytest
from django.core import mail
from django.urls import reverse

from directory.models import Listing, ListingVersion, Organisation, ProblemReport
from directory.services import listing_content, listing_start_edit, listing_submit, listing_update
from localism.models import AuditEntry

pytestmark = pytest.mark.django_db

ADMIN = reverse("admin:app_list", kwargs={"app_label": "directory"})


def act(staff_client, model: str, action: str, objects, **extra):
    return staff_client.post(
        f"{ADMIN}{model}/", {"action": action, "_selected_action": [str(o.pk) for o in objects], **extra}, follow=True
    )


def test_the_queue_lists_listings_waiting_for_review(staff_client, pending_listing):
    response = staff_client.get(f"{ADMIN}listing/", {"status__exact": "pending"})

    assert response.status_code == 200
    assert "Lunch club" in response.content.decode()


def test_approving_publishes_the_listing_and_tells_the_group(
    staff_client, pending_listing, moderator, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        act(staff_client, "listing", "approve", [pending_listing])

    pending_listing.refresh_from_db()
    assert pending_listing.status == Listing.Status.PUBLISHED
    assert pending_listing.last_confirmed_at is not None
    assert ListingVersion.objects.filter(listing=pending_listing, approved_by=moderator).exists()
    assert AuditEntry.objects.filter(action="directory.listing.approved", actor=moderator).exists()
    assert mail.outbox[0].to == ["owner@example.org"]
    assert "is published" in mail.outbox[0].subject


def test_rejecting_asks_for_a_reason_and_the_group_reads_it(
    staff_client, pending_listing, django_capture_on_commit_callbacks
):
    page = act(staff_client, "listing", "reject", [pending_listing])
    assert "Reason" in page.content.decode()
    pending_listing.refresh_from_db()
    assert pending_listing.status == Listing.Status.PENDING

    with django_capture_on_commit_callbacks(execute=True):
        act(staff_client, "listing", "reject", [pending_listing], apply="1", reason="This is a private business.")

    pending_listing.refresh_from_db()
    assert pending_listing.status == Listing.Status.REJECTED
    assert pending_listing.review_reason == "This is a private business."
    assert "This is a private business." in mail.outbox[0].body
    assert AuditEntry.objects.get(action="directory.listing.rejected").data == {
        "reason": "This is a private business."
    }


def test_a_rejection_without_a_reason_changes_nothing(staff_client, pending_listing):
    act(staff_client, "listing", "reject", [pending_listing], apply="1", reason="  ")

    pending_listing.refresh_from_db()
    assert pending_listing.status == Listing.Status.PENDING


def test_requesting_changes_sends_it_back_to_the_group(staff_client, pending_listing):
    act(staff_client, "listing", "request_changes", [pending_listing], apply="1", reason="Add the opening times.")

    pending_listing.refresh_from_db()
    assert pending_listing.status == Listing.Status.CHANGES_REQUESTED
    assert pending_listing.review_reason == "Add the opening times."


def test_an_edit_shows_a_field_by_field_diff_and_approving_it_replaces_the_published_version(
    staff_client, published_listing, group_owner
):
    edit = listing_start_edit(listing=published_listing, by=group_owner)
    content = listing_content(edit)
    content.fields["summary"] = "Now on Wednesdays too."
    listing_update(listing=edit, content=content, by=group_owner)
    listing_submit(listing=edit, by=group_owner)
    location_id = published_listing.locations.get().pk

    page = staff_client.get(f"{ADMIN}listing/{edit.pk}/change/").content.decode()
    assert "1 field changed" in page
    assert "A café for people with dementia." in page
    assert "Now on Wednesdays too." in page

    act(staff_client, "listing", "approve", [edit])

    published_listing.refresh_from_db()
    assert published_listing.summary == "Now on Wednesdays too."
    assert published_listing.revision == 2
    assert not Listing.objects.filter(pk=edit.pk).exists()
    # The public ids of its locations do not change.
    assert published_listing.locations.get().pk == location_id


def test_the_history_shows_who_changed_it(staff_client, pending_listing, group_owner):
    from localism.audit import audit_record

    audit_record(action="directory.listing.submitted", actor=group_owner, target=pending_listing)

    page = staff_client.get(f"{ADMIN}listing/{pending_listing.pk}/change/").content.decode()

    assert "owner@example.org" in page
    assert "Listing submitted for review" in page


def test_verifying_an_organisation_makes_it_public(staff_client, client, pending_organisation):
    act(staff_client, "organisation", "verify", [pending_organisation])

    pending_organisation.refresh_from_db()
    assert pending_organisation.status == Organisation.Status.VERIFIED
    assert AuditEntry.objects.filter(action="directory.organisation.verified").exists()


def test_suspending_an_organisation_hides_its_listings(staff_client, published_listing, organisation):
    act(staff_client, "organisation", "suspend", [organisation], apply="1", reason="Complaints under investigation")

    organisation.refresh_from_db()
    assert organisation.status == Organisation.Status.SUSPENDED
    staff_client.logout()
    assert staff_client.get(published_listing.get_absolute_url()).status_code == 404


def test_problem_reports_are_resolved_in_the_queue(staff_client, published_listing):
    report = ProblemReport.objects.create(listing=published_listing, what_is_wrong="Closed down")

    act(staff_client, "problemreport", "resolve", [report])

    report.refresh_from_db()
    assert report.status == ProblemReport.Status.RESOLVED


def test_residents_cannot_reach_the_queues(client, resident, pending_listing):
    client.force_login(resident)

    assert client.get(f"{ADMIN}listing/").status_code == 302


def test_a_newly_published_listing_is_emailed_to_followers_of_its_organisation_and_area(
    staff_client, pending_listing, django_capture_on_commit_callbacks
):
    from notifications.services import subscription_follow
    from tests.factories import PlaceFactory, UserFactory

    area = PlaceFactory(name="Harleston Test")
    pending_listing.service_areas.add(area)
    org_fan = UserFactory(email="org.fan@example.org", email_frequency="instant")
    area_fan = UserFactory(email="area.fan@example.org", email_frequency="instant")
    subscription_follow(user=org_fan, target=pending_listing.organisation)
    subscription_follow(user=area_fan, target=area)
    with django_capture_on_commit_callbacks(execute=True):
        act(staff_client, "listing", "approve", [pending_listing])
    news = [m for m in mail.outbox if m.subject == "New in the directory: Lunch club"]
    assert sorted(m.to[0] for m in news) == ["area.fan@example.org", "org.fan@example.org"]


def test_staff_correct_a_published_listing_and_its_venue_in_the_admin(staff_client, published_listing, client):
    from tests.admin_forms import add_inline_form, admin_form_data
    from tests.factories import PostcodeFactory

    PostcodeFactory(postcode="NR11 6AA", latitude=52.79, longitude=1.25)
    url = f"{ADMIN}listing/{published_listing.pk}/change/"
    data = admin_form_data(staff_client.get(url).content.decode())
    data.update(
        {
            "phone": "01263 111222",
            "description": "Corrected after a report: now meets in the library.",
            "locations-0-postcode": "nr11 6aa",
        }
    )
    data = add_inline_form(data, "cost_options", {"option": "Adults", "amount": "2.50"})

    response = staff_client.post(url, data)

    assert response.status_code == 302, response.content.decode()[:3000]
    published_listing.refresh_from_db()
    assert published_listing.status == Listing.Status.PUBLISHED
    assert published_listing.phone == "01263 111222"
    venue = published_listing.locations.get()
    assert (venue.postcode, venue.latitude) == ("NR11 6AA", 52.79)
    assert published_listing.cost_options.get().option == "Adults"
    assert AuditEntry.objects.filter(action="directory.listing.changed", target_id=str(published_listing.pk)).exists()
    # Search finds the corrected words at once.
    found = client.get(reverse("directory:search"), {"q": "library"}).content.decode()
    assert published_listing.name in found


def test_staff_type_opening_times_in_the_admin_as_groups_do(staff_client, published_listing, norwich_postcode):
    from tests.admin_forms import add_inline_form, admin_form_data

    url = f"{ADMIN}listing/{published_listing.pk}/change/"
    data = admin_form_data(staff_client.get(url).content.decode())
    data = add_inline_form(
        data, "schedules", {"kind": "open", "freq": "WEEKLY", "byday": "TH", "opens_at": "9.30am", "closes_at": "noon"}
    )

    response = staff_client.post(url, data)

    assert response.status_code == 302
    added = published_listing.schedules.get(byday="TH")
    assert (added.opens_at, added.closes_at) == (datetime.time(9, 30), datetime.time(12))


def test_an_unknown_postcode_in_a_staff_correction_is_refused(staff_client, published_listing):
    from tests.admin_forms import admin_form_data

    url = f"{ADMIN}listing/{published_listing.pk}/change/"
    before = published_listing.locations.get().postcode
    data = admin_form_data(staff_client.get(url).content.decode())
    data["locations-0-postcode"] = "ZZ9 9ZZ"
    data["phone"] = "01263 999999"

    response = staff_client.post(url, data)

    assert response.status_code == 200
    assert "We could not find ZZ9 9ZZ" in response.content.decode()
    published_listing.refresh_from_db()
    assert published_listing.phone != "01263 999999"
    assert published_listing.locations.get().postcode == before
