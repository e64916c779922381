import re
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from directory.models import Invitation, Listing, Membership, Organisation
from localism.models import AuditEntry
from tests.directory.factories import ListingFactory, LocationFactory, MembershipFactory, TaxonomyTermFactory
from tests.directory.listing_form import listing_form
from tests.factories import PlaceFactory, PostcodeFactory, UserFactory

pytestmark = pytest.mark.django_db


class TestRegisteringAnOrganisation:
    def test_a_verified_resident_registers_and_becomes_its_owner(self, resident_client, resident, reference_data):
        norfolk = PlaceFactory(slug="norfolk")
        response = resident_client.post(
            reverse("directory:organisation_register"),
            {
                "name": "Aylsham Walkers",
                "kind": "charity",
                "charity_number": "1 012 345",
                "description": "Walks for everyone.",
                "places": [norfolk.pk],
            },
        )

        organisation = Organisation.objects.get(name="Aylsham Walkers")
        assert response.status_code == 302
        assert organisation.status == Organisation.Status.PENDING
        assert organisation.charity_number == "1012345"
        assert Membership.objects.get(organisation=organisation).user == resident
        assert AuditEntry.objects.filter(action="directory.organisation.registered").exists()

    @pytest.mark.parametrize(
        ("fields", "message"),
        [
            ({"kind": "charity", "charity_number": "12"}, "Enter a charity number of 6 to 8 digits"),
            ({"kind": "charity", "charity_number": ""}, "Enter the charity number of a registered charity"),
            ({"kind": "cic", "company_number": "ABC"}, "Enter a company number of 8 characters"),
            ({"kind": "", "name": ""}, "Enter the name of the organisation"),
        ],
    )
    def test_numbers_are_checked_for_format(self, resident_client, fields, message):
        data = {"name": "Group", "kind": "community_group", "description": "Walks."} | fields

        response = resident_client.post(reverse("directory:organisation_register"), data)

        assert message in response.content.decode()
        assert "Error: " in response.content.decode()
        assert not Organisation.objects.exists()

    def test_someone_without_a_verified_email_cannot_register(self, client):
        client.force_login(UserFactory(verified=False))

        client.post(
            reverse("directory:organisation_register"), {"name": "G", "kind": "community_group", "description": "x"}
        )

        assert not Organisation.objects.exists()

    def test_an_unverified_organisation_is_not_public_until_staff_verify_it(self, client, pending_organisation):
        assert client.get(pending_organisation.get_absolute_url()).status_code == 404


