"""Changes to a verified organisation's details wait for staff review; the published details stay up until then."""

import pytest
from django.core import mail
from django.db import IntegrityError
from django.test import Client
from django.urls import reverse

from directory.models import Organisation, OrganisationChange
from directory.services import organisation_change_approve, organisation_change_propose
from localism.models import AuditEntry, Place
from tests.directory.factories import ListingFactory, LocationFactory, MembershipFactory
from tests.factories import PlaceFactory
from tests.queries import queries_of

pytestmark = pytest.mark.django_db

ADMIN = reverse("admin:app_list", kwargs={"app_label": "directory"})
OLD_NAME, OLD_WEBSITE = "Aylsham Dementia Friends", "https://aylsham-dementia-friends.org.uk"
NEW_NAME, NEW_WEBSITE = "Norfolk County Council Official Helpdesk", "https://norfolk-council-help.example.com"


@pytest.fixture
def organisation(organisation):
    """The verified group of the shared personas, with a website."""
    organisation.website = OLD_WEBSITE
    organisation.save()
    return organisation


def details(organisation: Organisation, **overrides) -> dict:
    """The details form as the owner would send it, unchanged except for the overrides."""
    data = {
        "name": organisation.name,
        "kind": organisation.kind,
        "charity_number": organisation.charity_number,
        "company_number": organisation.company_number,
        "description": organisation.description,
        "website": organisation.website,
        "email": organisation.email,
        "phone": organisation.phone,
        "places": [place.pk for place in organisation.places.all()],
    }
    data.update(overrides)
    return data


def propose_the_phishing_details(owner_client, organisation) -> OrganisationChange:
    response = owner_client.post(
        reverse("directory:organisation_edit", kwargs={"slug": organisation.slug}),
        details(organisation, name=NEW_NAME, website=NEW_WEBSITE),
    )
    assert response.status_code == 302
    return OrganisationChange.objects.get(organisation=organisation)


def public_pages(organisation, listing) -> dict[str, str]:
    """What anyone sees of the organisation: its page, its listing, the API, search and the download."""
    public = Client()
    pages = {
        "organisation page": public.get(organisation.get_absolute_url()),
        "listing page": public.get(listing.get_absolute_url()),
        "ORUK organizations": public.get(reverse("oruk:organizations")),
        "ORUK organization": public.get(reverse("oruk:organization_detail", kwargs={"pk": organisation.pk})),
        "ORUK service": public.get(reverse("oruk:service_detail", kwargs={"pk": listing.pk})),
        "site search": public.get(reverse("localism:search"), {"q": "Memory"}),
        "CSV download": public.get(reverse("directory:search_csv")),
    }
    for name, response in pages.items():
        assert response.status_code == 200, name
    return {name: b"".join(response).decode() for name, response in pages.items()}


def approve(staff_client, change):
    return staff_client.post(
        f"{ADMIN}organisationchange/", {"action": "approve", "_selected_action": [str(change.pk)]}, follow=True
    )


def reject(staff_client, change, reason: str):
    return staff_client.post(
        f"{ADMIN}organisationchange/",
        {"action": "reject", "_selected_action": [str(change.pk)], "apply": "1", "reason": reason},
        follow=True,
    )


