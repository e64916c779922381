"""Assets of community value: nominations, decisions within 8 weeks, the public lists and disposal notices."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from localism.models import AuditEntry
from tests.downloads import downloaded_bytes, downloaded_text
from tests.factories import UserFactory
from tests.transparency.factories import AssetNominationFactory, decide_nomination
from transparency import services
from transparency.models import AssetNomination, DisposalNotice, add_months

pytestmark = pytest.mark.django_db

NOMINATION = {
    "asset_name": "The Red Lion",
    "address": "12 Church Street, Cromer",
    "postcode": "nr27 9ab",
    "description": "The pub, its car park and garden.",
    "occupants": "A tenant landlord.",
    "owners": "Not known",
    "community_value": "The last pub in the town; it hosts the darts league.",
    "body_name": "Friends of the Red Lion",
    "body_kind": "unincorporated",
    "local_member_count": "35",
    "local_connection": "All members live in Cromer.",
    "eligibility_evidence": "A list of 35 members on the electoral roll.",
    "confirm_eligible": "on",
}


def test_anonymous_people_are_asked_to_sign_in_to_nominate(client):
    response = client.get(reverse("transparency:nominate"))

    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


def test_people_who_have_not_confirmed_their_email_cannot_nominate(client):
    client.force_login(UserFactory(verified=False))

    response = client.post(reverse("transparency:nominate"), NOMINATION)

    assert response.status_code == 403
    assert AssetNomination.objects.count() == 0


def test_a_group_nominates_an_asset_and_gets_a_receipt_with_the_deadline(
    resident_client, resident, cromer_postcode, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = resident_client.post(reverse("transparency:nominate"), NOMINATION)

    nomination = AssetNomination.objects.get()
    assert response.status_code == 302
    assert response["Location"] == nomination.get_absolute_url()
    assert nomination.reference == f"ACV-{timezone.localdate().year}-0001"
    assert nomination.postcode == "NR27 9AB"
    assert nomination.place.slug == "cromer"
    assert nomination.decision_due == timezone.localdate() + datetime.timedelta(weeks=8)
    assert nomination.nominated_by == resident
    assert [m.to for m in mail.outbox] == [[resident.email]]
    assert "ACV-" in mail.outbox[0].subject
    page = resident_client.get(nomination.get_absolute_url())
    assert "Awaiting a decision" in page.content.decode()


def test_an_unincorporated_group_needs_21_local_members(resident_client, cromer_postcode):
    response = resident_client.post(reverse("transparency:nominate"), {**NOMINATION, "local_member_count": "12"})

    assert response.status_code == 400
    assert "at least 21 members registered to vote locally" in response.content.decode()
    assert AssetNomination.objects.count() == 0


def test_a_charity_must_give_its_number(resident_client, cromer_postcode):
    response = resident_client.post(
        reverse("transparency:nominate"), {**NOMINATION, "body_kind": "charity", "local_member_count": ""}
    )

    assert response.status_code == 400
    assert "Enter the body&#x27;s charity, company or society number" in response.content.decode()


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"postcode": "banana"}, "Enter a real postcode, like NR2 1AB"),
        ({"asset_name": ""}, "Enter the name of the asset"),
        ({"body_kind": "pub"}, "Choose the kind of body"),
        ({"local_member_count": "9" * 30}, "Enter a number of members below 1,000,000"),
        ({"description": "x" * 6000}, "Ensure this value has at most 5000 characters"),
        ({"asset_name": "Hall\x00"}, "Null characters are not allowed"),
        ({"confirm_eligible": ""}, "Confirm the body is eligible to nominate"),
    ],
)
def test_a_nomination_with_mistakes_says_what_to_fix(resident_client, cromer_postcode, changes, message):
    response = resident_client.post(reverse("transparency:nominate"), {**NOMINATION, **changes})

    assert response.status_code == 400
    assert message in response.content.decode()
    assert AssetNomination.objects.count() == 0


def test_a_nomination_awaiting_a_decision_is_private(client, resident, other_resident, moderator):
    nomination = AssetNominationFactory(nominated_by=resident)

    assert client.get(nomination.get_absolute_url()).status_code == 404
    client.force_login(other_resident)
    assert client.get(nomination.get_absolute_url()).status_code == 404
    client.force_login(resident)
    assert client.get(nomination.get_absolute_url()).status_code == 200
    client.force_login(moderator)
    assert client.get(nomination.get_absolute_url()).status_code == 200


def test_staff_list_an_asset_and_the_nominator_is_told(
    staff_client, moderator, resident, django_capture_on_commit_callbacks
):
    nomination = AssetNominationFactory(nominated_by=resident)
    today = timezone.localdate()

    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(
            reverse("admin:transparency_assetnomination_decide", kwargs={"pk": nomination.pk}),
            {
                "outcome": "listed",
                "decided_on": today.strftime("%d/%m/%Y"),
                "reasons": "",
            },
        )

    nomination.refresh_from_db()
    assert response.status_code == 302
    assert nomination.status == AssetNomination.Status.LISTED
    assert nomination.entry_ends_on == add_months(today, 60)
    assert nomination.decided_by == moderator
    assert AuditEntry.objects.filter(action="transparency.nomination.listed", actor=moderator).count() == 1
    assert [m.to for m in mail.outbox] == [[resident.email]]
    assert "is now listed" in mail.outbox[0].subject
    assert "North Norfolk District Council has listed" in mail.outbox[0].body


def test_refusing_a_nomination_needs_reasons(staff_client):
    nomination = AssetNominationFactory()

    response = staff_client.post(
        reverse("admin:transparency_assetnomination_decide", kwargs={"pk": nomination.pk}),
        {"outcome": "not_listed", "decided_on": "01/01/2026", "reasons": " "},
    )

    assert response.status_code == 400
    assert "Give the reasons the asset is not listed" in response.content.decode()
    nomination.refresh_from_db()
    assert nomination.status == AssetNomination.Status.SUBMITTED


def test_a_nomination_is_decided_once(moderator):
    nomination = AssetNominationFactory(status=AssetNomination.Status.LISTED)

    with pytest.raises(services.ValidationError):
        decide_nomination(nomination, by=moderator, is_listed=False, reasons="x")


def test_the_public_lists_show_listed_and_unsuccessful_nominations_with_reasons(client):
    AssetNominationFactory(asset_name="Listed pub", status=AssetNomination.Status.LISTED)
    AssetNominationFactory(asset_name="Refused shop", status=AssetNomination.Status.NOT_LISTED)
    AssetNominationFactory(asset_name="Pending hall")

    listed = client.get(reverse("transparency:assets")).content.decode()
    unsuccessful = client.get(reverse("transparency:assets_unsuccessful")).content.decode()

    assert "Listed pub" in listed and "Refused shop" not in listed and "Pending hall" not in listed
    assert "Refused shop" in unsuccessful and "Listed pub" not in unsuccessful
    assert "North Norfolk District Council" in listed


def test_an_asset_leaves_the_list_after_5_years():
    decided = timezone.localdate() - datetime.timedelta(days=5 * 366)
    expired = AssetNominationFactory(
        status=AssetNomination.Status.LISTED, decided_on=decided, entry_ends_on=add_months(decided, 60)
    )
    current = AssetNominationFactory(status=AssetNomination.Status.LISTED)

    assert list(AssetNomination.objects.on_the_list()) == [current]
    assert not expired.is_on_the_list


def test_the_lists_download_as_csv_and_json(client):
    AssetNominationFactory(asset_name="Listed pub", status=AssetNomination.Status.LISTED)

    csv_text = downloaded_text(
        client.get(reverse("transparency:assets_download", kwargs={"which": "listed", "fmt": "csv"}))
    )
    json_text = downloaded_text(
        client.get(reverse("transparency:assets_download", kwargs={"which": "listed", "fmt": "json"}))
    )

    assert "Listed pub" in csv_text and "On the list until" in csv_text
    assert '"asset_name": "Listed pub"' in json_text


def test_the_list_filters_by_district(client, reference_data):
    from localism.models import Council, Place

    cromer = Place.objects.get(slug="cromer")
    AssetNominationFactory(asset_name="Cromer pub", status=AssetNomination.Status.LISTED, place=cromer)
    AssetNominationFactory(
        asset_name="Elsewhere pub",
        status=AssetNomination.Status.LISTED,
        council=Council.objects.get(slug="breckland-council"),
    )

    html = client.get(reverse("transparency:assets"), {"place": "north-norfolk"}).content.decode()

    assert "Cromer pub" in html and "Elsewhere pub" not in html
    assert "North Norfolk's list is kept by" in html
    assert client.get(reverse("transparency:assets"), {"place": "atlantis"}).status_code == 400


def test_the_asset_lists_use_a_fixed_number_of_queries(client, django_assert_max_num_queries, reference_data):
    AssetNominationFactory.create_batch(30, status=AssetNomination.Status.LISTED)

    with django_assert_max_num_queries(5):
        assert client.get(reverse("transparency:assets")).status_code == 200


@pytest.mark.parametrize(
    ("notified", "interim", "full", "protected"),
    [
        (
            datetime.date(2026, 1, 10),
            datetime.date(2026, 2, 21),
            datetime.date(2026, 7, 10),
            datetime.date(2027, 7, 10),
        ),
        (
            datetime.date(2025, 8, 31),
            datetime.date(2025, 10, 12),
            datetime.date(2026, 2, 28),
            datetime.date(2027, 2, 28),
        ),
    ],
)
def test_moratorium_dates_follow_the_regulations(notified, interim, full, protected):
    assert DisposalNotice.periods_from(notified) == (interim, full, protected)


def test_a_disposal_notice_shows_the_moratorium_and_tells_followers(
    staff_client, client, resident, other_resident, django_capture_on_commit_callbacks
):
    from notifications.services import subscription_follow

    nomination = AssetNominationFactory(status=AssetNomination.Status.LISTED, nominated_by=resident)
    subscription_follow(user=other_resident, target=nomination)
    other_resident.email_frequency = "instant"
    other_resident.save()

    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(
            reverse("admin:transparency_assetnomination_disposal", kwargs={"pk": nomination.pk}),
            {"notified_on": timezone.localdate().strftime("%d/%m/%Y"), "notes": ""},
        )

    assert response.status_code == 302
    notice = DisposalNotice.objects.get()
    html = client.get(nomination.get_absolute_url()).content.decode()
    assert "The owner intends to sell" in html
    assert f"{notice.interim_moratorium_ends:%-d %B %Y}" in html
    assert sorted(m.to[0] for m in mail.outbox) == sorted([resident.email, other_resident.email])


def test_a_disposal_notice_for_an_asset_not_on_the_list_is_refused(staff_client):
    nomination = AssetNominationFactory(status=AssetNomination.Status.NOT_LISTED)

    response = staff_client.post(
        reverse("admin:transparency_assetnomination_disposal", kwargs={"pk": nomination.pk}),
        {"notified_on": "01/01/2026"},
    )

    assert response.status_code == 400
    assert "only for assets on the list" in response.content.decode()


def test_an_owners_review_is_recorded_within_8_weeks_and_its_outcome_told(
    moderator, resident, django_capture_on_commit_callbacks
):
    nomination = AssetNominationFactory(status=AssetNomination.Status.LISTED, nominated_by=resident)
    today = timezone.localdate()

    with pytest.raises(services.ValidationError):
        services.nomination_record_review_request(
            nomination=nomination, requested_on=today + datetime.timedelta(weeks=9), by=moderator
        )
    services.nomination_record_review_request(nomination=nomination, requested_on=today, by=moderator)
    with django_capture_on_commit_callbacks(execute=True):
        services.nomination_decide_review(
            nomination=nomination, is_upheld=False, reasons="Not of community value.", decided_on=today, by=moderator
        )

    nomination.refresh_from_db()
    assert nomination.status == AssetNomination.Status.REMOVED
    assert nomination.review_outcome == AssetNomination.ReviewOutcome.OVERTURNED
    assert not AssetNomination.objects.on_the_list().exists()
    assert "removed from the list" in mail.outbox[0].body


def test_staff_are_warned_once_when_a_deadline_is_near(moderator, django_capture_on_commit_callbacks):
    from transparency.tasks import warn_nomination_deadlines

    near = AssetNominationFactory(decision_due=timezone.localdate() + datetime.timedelta(days=3))
    AssetNominationFactory(decision_due=timezone.localdate() + datetime.timedelta(days=40))

    with django_capture_on_commit_callbacks(execute=True):
        assert warn_nomination_deadlines() == 1
        assert warn_nomination_deadlines() == 0

    assert [m.to for m in mail.outbox] == [[moderator.email]]
    assert near.reference in mail.outbox[0].subject or near.asset_name in mail.outbox[0].subject


def test_the_deadline_warning_is_on_the_beat_schedule():
    from localism.celery import app

    assert app.conf.beat_schedule["transparency-nomination-deadlines"]["task"] == (
        "transparency.tasks.warn_nomination_deadlines"
    )


def test_the_nomination_form_is_rate_limited(resident_client, cromer_postcode):
    for _ in range(5):
        resident_client.post(reverse("transparency:nominate"), {**NOMINATION, "asset_name": ""})

    response = resident_client.post(reverse("transparency:nominate"), NOMINATION)

    assert response.status_code == 429
    assert AssetNomination.objects.count() == 0


def test_a_place_page_shows_its_listed_assets(client, reference_data):
    from localism.models import Place

    AssetNominationFactory(
        asset_name="Cromer pub", status=AssetNomination.Status.LISTED, place=Place.objects.get(slug="cromer")
    )

    assert (
        "Cromer pub" in client.get(reverse("localism:place_detail", kwargs={"slug": "north-norfolk"})).content.decode()
    )
    assert "Cromer pub" in client.get(reverse("localism:place_detail", kwargs={"slug": "cromer"})).content.decode()


def _pdf(name: str = "boundary-plan.pdf", body: bytes = b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF\n"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, body, content_type="application/pdf")


def test_a_nomination_carries_a_supporting_document_that_only_its_nominator_and_staff_can_open(
    client, resident_client, resident, other_resident, moderator, cromer_postcode
):
    resident_client.post(reverse("transparency:nominate"), {**NOMINATION, "evidence_file": _pdf()})

    nomination = AssetNomination.objects.get()
    document = nomination.documents.get()
    assert (document.title, document.file_type, document.file_size) == ("boundary-plan.pdf", "PDF", 35)
    page = resident_client.get(nomination.get_absolute_url()).content.decode()
    assert document.get_absolute_url() in page
    download = resident_client.get(document.get_absolute_url())
    assert download.status_code == 200
    assert downloaded_bytes(download).startswith(b"%PDF-")
    assert "attachment" in download["Content-Disposition"]

    # Once decided the nomination is public, but its evidence stays private.
    decide_nomination(nomination, by=moderator)
    client.logout()
    assert document.get_absolute_url() not in client.get(nomination.get_absolute_url()).content.decode()
    assert client.get(document.get_absolute_url()).status_code == 404
    client.force_login(other_resident)
    assert client.get(document.get_absolute_url()).status_code == 404
    client.force_login(moderator)
    assert client.get(document.get_absolute_url()).status_code == 200
    admin_page = client.get(
        reverse("admin:transparency_assetnomination_change", kwargs={"object_id": nomination.pk})
    ).content.decode()
    assert document.get_absolute_url() in admin_page


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (("plan.svg", b"<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>"), "must be one of"),
        (("plan.pdf", b"MZ\x90\x00\x03\x00\x00\x00 a renamed program"), "is not a real PDF file"),
    ],
)
def test_a_bad_supporting_document_is_refused_and_nothing_is_saved(resident_client, cromer_postcode, upload, message):
    response = resident_client.post(reverse("transparency:nominate"), {**NOMINATION, "evidence_file": _pdf(*upload)})

    assert response.status_code == 400
    assert message in response.content.decode()
    assert 'value="The Red Lion"' in response.content.decode()
    assert not AssetNomination.objects.exists()


def test_an_oversized_supporting_document_is_refused(resident_client, cromer_postcode, settings):
    settings.DOCUMENT_MAX_BYTES = 1000

    response = resident_client.post(
        reverse("transparency:nominate"), {**NOMINATION, "evidence_file": _pdf(body=b"%PDF-" + b"0" * 2000)}
    )

    assert response.status_code == 400
    assert "The file must be smaller than" in response.content.decode()
    assert not AssetNomination.objects.exists()


def test_a_person_sees_their_own_nominations_and_expressions_of_interest_only(client, resident, other_resident):
    from tests.transparency.factories import ExpressionOfInterestFactory

    mine = AssetNominationFactory(nominated_by=resident, asset_name="The Red Lion")
    AssetNominationFactory(nominated_by=other_resident, asset_name="The Ship Inn")
    expression = ExpressionOfInterestFactory(submitted_by=resident, service="Running the library")

    assert client.get(reverse("transparency:yours")).status_code == 302
    client.force_login(resident)
    page = client.get(reverse("transparency:yours")).content.decode()

    assert "The Red Lion" in page and mine.get_absolute_url() in page
    assert f"Awaiting a decision, due by {mine.decision_due:%-d %B %Y}" in page
    assert "Running the library" in page and expression.reference in page
    assert "The Ship Inn" not in page
