import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from directory.models import Listing, Organisation, ProblemReport
from localism.models import AuditEntry
from notifications.models import Notification
from tests.directory.factories import (
    ListingFactory,
    LocationFactory,
    OrganisationFactory,
    ScheduleFactory,
    TaxonomyTermFactory,
)

pytestmark = pytest.mark.django_db


def test_the_listing_page_shows_what_a_resident_needs(client, published_listing):
    published_listing.minimum_age = 60
    published_listing.eligibility = "People living with dementia and their carers."
    published_listing.languages = ["en", "pl"]
    published_listing.phone = "01263 000000"
    published_listing.save()
    ScheduleFactory(listing=published_listing, byday="1TU", freq="MONTHLY")
    published_listing.locations.update(accessibility="Step-free entrance")

    html = client.get(published_listing.get_absolute_url()).content.decode()

    for text in (
        "Memory Café",
        "Aylsham Dementia Friends",
        "1 Church Lane",
        "NR2 1AB",
        "openstreetmap.org",
        "First Tuesday of the month, 10am to midday",
        "Next open",
        "60 years and over",
        "People living with dementia",
        "English, Polish",
        "01263 000000",
        "Step-free entrance",
        "Last checked on",
        "Report a problem with this listing",
    ):
        assert text in html, text


def test_a_long_unconfirmed_listing_says_it_may_be_out_of_date(client, published_listing):
    published_listing.last_confirmed_at = timezone.now() - datetime.timedelta(days=365 + 31)
    published_listing.save()

    assert "may be out of date" in client.get(published_listing.get_absolute_url()).content.decode()


def test_a_temporarily_closed_listing_says_so(client, published_listing):
    published_listing.temporarily_closed = True
    published_listing.closed_note = "Closed while the hall is repaired; back in March."
    published_listing.save()

    assert "back in March" in client.get(published_listing.get_absolute_url()).content.decode()


def test_user_text_is_escaped(client, published_listing):
    published_listing.description = "<script>alert(1)</script>"
    published_listing.save()

    html = client.get(published_listing.get_absolute_url()).content.decode()

    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;" in html


@pytest.mark.parametrize(
    "state",
    [
        {"status": Listing.Status.DRAFT},
        {"status": Listing.Status.PENDING},
        {"status": Listing.Status.REJECTED},
        {"status": Listing.Status.ARCHIVED},
        {"is_hidden_as_stale": True},
    ],
)
def test_listings_that_are_not_public_are_not_found_by_the_public_or_other_groups(client, other_group_owner, state):
    listing = ListingFactory(**state)

    assert client.get(listing.get_absolute_url()).status_code == 404
    client.force_login(other_group_owner)
    assert client.get(listing.get_absolute_url()).status_code == 404


def test_members_see_their_own_draft_with_a_warning(owner_client, organisation):
    listing = ListingFactory(organisation=organisation, status=Listing.Status.DRAFT)

    response = owner_client.get(listing.get_absolute_url())

    assert response.status_code == 200
    assert "Only your organisation and council staff can see this page" in response.content.decode()


def test_a_listing_of_an_unverified_organisation_is_not_public(client):
    listing = ListingFactory(organisation=OrganisationFactory(status=Organisation.Status.PENDING))

    assert client.get(listing.get_absolute_url()).status_code == 404


def test_the_listing_page_runs_a_fixed_number_of_queries(client, published_listing, django_assert_max_num_queries):
    for n in range(10):
        ScheduleFactory(listing=published_listing, byday=["MO", "TU", "WE", "TH", "FR"][n % 5])
        LocationFactory(listing=published_listing)
    published_listing.categories.set([TaxonomyTermFactory() for _ in range(5)])

    with django_assert_max_num_queries(8):
        assert client.get(published_listing.get_absolute_url()).status_code == 200


def test_an_unknown_listing_is_not_found(client, db):
    assert (
        client.get(
            reverse("directory:listing_detail", kwargs={"pk": "00000000-0000-0000-0000-000000000000"})
        ).status_code
        == 404
    )
    assert client.get("/directory/listings/not-a-uuid/").status_code == 404


def test_the_organisation_page_lists_its_published_listings(client, published_listing, organisation):
    ListingFactory(organisation=organisation, name="Secret draft", status=Listing.Status.DRAFT)

    html = client.get(organisation.get_absolute_url()).content.decode()

    assert "Memory Café" in html
    assert "Secret draft" not in html


def test_the_organisation_page_lists_its_listings_in_name_order(client, organisation):
    for name in ("Zebra club", "art club", "Book club"):
        ListingFactory(organisation=organisation, name=name)

    html = client.get(organisation.get_absolute_url()).content.decode()

    assert html.index("art club") < html.index("Book club") < html.index("Zebra club")


def test_an_unverified_organisation_page_is_not_found(client):
    assert client.get(OrganisationFactory(status=Organisation.Status.PENDING).get_absolute_url()).status_code == 404


def test_category_pages_list_their_listings(client):
    parent = TaxonomyTermFactory(name="Health")
    child = TaxonomyTermFactory(name="Exercise", parent=parent, taxonomy=parent.taxonomy)
    ListingFactory(name="Walking football", categories=[child])

    assert "Exercise" in client.get(reverse("directory:category_list")).content.decode()
    html = client.get(parent.get_absolute_url()).content.decode()
    assert "Walking football" in html
    assert "Exercise" in html