class TestMembers:
    def test_an_owner_invites_and_the_person_accepts(self, owner_client, client, organisation, other_resident):
        owner_client.post(
            reverse("directory:member_invite", kwargs={"slug": organisation.slug}),
            {"email": "Other@example.org", "role": "editor"},
        )
        invitation = Invitation.objects.get()
        client.force_login(other_resident)

        response = client.post(reverse("directory:invitation_accept", kwargs={"token": invitation.token}))

        assert response.status_code == 302
        assert Membership.objects.get(user=other_resident).role == Membership.Role.EDITOR

    def test_someone_with_an_account_is_emailed_the_invitation(
        self, owner_client, organisation, other_resident, django_capture_on_commit_callbacks
    ):
        from django.core import mail

        with django_capture_on_commit_callbacks(execute=True):
            owner_client.post(
                reverse("directory:member_invite", kwargs={"slug": organisation.slug}),
                {"email": other_resident.email, "role": "editor"},
            )

        assert [m.to for m in mail.outbox] == [[other_resident.email]]
        assert (
            reverse("directory:invitation_accept", kwargs={"token": Invitation.objects.get().token})
            in mail.outbox[0].body
        )

    def test_an_owner_can_share_the_link_with_someone_without_an_account(self, owner_client, organisation):
        owner_client.post(
            reverse("directory:member_invite", kwargs={"slug": organisation.slug}),
            {"email": "new@example.org", "role": "editor"},
        )

        html = owner_client.get(
            reverse("directory:organisation_manage", kwargs={"slug": organisation.slug})
        ).content.decode()

        assert reverse("directory:invitation_accept", kwargs={"token": Invitation.objects.get().token}) in html

    def test_an_invitation_for_someone_else_cannot_be_used(self, owner_client, client, organisation, resident):
        owner_client.post(
            reverse("directory:member_invite", kwargs={"slug": organisation.slug}),
            {"email": "someone@example.org", "role": "owner"},
        )
        client.force_login(resident)

        response = client.post(
            reverse("directory:invitation_accept", kwargs={"token": Invitation.objects.get().token})
        )

        assert "sent to a different email address" in response.content.decode()
        assert not Membership.objects.filter(user=resident).exists()

    def test_an_editor_cannot_invite(self, client, group_editor, organisation):
        client.force_login(group_editor)

        response = client.post(
            reverse("directory:member_invite", kwargs={"slug": organisation.slug}),
            {"email": "x@example.org", "role": "owner"},
        )

        assert response.status_code == 403
        assert not Invitation.objects.exists()

    def test_a_member_can_leave(self, client, group_editor, group_owner, organisation):
        client.force_login(group_editor)

        client.post(reverse("directory:membership_leave", kwargs={"slug": organisation.slug}))

        assert not Membership.objects.filter(user=group_editor).exists()

    def test_the_last_owner_cannot_leave(self, owner_client, group_owner, organisation):
        response = owner_client.post(
            reverse("directory:membership_leave", kwargs={"slug": organisation.slug}), follow=True
        )

        assert "You are the only owner" in response.content.decode()
        assert Membership.objects.filter(user=group_owner).exists()


