"""What groups and residents type into the directory is inert on every page that shows it."""

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from directory import services
from directory.models import Listing, Organisation, OrganisationChange, ProblemReport
from tests.clients import signed_in
from tests.directory.listing_form import rows
from tests.security.payloads import (
    CORE_PAYLOADS,
    PAYLOADS,
    assert_inert,
    assert_page_shows,
    assert_shown_inert,
    marked,
    shown_as_text,
)

pytestmark = pytest.mark.django_db

# The listing form's free-text fields and their lengths; each gets "<field> <payload>" so that
# every page can be checked for the fields it is meant to show.
LISTING_TEXT = {
    "name": 160,
    "summary": 300,
    "description": 5000,
    "eligibility": 1000,
    "cost_description": 300,
    "location_name": 160,
    "address_1": 160,
    "city": 80,
    "accessibility": 1000,
    "contact_name": 120,
    "closed_note": 300,
}


# Where the form posts the venue's fields (its first row of the venues formset).
POSTED_AS = {
    "location_name": "venues-0-name",
    "address_1": "venues-0-address_1",
    "city": "venues-0-city",
    "accessibility": "venues-0-accessibility",
}


def listing_data(payload: str, **overrides) -> dict:
    data = {POSTED_AS.get(field, field): marked(field, payload) for field in LISTING_TEXT}
    data |= rows("venues", {"postcode": "NR2 1AB"}) | rows("sessions", {"day": "TU", "opens": "2pm", "closes": "4pm"})
    data |= {
        "kind": "club",
        "phone": payload[:30],
        "temporarily_closed": "on",
        "submit": "1",
    }
    data |= overrides
    return {key: value for key, value in data.items() if value is not None}


@pytest.mark.parametrize("payload", PAYLOADS)
def test_an_organisation_registration_is_inert_wherever_it_is_shown(resident, moderator, district, payload):
    member = signed_in(resident)
    response = member.post(
        reverse("directory:organisation_register"),
        {
            "name": marked("name", payload),
            "kind": "community_group",
            "description": marked("description", payload),
            "phone": payload[:30],
            "places": [district.pk],
        },
    )
    assert response.status_code == 302
    organisation = Organisation.objects.get()
    manage = reverse("directory:organisation_manage", kwargs={"slug": organisation.slug})
    for url, fields in [
        (reverse("directory:dashboard"), ["name"]),
        (manage, ["name"]),
        (f"{manage}details/", ["name", "description"]),
        (organisation.get_absolute_url(), ["name", "description"]),
    ]:
        assert_page_shows(member.get(url).content.decode(), payload, fields)

    services.organisation_verify(organisation=organisation, by=moderator)
    public = Client().get(organisation.get_absolute_url()).content.decode()
    assert_page_shows(public, payload, ["name", "description"])
    staff = signed_in(moderator)
    for url in (
        reverse("admin:directory_organisation_changelist"),
        reverse("admin:directory_organisation_change", kwargs={"object_id": organisation.pk}),
    ):
        assert_page_shows(staff.get(url).content.decode(), payload, ["name"])


@pytest.mark.parametrize("payload", PAYLOADS)
def test_a_listing_is_inert_on_its_page_the_organisation_page_the_dashboard_and_search(
    owner_client, organisation, moderator, norwich_postcode, payload
):
    response = owner_client.post(
        reverse("directory:listing_create", kwargs={"slug": organisation.slug}), listing_data(payload, submit=None)
    )
    assert response.status_code == 302
    listing = Listing.objects.get()
    # The group sees its draft, and its own text back in the form.
    form = owner_client.get(reverse("directory:listing_edit", kwargs={"pk": listing.pk})).content.decode()
    assert_page_shows(form, payload, LISTING_TEXT)
    assert owner_client.post(reverse("directory:listing_submit", kwargs={"pk": listing.pk})).status_code == 302
    listing.refresh_from_db()
    assert listing.status == Listing.Status.PENDING
    assert_page_shows(owner_client.get(listing.get_absolute_url()).content.decode(), payload, LISTING_TEXT)
    manage = owner_client.get(
        reverse("directory:organisation_manage", kwargs={"slug": organisation.slug})
    ).content.decode()
    assert_page_shows(manage, payload, ["name"])
    staff = signed_in(moderator)
    review = staff.get(reverse("admin:directory_listing_change", kwargs={"object_id": listing.pk})).content.decode()
    assert_page_shows(review, payload, ["name", "summary", "description"])

    services.listing_approve(listing=listing, by=moderator)
    public = Client()
    assert_page_shows(public.get(listing.get_absolute_url()).content.decode(), payload, LISTING_TEXT)
    assert_page_shows(public.get(organisation.get_absolute_url()).content.decode(), payload, ["name", "summary"])
    assert_page_shows(public.get(reverse("directory:search")).content.decode(), payload, ["name", "summary"])
    near = public.get(reverse("directory:search"), {"postcode": "NR2 1AB"}).content.decode()
    assert_page_shows(near, payload, ["name", "summary", "city"])
    assert_page_shows(
        public.get(reverse("directory:search"), {"q": "summary"}).content.decode(), payload, ["name", "summary"]
    )


