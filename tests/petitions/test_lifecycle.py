"""Starting, routing, checking (open or reject, excluded matters quoted), thresholds, acknowledgement,
closing, response and debate, with emails to signers and followers at each step."""

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from localism.models import AuditEntry, Council, Responsibility
from notifications.models import NotificationEvent
from notifications.services import subscription_follow
from petitions.models import ExcludedMatter, Petition, PetitionScheme, Signature
from petitions.services import petition_sign
from tests.downloads import downloaded_json
from tests.factories import UserFactory
from tests.outbox import emails_of
from tests.petitions.factories import PetitionFactory, petition_form
from tests.transparency.factories import DecisionFactory

pytestmark = pytest.mark.django_db

ADMIN = reverse("admin:petitions_petition_changelist")


def _start(client, **values):
    norfolk = Council.objects.get(slug="norfolk-county-council")
    return client.post(reverse("petitions:start"), petition_form(norfolk, **values))


def test_a_petition_on_an_excluded_matter_is_refused_with_the_rule_quoted(resident_client, scheme):
    planning = Responsibility.objects.get(slug="planning")

    response = _start(resident_client, subject=planning.pk)

    page = response.content.decode()
    assert response.status_code == 200
    assert "does not cover planning decisions. The scheme says: “Petitions about a planning decision" in page
    assert 'value="Safer crossing on Holt Road"' in page
    assert not Petition.objects.exists()


def test_a_petition_goes_to_the_council_responsible_for_its_subject_when_that_council_takes_petitions(
    resident_client, scheme
):
    norwich_council = Council.objects.get(slug="norwich-city-council")
    PetitionScheme.objects.create(council=norwich_council, signatures_for_petition=10, signatures_for_debate=1000)
    bins = Responsibility.objects.get(slug="waste-collection")
    norwich = norwich_council.places.get()

    _start(resident_client, subject=bins.pk, place=norwich.pk)
    _start(resident_client, title="More mobile library stops", subject=Responsibility.objects.get(slug="libraries").pk)

    routed = dict(Petition.objects.values_list("title", "council__slug"))
    assert routed == {
        "Safer crossing on Holt Road": "norwich-city-council",
        "More mobile library stops": "norfolk-county-council",
    }


def test_a_draft_is_seen_by_its_creator_alone_until_staff_open_it(
    resident_client, staff_client, scheme, django_capture_on_commit_callbacks
):
    client = Client()
    _start(resident_client)
    petition = Petition.objects.get()
    assert resident_client.get(petition.get_absolute_url()).status_code == 200
    assert client.get(petition.get_absolute_url()).status_code == 404

    resident_client.post(reverse("petitions:submit", kwargs={"pk": petition.pk}))
    petition.refresh_from_db()
    assert petition.status == Petition.Status.CHECKING
    with django_capture_on_commit_callbacks(execute=True):
        staff_client.post(f"{ADMIN}{petition.pk}/actions/", {"action": "open_petitions"})

    petition.refresh_from_db()
    assert petition.status == Petition.Status.OPEN and petition.closes_at is not None
    assert client.get(petition.get_absolute_url()).status_code == 200
    assert mail.outbox[-1].subject == "Your petition “Safer crossing on Holt Road” is open for signatures"
    assert AuditEntry.objects.filter(action="petitions.petition.opened").count() == 1


def test_staff_reject_a_petition_on_an_excluded_matter_and_its_creator_reads_the_rule(
    resident_client, staff_client, scheme
):
    _start(resident_client)
    petition = Petition.objects.get()
    resident_client.post(reverse("petitions:submit", kwargs={"pk": petition.pk}))
    licensing = ExcludedMatter.objects.get(scheme=scheme, name="Licensing decisions")
    url = f"{ADMIN}{petition.pk}/actions/"

    refused = staff_client.post(url, {"action": "reject", "apply": "1", "reason": " "})
    staff_client.post(url, {"action": "reject", "apply": "1", "excluded_matter": licensing.pk})

    assert refused.status_code == 400 and "Give the reason" in refused.content.decode()
    petition.refresh_from_db()
    assert petition.status == Petition.Status.REJECTED
    assert "The scheme says: “Petitions about a licensing decision" in petition.rejection_reason
    assert petition.rejection_reason in resident_client.get(petition.get_absolute_url()).content.decode()


def _people(n: int) -> list:
    return [UserFactory() for _ in range(n)]


def test_reaching_the_threshold_makes_it_a_petition_with_working_day_deadlines_and_tells_everyone(
    scheme, postcodes, resident
):
    scheme.signatures_for_petition, scheme.signatures_for_debate = 3, 4
    scheme.save()
    petition = PetitionFactory(creator=resident)
    follower = UserFactory()
    subscription_follow(user=follower, target=petition)
    signers = _people(4)

    for person in signers[:2]:
        petition_sign(petition=petition, user=person, postcode="NR2 1AB", connection="live")
    petition.refresh_from_db()
    assert petition.received_on is None and not emails_of("petitions.received")

    petition_sign(petition=petition, user=signers[2], postcode="NR27 9AB", connection="work")
    petition.refresh_from_db()
    from localism.dates import add_working_days

    assert petition.received_on is not None
    assert petition.acknowledge_by == add_working_days(petition.received_on, 3)
    assert petition.respond_by == add_working_days(petition.received_on, 10)
    everyone = {p.email for p in signers[:3]} | {follower.email, resident.email}
    assert emails_of("petitions.received") == sorted(everyone)
    assert not emails_of("petitions.debate_threshold")

    petition_sign(petition=petition, user=signers[3], postcode="NR27 9AB", connection="study")
    assert emails_of("petitions.debate_threshold") == sorted(everyone | {signers[3].email})