class TestReportAProblem:
    def test_anyone_can_report_without_an_account_and_may_leave_an_email_for_a_reply(
        self, client, published_listing, group_owner, moderator, django_capture_on_commit_callbacks
    ):
        url = reverse("directory:listing_report", kwargs={"pk": published_listing.pk})
        assert "Your email address (optional)" in client.get(url).content.decode()
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(url, {"what_is_wrong": "It closed in May.", "reply_email": "me@example.org"})

        assert response.status_code == 302
        report = ProblemReport.objects.get()
        assert (report.what_is_wrong, report.reporter, report.reply_email) == (
            "It closed in May.",
            None,
            "me@example.org",
        )
        # The group hears what is wrong, but not who said so.
        assert [message.to for message in mail.outbox] == [["owner@example.org"]]
        assert "me@example.org" not in mail.outbox[0].body
        assert Notification.objects.filter(
            recipient=moderator, event__kind="directory.problem_reported_staff"
        ).exists()

    def test_a_bad_reply_address_is_explained_and_what_was_typed_is_kept(self, client, published_listing):
        response = client.post(
            reverse("directory:listing_report", kwargs={"pk": published_listing.pk}),
            {"what_is_wrong": "It moved.", "reply_email": "not-an-address"},
        )
        assert response.status_code == 400
        page = response.content.decode()
        assert "Enter an email address in the correct format" in page
        assert "It moved." in page and 'value="not-an-address"' in page
        assert not ProblemReport.objects.exists()

    # Without an account, by address; signed in, by person.
    @pytest.mark.parametrize("who", ["client", "resident_client"], ids=["without-an-account", "signed-in"])
    def test_reports_are_rate_limited(self, request, who, published_listing):
        client = request.getfixturevalue(who)
        url = reverse("directory:listing_report", kwargs={"pk": published_listing.pk})
        statuses = [client.post(url, {"what_is_wrong": f"Wrong {n}"}).status_code for n in range(7)]

        assert statuses[-1] == 429
        assert ProblemReport.objects.count() == 5

    def test_resolving_a_report_forgets_the_reply_address(self, client, published_listing, moderator):
        from directory.services import problem_report_resolve

        client.post(
            reverse("directory:listing_report", kwargs={"pk": published_listing.pk}),
            {"what_is_wrong": "It moved.", "reply_email": "me@example.org"},
        )
        problem_report_resolve(report=ProblemReport.objects.get(), by=moderator)
        assert ProblemReport.objects.get().reply_email == ""

    def test_signed_in_people_are_not_asked_for_an_address(self, resident_client, published_listing):
        page = resident_client.get(
            reverse("directory:listing_report", kwargs={"pk": published_listing.pk})
        ).content.decode()
        assert "Your email address (optional)" not in page

    def test_a_report_goes_to_the_group_and_to_moderation(
        self, resident_client, published_listing, group_owner, moderator, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            response = resident_client.post(
                reverse("directory:listing_report", kwargs={"pk": published_listing.pk}),
                {"what_is_wrong": "It moved to Tuesdays."},
            )

        assert response.status_code == 302
        report = ProblemReport.objects.get()
        assert report.what_is_wrong == "It moved to Tuesdays."
        # The group is told at once; moderators get it by their own email frequency (a digest by default).
        assert [message.to for message in mail.outbox] == [["owner@example.org"]]
        assert "It moved to Tuesdays." in mail.outbox[0].body
        assert Notification.objects.filter(
            recipient=moderator, event__kind="directory.problem_reported_staff"
        ).exists()
        assert AuditEntry.objects.filter(action="directory.problem_report.created").exists()

    def test_an_empty_report_is_refused_with_a_message(self, resident_client, published_listing):
        response = resident_client.post(
            reverse("directory:listing_report", kwargs={"pk": published_listing.pk}), {"what_is_wrong": "  "}
        )

        assert "Tell us what is wrong with the listing" in response.content.decode()
        assert not ProblemReport.objects.exists()


def test_the_listing_page_lists_opening_times_monday_to_sunday(client, published_listing):
    for day in ("SU", "FR", "MO", "WE", "SA", "TH", "TU"):
        ScheduleFactory(listing=published_listing, byday=day)

    html = client.get(published_listing.get_absolute_url()).content.decode()

    days = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
    positions = [html.index(f"Every {day}, 10am to midday") for day in days]
    assert positions == sorted(positions)


def test_the_day_filter_offers_the_days_monday_to_sunday(client):
    html = client.get(reverse("directory:search")).content.decode()

    days = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
    positions = [html.index(f'<option value="{day[:2].upper()}">{day}</option>') for day in days]
    assert positions == sorted(positions)


def test_a_description_that_starts_with_the_summary_does_not_print_the_summary_twice(client):
    listing = ListingFactory(
        summary="A two-course hot lunch and good company every week.",
        description="A two-course hot lunch and good company every week.\n\nEveryone is welcome.",
    )

    html = client.get(listing.get_absolute_url()).content.decode()

    assert html.count("A two-course hot lunch and good company every week.") == 1
    assert "Everyone is welcome." in html


def test_a_description_that_only_repeats_the_summary_adds_no_empty_paragraph(client):
    listing = ListingFactory(summary="Tea and a chat.", description="Tea and a chat.")

    html = client.get(listing.get_absolute_url()).content.decode()

    assert html.count("Tea and a chat.") == 1
    assert '<p class="govuk-body"></p>' not in html