@pytest.mark.parametrize("payload", CORE_PAYLOADS)
def test_an_edit_to_a_published_listing_is_inert_in_the_staff_comparison(
    owner_client, published_listing, moderator, norwich_postcode, payload
):
    response = owner_client.post(
        reverse("directory:listing_edit", kwargs={"pk": published_listing.pk}), listing_data(payload)
    )
    assert response.status_code == 302
    edit = Listing.objects.get(edit_of=published_listing)
    staff = signed_in(moderator)
    review = staff.get(reverse("admin:directory_listing_change", kwargs={"object_id": edit.pk})).content.decode()
    assert_page_shows(review, payload, ["name", "summary", "description", "eligibility"])
    # The published version stays as it was while the change waits.
    assert "Memory Café" in Client().get(published_listing.get_absolute_url()).content.decode()


@pytest.mark.parametrize("payload", PAYLOADS)
def test_a_problem_report_is_inert_for_staff_and_in_the_email_to_the_group(
    resident_client, published_listing, group_owner, moderator, django_capture_on_commit_callbacks, payload
):
    with django_capture_on_commit_callbacks(execute=True):
        response = resident_client.post(
            reverse("directory:listing_report", kwargs={"pk": published_listing.pk}), {"what_is_wrong": payload}
        )
    assert response.status_code == 302
    report = ProblemReport.objects.get()
    assert report.what_is_wrong == payload
    staff = signed_in(moderator)
    assert_shown_inert(
        staff.get(reverse("admin:directory_problemreport_change", kwargs={"object_id": report.pk})).content.decode(),
        payload,
    )
    html_bodies = [
        body for message in mail.outbox for body, kind in getattr(message, "alternatives", []) if kind == "text/html"
    ]
    for body in html_bodies:
        assert_inert(body, payload)


@pytest.mark.parametrize(
    "website", ["javascript:alert(1)", "JaVaScRiPt:alert(1)", "data:text/html,<script>alert(1)</script>", "vbscript:x"]
)
def test_a_website_that_runs_script_is_refused(owner_client, organisation, resident_client, district, website):
    registration = resident_client.post(
        reverse("directory:organisation_register"),
        {"name": "Walkers", "kind": "community_group", "description": "Walks.", "website": website},
    )
    listing = owner_client.post(
        reverse("directory:listing_create", kwargs={"slug": organisation.slug}),
        {"name": "Walk", "kind": "club", "summary": "Walks.", "description": "Walks.", "url": website},
    )

    assert registration.status_code == 200 and "Enter a valid URL" in registration.content.decode()
    assert (
        listing.status_code == 200
        and "Website: enter a web address like https://example.org" in listing.content.decode()
    )
    assert not Organisation.objects.filter(name="Walkers").exists()
    assert not Listing.objects.exists()


def test_an_email_address_with_markup_in_it_is_shown_inert(owner_client, organisation, moderator, district):
    # A quoted local part may hold almost anything and still be a valid address.
    email = "\"<script>alert('x')</script>\"@example.org"
    response = owner_client.post(
        reverse("directory:organisation_edit", kwargs={"slug": organisation.slug}),
        {"name": organisation.name, "kind": "community_group", "description": "Walks.", "email": email},
    )
    assert response.status_code == 302
    # A verified organisation's new details wait for review: the group and staff see them first.
    change = OrganisationChange.objects.get(organisation=organisation)
    assert change.proposed["email"] == email
    assert_shown_inert(
        owner_client.get(
            reverse("directory:organisation_manage", kwargs={"slug": organisation.slug})
        ).content.decode(),
        email,
    )
    staff = signed_in(moderator)
    review = staff.get(
        reverse("admin:directory_organisationchange_change", kwargs={"object_id": change.pk})
    ).content.decode()
    assert_shown_inert(review, email)

    services.organisation_change_approve(change=change, by=moderator)
    organisation.refresh_from_db()
    assert organisation.email == email
    page = Client().get(organisation.get_absolute_url()).content.decode()
    assert_shown_inert(page, email)


@pytest.mark.parametrize("payload", CORE_PAYLOADS)
def test_proposed_organisation_details_are_inert_for_the_group_and_in_the_staff_comparison(
    owner_client, organisation, moderator, payload
):
    manage = reverse("directory:organisation_manage", kwargs={"slug": organisation.slug})
    response = owner_client.post(
        f"{manage}details/",
        {"name": marked("name", payload), "kind": "community_group", "description": marked("description", payload)},
    )
    assert response.status_code == 302
    change = OrganisationChange.objects.get(organisation=organisation)
    assert_page_shows(owner_client.get(manage).content.decode(), payload, ["name", "description"])
    assert_page_shows(owner_client.get(f"{manage}details/").content.decode(), payload, ["name", "description"])
    staff = signed_in(moderator)
    review = staff.get(
        reverse("admin:directory_organisationchange_change", kwargs={"object_id": change.pk})
    ).content.decode()
    assert_page_shows(review, payload, ["name", "description"])
    assert_inert(staff.get(reverse("admin:directory_organisationchange_changelist")).content.decode(), payload)
    # Nothing of it is public until staff approve it.
    public = Client().get(organisation.get_absolute_url()).content.decode()
    assert not shown_as_text(public, marked("name", payload))