class TestTheGroupProposes:
    def test_a_new_name_and_website_wait_for_review_and_the_published_ones_stay_everywhere(
        self, owner_client, organisation, published_listing
    ):
        propose_the_phishing_details(owner_client, organisation)

        for name, page in public_pages(organisation, published_listing).items():
            assert NEW_NAME not in page, name
            assert "norfolk-council-help" not in page, name
            assert OLD_NAME in page, name
        organisation.refresh_from_db()
        assert (organisation.name, organisation.website) == (OLD_NAME, OLD_WEBSITE)

    def test_the_proposal_holds_only_what_changed(self, owner_client, organisation):
        change = propose_the_phishing_details(owner_client, organisation)

        assert change.status == OrganisationChange.Status.PENDING
        assert change.proposed == {"name": NEW_NAME, "website": NEW_WEBSITE}
        assert AuditEntry.objects.filter(action="directory.organisation_change.proposed").count() == 1

    def test_the_group_sees_on_its_page_that_the_change_waits_and_what_it_proposed(
        self, owner_client, group_editor, organisation
    ):
        propose_the_phishing_details(owner_client, organisation)

        for person in (owner_client, Client()):
            if person is not owner_client:
                person.force_login(group_editor)
            page = person.get(
                reverse("directory:organisation_manage", kwargs={"slug": organisation.slug})
            ).content.decode()
            assert "Waiting for review" in page
            assert NEW_NAME in page and NEW_WEBSITE in page
            assert OLD_NAME in page and OLD_WEBSITE in page

    def test_the_form_shows_the_proposal_and_saving_again_amends_it(self, owner_client, organisation):
        propose_the_phishing_details(owner_client, organisation)
        url = reverse("directory:organisation_edit", kwargs={"slug": organisation.slug})

        form = owner_client.get(url).content.decode()
        assert f'value="{NEW_NAME}"' in form
        assert "waiting for review" in form

        owner_client.post(url, details(organisation, name="Aylsham Dementia Friends CIO"))

        change = OrganisationChange.objects.get(organisation=organisation)
        assert change.status == OrganisationChange.Status.PENDING
        assert change.proposed == {"name": "Aylsham Dementia Friends CIO"}

    def test_proposing_the_published_details_withdraws_the_change(self, owner_client, organisation):
        propose_the_phishing_details(owner_client, organisation)

        owner_client.post(
            reverse("directory:organisation_edit", kwargs={"slug": organisation.slug}), details(organisation)
        )

        assert not OrganisationChange.objects.exists()
        assert AuditEntry.objects.filter(action="directory.organisation_change.withdrawn").exists()

    def test_new_places_served_wait_for_review_too(self, owner_client, organisation):
        district = PlaceFactory(name="Broadland", kind=Place.Kind.DISTRICT)

        owner_client.post(
            reverse("directory:organisation_edit", kwargs={"slug": organisation.slug}),
            details(organisation, places=[district.pk]),
        )

        assert list(organisation.places.all()) == []
        assert OrganisationChange.objects.get().proposed == {"places": [district.pk]}

    def test_staff_are_told_a_change_is_waiting(
        self, owner_client, organisation, moderator, django_capture_on_commit_callbacks
    ):
        moderator.email_frequency = "instant"
        moderator.save()

        with django_capture_on_commit_callbacks(execute=True):
            propose_the_phishing_details(owner_client, organisation)

        assert [m.to for m in mail.outbox if "waiting for review" in m.subject] == [[moderator.email]]

    def test_an_organisation_waiting_for_verification_changes_its_details_at_once(self, client, pending_organisation):
        owner = MembershipFactory(organisation=pending_organisation).user
        client.force_login(owner)

        client.post(
            reverse("directory:organisation_edit", kwargs={"slug": pending_organisation.slug}),
            details(pending_organisation, name="Brand New Group (Aylsham)"),
        )

        pending_organisation.refresh_from_db()
        assert pending_organisation.name == "Brand New Group (Aylsham)"
        assert not OrganisationChange.objects.exists()

    def test_a_suspended_organisations_changes_wait_for_review(self, owner_client, organisation):
        organisation.status = Organisation.Status.SUSPENDED
        organisation.save()

        propose_the_phishing_details(owner_client, organisation)

        organisation.refresh_from_db()
        assert organisation.name == OLD_NAME

    def test_only_one_change_waits_per_organisation(self, organisation, group_owner):
        OrganisationChange.objects.create(organisation=organisation, proposed={"name": "One"})

        with pytest.raises(IntegrityError):
            OrganisationChange.objects.create(organisation=organisation, proposed={"name": "Two"})