class TestListings:
    def test_the_places_a_listing_serves_tell_a_town_from_its_district(self, owner_client, organisation):
        district = PlaceFactory(name="Great Yarmouth", slug="great-yarmouth", kind="district")
        PlaceFactory(name="Great Yarmouth", slug="great-yarmouth-town", kind="town", parent=district)

        html = owner_client.get(
            reverse("directory:listing_create", kwargs={"slug": organisation.slug})
        ).content.decode()

        assert re.search(r'for="id_service_areas_\d+">Great Yarmouth \(district\)</label>', html)
        assert re.search(r'for="id_service_areas_\d+">Great Yarmouth \(town\)</label>', html)

    def test_a_member_adds_a_listing_as_a_draft(self, owner_client, organisation, norwich_postcode):
        term = TaxonomyTermFactory(name="Support for carers")

        response = owner_client.post(
            reverse("directory:listing_create", kwargs={"slug": organisation.slug}),
            listing_form(categories=[term.pk], save="1"),
        )

        assert response.status_code == 302
        listing = Listing.objects.get()
        assert listing.status == Listing.Status.DRAFT
        assert listing.languages == ["en", "pl"]
        location = listing.locations.get()
        assert (location.postcode, location.latitude) == ("NR2 1AB", norwich_postcode.latitude)
        assert [s.byday for s in listing.schedules.filter(kind="open")] == ["1TU"]
        assert listing.schedules.filter(kind="closed", closed_on_bank_holidays=True).exists()
        assert list(listing.categories.all()) == [term]

    def test_a_listing_can_have_several_venues_prices_and_closures(self, owner_client, organisation, norwich_postcode):
        PostcodeFactory(postcode="NR11 6AA", latitude=52.79, longitude=1.25)
        form = listing_form(
            venues=[
                {"name": "Town Hall", "address_1": "Market Place", "city": "Aylsham", "postcode": "nr2 1ab"},
                {
                    "name": "Aylsham Library",
                    "address_1": "7 Hungate Street",
                    "city": "Aylsham",
                    "postcode": "nr116aa",
                    "accessibility": "Step-free",
                },
            ],
            prices=[
                {"option": "Adults", "amount": "3.50", "amount_description": "per session"},
                {"option": "Carers", "amount": "0"},
            ],
            closures=[
                {"start": "22/12/2026", "end": "02/01/2027", "reason": "Christmas"},
                {"start": "10/08/2027", "end": "24/08/2027"},
            ],
            save="1",
        )

        owner_client.post(reverse("directory:listing_create", kwargs={"slug": organisation.slug}), form)

        listing = Listing.objects.get()
        assert [(v.postcode, v.name) for v in listing.locations.all()] == [
            ("NR11 6AA", "Aylsham Library"),
            ("NR2 1AB", "Town Hall"),
        ]
        assert [(c.option, c.amount, c.amount_description) for c in listing.cost_options.all()] == [
            ("Carers", Decimal("0.00"), ""),
            ("Adults", Decimal("3.50"), "per session"),
        ]
        closures = listing.schedules.filter(kind="closed", valid_from__isnull=False).order_by("valid_from")
        assert [(c.valid_from.isoformat(), c.valid_to.isoformat(), c.description) for c in closures] == [
            ("2026-12-22", "2027-01-02", "Christmas"),
            ("2027-08-10", "2027-08-24", ""),
        ]
        page = owner_client.get(listing.get_absolute_url()).content.decode()
        assert "Adults: £3.50 per session" in page and "Carers: free" in page
        assert "Closed from 22 December 2026 to 2 January 2027: Christmas" in page
        assert "See NR11 6AA on a map" in page

        # The edit form shows every venue, price and closure, so that saving it loses none.
        edit_form = owner_client.get(reverse("directory:listing_edit", kwargs={"pk": listing.pk})).content.decode()
        for value in ("Aylsham Library", "NR11 6AA", "per session", "Carers", "Christmas", "10/08/2027"):
            assert value in edit_form

    @pytest.mark.parametrize(
        ("formset", "index", "fields", "message"),
        [
            ("venues", 1, {"address_1": "Library"}, "Enter the postcode of the second venue"),
            ("venues", 2, {"postcode": "XX"}, "Enter a real postcode of the third venue"),
            ("prices", 0, {"amount": "3"}, "Say who or what the first price is for"),
            ("prices", 1, {"option": "Adults"}, "Enter the second price in pounds, or 0 if it is free"),
            ("prices", 0, {"option": "Adults", "amount": "three"}, "Amount of the first price: enter a number"),
            ("prices", 0, {"option": "Adults", "amount": "-1"}, "Amount of the first price must be 0 or more"),
            ("closures", 1, {"end": "01/01/2027"}, "Enter the date the second closure starts"),
            (
                "closures",
                2,
                {"start": "05/01/2027", "end": "01/01/2027"},
                "End date of the third closure must be on or after its start date",
            ),
        ],
    )
    def test_mistakes_in_extra_venues_prices_and_closures_are_explained_and_kept(
        self, owner_client, organisation, norwich_postcode, formset, index, fields, message
    ):
        data = listing_form()
        data[f"{formset}-TOTAL_FORMS"] = str(max(int(data[f"{formset}-TOTAL_FORMS"]), index + 1))
        data |= {f"{formset}-{index}-{name}": value for name, value in fields.items()}

        response = owner_client.post(reverse("directory:listing_create", kwargs={"slug": organisation.slug}), data)

        html = response.content.decode()
        assert response.status_code == 200
        assert message in html
        assert not Listing.objects.exists()
        for name, value in fields.items():
            assert f'name="{formset}-{index}-{name}" value="{value}"' in html

    def test_save_and_submit_sends_it_for_review(self, owner_client, organisation, norwich_postcode):
        owner_client.post(
            reverse("directory:listing_create", kwargs={"slug": organisation.slug}), listing_form(submit="1")
        )

        assert Listing.objects.get().status == Listing.Status.PENDING

    @pytest.mark.parametrize(
        ("fields", "message"),
        [
            ({"name": ""}, "Enter the name of the listing"),
            ({"venues-0-postcode": "nonsense"}, "Enter a real postcode of the first venue"),
            ({"venues-0-postcode": "ZZ9 9ZZ"}, "We could not find ZZ9 9ZZ. Check the postcode of the first venue."),
            ({"minimum_age": "18", "maximum_age": "5"}, "The oldest age must be the same as or more than"),
            ({"sessions-0-closes": "13:00"}, "Closing time for the first session must be after its opening time"),
            ({"sessions-0-opens": ""}, "Enter the opening time for the first session"),
            ({"languages": "English!"}, "Languages spoken: we do not know the language “English!”"),
            ({"temporarily_closed": "on"}, "Say why it is closed"),
            ({"name": "x" * 500}, "Name must be 160 characters or fewer"),
        ],
    )
    def test_the_form_explains_each_mistake(self, owner_client, organisation, norwich_postcode, fields, message):
        response = owner_client.post(
            reverse("directory:listing_create", kwargs={"slug": organisation.slug}), listing_form(**fields)
        )

        assert response.status_code == 200
        assert message in response.content.decode()
        assert not Listing.objects.exists()

    def test_editing_a_published_listing_makes_a_change_for_review_and_keeps_the_published_version(
        self, owner_client, published_listing, norwich_postcode
    ):
        response = owner_client.post(
            reverse("directory:listing_edit", kwargs={"pk": published_listing.pk}),
            listing_form(name="Memory Café (new times)", submit="1"),
        )

        assert response.status_code == 302
        published_listing.refresh_from_db()
        assert published_listing.name == "Memory Café"
        assert published_listing.status == Listing.Status.PUBLISHED
        edit = Listing.objects.get(edit_of=published_listing)
        assert (edit.name, edit.status) == ("Memory Café (new times)", Listing.Status.PENDING)
        assert "Memory Café (new times)" not in Client().get(published_listing.get_absolute_url()).content.decode()

    def test_a_mistake_in_an_edit_of_a_published_listing_leaves_no_change_behind(
        self, owner_client, published_listing, norwich_postcode
    ):
        owner_client.post(
            reverse("directory:listing_edit", kwargs={"pk": published_listing.pk}), listing_form(name="")
        )

        assert not Listing.objects.filter(edit_of=published_listing).exists()

    def test_a_second_change_waits_until_the_first_is_reviewed(
        self, owner_client, published_listing, norwich_postcode
    ):
        owner_client.post(
            reverse("directory:listing_edit", kwargs={"pk": published_listing.pk}), listing_form(submit="1")
        )

        response = owner_client.get(
            reverse("directory:listing_edit", kwargs={"pk": published_listing.pk}), follow=True
        )

        assert "already waiting for review" in response.content.decode()

    def test_a_saved_change_can_be_continued_and_then_submitted(
        self, owner_client, published_listing, norwich_postcode
    ):
        owner_client.post(
            reverse("directory:listing_edit", kwargs={"pk": published_listing.pk}),
            listing_form(name="Renamed", save="1"),
        )
        form = owner_client.get(
            reverse("directory:listing_edit", kwargs={"pk": published_listing.pk})
        ).content.decode()
        assert 'value="Renamed"' in form
        edit = Listing.objects.get(edit_of=published_listing)

        owner_client.post(reverse("directory:listing_submit", kwargs={"pk": edit.pk}))

        edit.refresh_from_db()
        assert edit.status == Listing.Status.PENDING
        assert Listing.objects.filter(edit_of=published_listing).count() == 1

    def test_the_dashboard_shows_status_and_the_reviewers_reason(self, owner_client, organisation):
        ListingFactory(
            organisation=organisation,
            name="Choir",
            status=Listing.Status.CHANGES_REQUESTED,
            review_reason="Add the times",
        )

        html = owner_client.get(
            reverse("directory:organisation_manage", kwargs={"slug": organisation.slug})
        ).content.decode()

        assert "Choir" in html
        assert "Changes requested" in html
        assert "Add the times" in html

    def test_confirm_this_is_still_up_to_date(self, owner_client, published_listing):
        import datetime

        from django.utils import timezone

        published_listing.last_confirmed_at = timezone.now() - datetime.timedelta(days=400)
        published_listing.is_hidden_as_stale = True
        published_listing.save()

        owner_client.post(reverse("directory:listing_confirm", kwargs={"pk": published_listing.pk}))

        published_listing.refresh_from_db()
        assert published_listing.last_confirmed_at > timezone.now() - datetime.timedelta(minutes=1)
        assert not published_listing.is_hidden_as_stale

    def test_archive_takes_a_listing_down(self, owner_client, published_listing):
        owner_client.post(reverse("directory:listing_archive", kwargs={"pk": published_listing.pk}))

        published_listing.refresh_from_db()
        assert published_listing.status == Listing.Status.ARCHIVED
        assert Client().get(published_listing.get_absolute_url()).status_code == 404

    def test_a_submitted_draft_needs_a_place_or_a_way_to_get_in_touch(self, owner_client, organisation):
        listing = ListingFactory(organisation=organisation, status=Listing.Status.DRAFT)

        response = owner_client.post(reverse("directory:listing_submit", kwargs={"pk": listing.pk}), follow=True)

        assert "Add a place where it happens or a way to get in touch" in response.content.decode()
        listing.refresh_from_db()
        assert listing.status == Listing.Status.DRAFT