def test_staff_acknowledge_close_respond_and_record_the_debate_linked_to_the_decision(
    staff_client, client, scheme, postcodes
):
    scheme.signatures_for_petition, scheme.signatures_for_debate = 1, 2
    scheme.save()
    petition = PetitionFactory()
    signer = UserFactory()
    petition_sign(petition=petition, user=signer, postcode="NR2 1AB", connection="live")
    url = f"{ADMIN}{petition.pk}/actions/"

    staff_client.post(url, {"action": "acknowledge", "apply": "1", "message": "It goes to Cabinet in March."})
    staff_client.post(url, {"action": "close"})
    too_few = staff_client.post(
        url, {"action": "record_debate", "apply": "1", "debated_on": "10/03/2026", "summary": "Agreed."}
    )
    assert "A debate needs 2 signatures; this petition has 1." in too_few.content.decode()
    norwich = postcodes["norwich"] and Petition.objects.get(pk=petition.pk).district_counts.get().district
    today = timezone.localdate().strftime("%d/%m/%Y")
    staff_client.post(
        url, {"action": "add_paper", "apply": "1", "district": norwich.pk, "signatures": "1", "sheet_date": today}
    )
    staff_client.post(url, {"action": "respond", "apply": "1", "message": "Cabinet will consider it."})
    decision = DecisionFactory(title="Crossing on Holt Road approved")
    staff_client.post(
        url,
        {
            "action": "record_debate",
            "apply": "1",
            "debated_on": "10/03/2026",
            "decision": decision.pk,
            "summary": "Council agreed to fund the crossing.",
        },
    )

    petition.refresh_from_db()
    assert petition.status == Petition.Status.DEBATED and petition.debate_decision == decision
    page = client.get(petition.get_absolute_url()).content.decode()
    for text in ("It goes to Cabinet in March.", "Cabinet will consider it.", "Crossing on Holt Road approved"):
        assert text in page
    for step in ("acknowledged", "closed", "responded", "debated"):
        assert emails_of(f"petitions.{step}") == sorted({signer.email, petition.creator.email}), step


def test_signatures_are_in_the_persons_data_and_stay_counted_when_they_delete_their_account(
    resident_client, resident, password, scheme, postcodes
):
    petition = PetitionFactory(title="Keep the mobile library")
    petition_sign(petition=petition, user=resident, postcode="NR2 1AB", connection="live")

    data = downloaded_json(resident_client.get(reverse("accounts:data_download")))["petitions"]
    assert data["signatures"][0]["petition"] == "Keep the mobile library"
    assert data["signatures"][0]["postcode"] == "NR2 1AB"

    resident_client.post(reverse("accounts:delete"), {"password": password})
    signature = Signature.objects.get()
    assert signature.postcode == ""
    assert Petition.objects.get(pk=petition.pk).signature_count == 1


def test_staff_checking_a_petition_see_open_ones_that_may_duplicate_it(staff_client, scheme):
    PetitionFactory(title="Save the mobile library service", action="Save the mobile library.")
    PetitionFactory(title="Fix the potholes on Holt Road", action="Fill in the potholes.")
    waiting = PetitionFactory(
        title="Keep mobile libraries running", action="Keep the vans.", status=Petition.Status.CHECKING
    )

    page = staff_client.get(f"{ADMIN}{waiting.pk}/change/").content.decode()

    assert "Save the mobile library service (open for signatures)" in page
    assert "Fix the potholes" not in page


@pytest.mark.parametrize(
    ("status", "offered", "not_offered"),
    [
        (Petition.Status.CHECKING, ["Open it (passes the checks)", "Reject it (with the reason)"], ["Close it now"]),
        (
            Petition.Status.OPEN,
            ["Close it now", "Add paper signatures", "Acknowledge it", "Record the response"],
            ["Open it (passes the checks)", "Reject it (with the reason)"],
        ),
        (
            Petition.Status.CLOSED,
            ["Add paper signatures", "Record the debate"],
            ["Close it now", "Open it (passes the checks)"],
        ),
    ],
)
def test_a_petitions_admin_page_offers_the_steps_of_its_status(staff_client, scheme, status, offered, not_offered):
    petition = PetitionFactory(status=status)

    page = staff_client.get(f"{ADMIN}{petition.pk}/change/").content.decode()

    for button in offered:
        assert button in page
    for button in not_offered:
        assert button not in page


def test_the_scheduled_task_closes_petitions_past_their_closing_time_once_and_tells_signers(scheme, postcodes):
    from datetime import timedelta

    from petitions.tasks import close_due_petitions

    due = PetitionFactory(title="Due to close")
    still_open = PetitionFactory(title="Still open")
    signer = UserFactory()
    petition_sign(petition=due, user=signer, postcode="NR2 1AB", connection="live")
    Petition.objects.filter(pk=due.pk).update(closes_at=timezone.now() - timedelta(minutes=1))

    assert close_due_petitions.delay().get() == 1
    assert close_due_petitions.delay().get() == 0

    assert Petition.objects.get(pk=due.pk).status == Petition.Status.CLOSED
    assert Petition.objects.get(pk=still_open.pk).status == Petition.Status.OPEN
    assert emails_of("petitions.closed") == sorted([signer.email, due.creator.email])
    assert NotificationEvent.objects.get(kind="petitions.closed").context["lines"] == [
        "The petition closed with 1 signature."
    ]