class TestStaffReview:
    @pytest.fixture
    def change(self, owner_client, organisation) -> OrganisationChange:
        """The group's proposal of the phishing details, waiting for review."""
        return propose_the_phishing_details(owner_client, organisation)

    def test_approving_publishes_the_new_details_everywhere_and_tells_the_group(
        self, change, staff_client, moderator, organisation, published_listing, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            approve(staff_client, change)

        for name, page in public_pages(organisation, published_listing).items():
            assert NEW_NAME in page, name
        assert NEW_WEBSITE in public_pages(organisation, published_listing)["organisation page"]
        change.refresh_from_db()
        assert (change.status, change.decided_by) == (OrganisationChange.Status.APPROVED, moderator)
        entry = AuditEntry.objects.get(action="directory.organisation_change.approved")
        assert (entry.actor, entry.target_id, entry.data["fields"]) == (
            moderator,
            str(organisation.pk),
            ["name", "website"],
        )
        decisions = [m for m in mail.outbox if m.to == ["owner@example.org"]]
        assert len(decisions) == 1 and "are published" in decisions[0].subject

    def test_rejecting_keeps_the_published_details_and_emails_the_group_the_reason(
        self,
        change,
        owner_client,
        staff_client,
        moderator,
        organisation,
        published_listing,
        django_capture_on_commit_callbacks,
    ):
        with django_capture_on_commit_callbacks(execute=True):
            reject(staff_client, change, "You are not the county council.")

        for name, page in public_pages(organisation, published_listing).items():
            assert NEW_NAME not in page, name
            assert OLD_NAME in page, name
        change.refresh_from_db()
        assert (change.status, change.review_reason) == (
            OrganisationChange.Status.REJECTED,
            "You are not the county council.",
        )
        entry = AuditEntry.objects.get(action="directory.organisation_change.rejected")
        assert (entry.actor, entry.data["reason"]) == (moderator, "You are not the county council.")
        decisions = [m for m in mail.outbox if m.to == ["owner@example.org"]]
        assert len(decisions) == 1
        assert "You are not the county council." in decisions[0].body
        page = owner_client.get(
            reverse("directory:organisation_manage", kwargs={"slug": organisation.slug})
        ).content.decode()
        assert "did not approve" in page and "You are not the county council." in page

    def test_a_rejection_needs_a_reason(self, change, staff_client):
        page = staff_client.post(
            f"{ADMIN}organisationchange/", {"action": "reject", "_selected_action": [str(change.pk)]}
        ).content.decode()
        assert "Reason" in page
        reject(staff_client, change, "   ")

        change.refresh_from_db()
        assert change.status == OrganisationChange.Status.PENDING

    def test_after_a_rejection_the_group_can_propose_again(self, change, owner_client, staff_client, organisation):
        reject(staff_client, change, "No.")

        owner_client.post(
            reverse("directory:organisation_edit", kwargs={"slug": organisation.slug}),
            details(organisation, phone="01263 000000"),
        )

        assert OrganisationChange.objects.pending().get().proposed == {"phone": "01263 000000"}

    def test_the_admin_change_page_shows_the_published_and_the_proposed_values(
        self, change, staff_client, organisation
    ):
        page = staff_client.get(f"{ADMIN}organisationchange/{change.pk}/change/").content.decode()

        assert "2 fields proposed" in page
        for value in (OLD_NAME, NEW_NAME, OLD_WEBSITE, NEW_WEBSITE):
            assert value in page
        assert "Approve and publish" in page
        organisation_page = staff_client.get(f"{ADMIN}organisation/{organisation.pk}/change/").content.decode()
        assert f"{ADMIN}organisationchange/{change.pk}/change/" in organisation_page

    def test_the_queue_lists_the_changes_waiting(self, change, staff_client):
        page = staff_client.get(f"{ADMIN}organisationchange/", {"status__exact": "pending"}).content.decode()

        assert OLD_NAME in page

    def test_approving_keeps_a_correction_staff_made_meanwhile_to_another_detail(
        self, change, organisation, moderator
    ):
        Organisation.objects.filter(pk=organisation.pk).update(phone="01603 222222")

        organisation_change_approve(change=change, by=moderator)

        organisation.refresh_from_db()
        assert (organisation.name, organisation.phone) == (NEW_NAME, "01603 222222")

    def test_a_change_is_decided_once(self, change, staff_client):
        approve(staff_client, change)

        page = reject(staff_client, change, "Too late").content.decode()

        assert "Only changes waiting for review" in page
        change.refresh_from_db()
        assert change.status == OrganisationChange.Status.APPROVED


class TestOnlyTheGroupAndStaffSeeTheProposal:
    def test_a_member_of_another_organisation_cannot_see_or_edit_the_proposal(
        self, owner_client, client, other_group_owner, organisation, published_listing
    ):
        change = propose_the_phishing_details(owner_client, organisation)
        client.force_login(other_group_owner)
        base = reverse("directory:organisation_manage", kwargs={"slug": organisation.slug})

        assert client.get(base).status_code == 404
        assert client.get(f"{base}details/").status_code == 404
        assert client.post(f"{base}details/", details(organisation, name="Taken over")).status_code == 404
        assert client.get(f"{ADMIN}organisationchange/{change.pk}/change/").status_code == 302
        for page in (organisation.get_absolute_url(), published_listing.get_absolute_url()):
            assert NEW_NAME not in client.get(page).content.decode()
        change.refresh_from_db()
        assert change.proposed == {"name": NEW_NAME, "website": NEW_WEBSITE}

    def test_an_editor_cannot_propose_new_details(self, client, group_editor, organisation):
        client.force_login(group_editor)

        response = client.post(
            reverse("directory:organisation_edit", kwargs={"slug": organisation.slug}),
            details(organisation, name=NEW_NAME),
        )

        assert response.status_code == 403
        assert not OrganisationChange.objects.exists()

    def test_the_service_refuses_to_publish_a_verified_organisations_details_directly(self, organisation, group_owner):
        from django.core.exceptions import ValidationError

        from directory.services import organisation_update

        with pytest.raises(ValidationError):
            organisation_update(organisation=organisation, by=group_owner, name=NEW_NAME)
        organisation.refresh_from_db()
        assert organisation.name == OLD_NAME

    def test_a_proposal_is_checked_like_the_form(self, organisation, group_owner):
        from django.core.exceptions import ValidationError

        with pytest.raises(ValidationError):
            organisation_change_propose(organisation=organisation, by=group_owner, website="javascript:alert(1)")
        assert not OrganisationChange.objects.exists()


class TestQueryCounts:
    def test_public_pages_run_no_more_queries_while_a_change_waits(self, owner_client, organisation):
        listings = [ListingFactory(organisation=organisation) for _ in range(5)]
        for listing in listings:
            LocationFactory(listing=listing)
        urls = [
            organisation.get_absolute_url(),
            listings[0].get_absolute_url(),
            reverse("oruk:organizations"),
            reverse("oruk:organization_detail", kwargs={"pk": organisation.pk}),
        ]
        public = Client()
        before = [queries_of(public, url) for url in urls]

        propose_the_phishing_details(owner_client, organisation)

        assert [queries_of(public, url) for url in urls] == before

    def test_the_groups_page_runs_a_fixed_number_of_queries_with_a_change_waiting(
        self, owner_client, organisation, django_assert_max_num_queries
    ):
        places = [PlaceFactory(kind=Place.Kind.DISTRICT) for _ in range(5)]
        for _ in range(5):
            ListingFactory(organisation=organisation)
        propose_the_phishing_details(owner_client, organisation)
        owner_client.post(
            reverse("directory:organisation_edit", kwargs={"slug": organisation.slug}),
            details(organisation, name=NEW_NAME, places=[place.pk for place in places]),
        )

        with django_assert_max_num_queries(11):
            page = owner_client.get(
                reverse("directory:organisation_manage", kwargs={"slug": organisation.slug})
            ).content.decode()

        assert all(place.name in page for place in places)