class TestOnlyMembersCanSeeOrChange:
    @pytest.mark.parametrize(
        "url",
        [
            "/directory/your-organisations/{slug}/",
            "/directory/your-organisations/{slug}/listings/new/",
            "/directory/your-listings/{pk}/edit/",
        ],
    )
    def test_other_people_get_not_found(self, client, other_group_owner, resident, organisation, url):
        listing = ListingFactory(organisation=organisation, status=Listing.Status.DRAFT)
        LocationFactory(listing=listing)
        for person in (other_group_owner, resident):
            client.force_login(person)
            assert client.get(url.format(slug=organisation.slug, pk=listing.pk)).status_code == 404

    @pytest.mark.parametrize("action", ["submit", "archive", "confirm"])
    def test_other_people_cannot_act_on_a_listing(self, client, other_group_owner, organisation, action):
        listing = ListingFactory(organisation=organisation, status=Listing.Status.DRAFT)
        LocationFactory(listing=listing)
        client.force_login(other_group_owner)

        response = client.post(f"/directory/your-listings/{listing.pk}/{action}/")

        assert response.status_code == 404
        listing.refresh_from_db()
        assert listing.status == Listing.Status.DRAFT

    def test_anonymous_people_are_sent_to_sign_in(self, client, organisation):
        response = client.get(reverse("directory:organisation_manage", kwargs={"slug": organisation.slug}))

        assert response.status_code == 302
        assert reverse("account_login") in response["Location"]

    def test_a_member_without_a_verified_email_cannot_change_listings(self, client, organisation):
        unverified = UserFactory(verified=False)
        MembershipFactory(organisation=organisation, user=unverified)
        client.force_login(unverified)

        assert client.get(reverse("directory:listing_create", kwargs={"slug": organisation.slug})).status_code == 403

    def test_a_suspended_organisation_cannot_add_listings(self, owner_client, organisation):
        organisation.status = Organisation.Status.SUSPENDED
        organisation.save()

        assert (
            owner_client.get(reverse("directory:listing_create", kwargs={"slug": organisation.slug})).status_code
            == 403
        )

    def test_a_pending_listing_cannot_be_edited(self, owner_client, organisation):
        listing = ListingFactory(organisation=organisation, status=Listing.Status.PENDING)

        assert owner_client.get(reverse("directory:listing_edit", kwargs={"pk": listing.pk})).status_code == 403


def test_writes_are_rate_limited(owner_client, organisation):
    statuses = [
        owner_client.post(reverse("directory:listing_create", kwargs={"slug": organisation.slug}), {}).status_code
        for _ in range(31)
    ]

    assert statuses[-1] == 429
