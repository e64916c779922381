"""A funded project's delivery, as an outcome's actions are tracked: started when the results are published, kept by
its council's staff in the admin (status, progress reports with described photos, completion, the decision,
contracts and payments behind it), shown on the project's and the round's pages, and its completion emailed to
the people following the project or its round through the outbox."""

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from budgeting.models import Delivery, DeliveryUpdate, Project
from localism.actions import ActionStatus
from localism.models import AuditEntry
from notifications.models import Notification, Subscription
from notifications.services import outbox_deliver, subscription_follow
from tests.admin_forms import add_inline_form, admin_form_of
from tests.budgeting.factories import funded_project
from tests.clients import signed_in
from tests.factories import UserFactory, council
from tests.transparency.factories import (
    ContractFactory,
    DecisionFactory,
    SpendingRecordFactory,
    assert_another_councils_decision_is_refused,
)

pytestmark = pytest.mark.django_db

PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 64


@pytest.fixture
def north_norfolk_project(reference_data):
    return funded_project(title="Benches on Cromer pier", council=council("north-norfolk-district-council"))


def change_url(delivery: Delivery) -> str:
    return reverse("admin:budgeting_delivery_change", args=[delivery.pk])


def form_of(client, delivery: Delivery) -> dict:
    return admin_form_of(client, change_url(delivery))


# --- Started by the results ---------------------------------------------------------------------------


def test_publishing_the_results_starts_the_delivery_of_the_funded_projects_only(db):
    project = funded_project(title="Planters")

    delivery = Delivery.objects.get()
    assert delivery.project == project
    assert delivery.status == ActionStatus.PLANNED
    assert delivery.owner == project.organisation.name
    assert delivery.due_on > timezone.localdate()
    assert not Delivery.objects.filter(project__title__startswith="Not chosen").exists()


# --- Staff keep it in the admin, for their own council only ------------------------------------------


def test_staff_link_their_councils_decision_a_contract_and_payments(district_officer, north_norfolk_project):
    delivery = north_norfolk_project.delivery
    decision = DecisionFactory(council=council("north-norfolk-district-council"))
    contract, first, second = ContractFactory(), SpendingRecordFactory(), SpendingRecordFactory()
    client = signed_in(district_officer)
    data = form_of(client, delivery) | {
        "decision": decision.pk,
        "contracts": str(contract.pk),
        "payments": f"{first.pk},{second.pk}",
    }

    response = client.post(change_url(delivery), data)

    assert response.status_code == 302
    delivery.refresh_from_db()
    assert delivery.decision == decision
    assert list(delivery.contracts.all()) == [contract]
    assert set(delivery.payments.all()) == {first, second}


def test_staff_cannot_link_another_councils_decision(district_officer, north_norfolk_project):
    delivery = north_norfolk_project.delivery

    assert_another_councils_decision_is_refused(
        signed_in(district_officer), change_url(delivery), "decision", delivery
    )


def test_another_councils_staff_can_neither_see_nor_change_the_delivery(other_district_officer, north_norfolk_project):
    delivery = north_norfolk_project.delivery
    client = signed_in(other_district_officer)

    listing = client.get(reverse("admin:budgeting_delivery_changelist")).content.decode()
    page = client.get(change_url(delivery))
    posted = client.post(change_url(delivery), {"status": ActionStatus.DONE, "payments": "1"})

    assert "Benches on Cromer pier" not in listing
    assert page.status_code == 302  # the admin's "does not exist" redirect
    assert posted.status_code == 302
    delivery.refresh_from_db()
    assert delivery.status == ActionStatus.PLANNED
    assert not delivery.payments.exists()


def test_completing_a_project_emails_the_people_following_it_or_its_round_through_the_outbox(
    district_officer, north_norfolk_project
):
    delivery = north_norfolk_project.delivery
    follows_round = UserFactory(email="round.follower@example.org", email_frequency="instant")
    follows_project = UserFactory(email="project.follower@example.org", email_frequency="instant")
    UserFactory(email="bystander@example.org", email_frequency="instant")
    subscription_follow(user=follows_round, target=north_norfolk_project.round)
    subscription_follow(user=follows_project, target=north_norfolk_project)
    client = signed_in(district_officer)
    data = form_of(client, delivery) | {"status": ActionStatus.DONE, "status_note": "Installed on the pier."}

    assert client.post(change_url(delivery), data).status_code == 302

    delivery.refresh_from_db()
    assert delivery.status == ActionStatus.DONE
    assert delivery.completed_on == timezone.localdate()
    queued = Notification.objects.filter(event__kind="budgeting.project_completed")
    assert set(queued.values_list("recipient__email", flat=True)) == {follows_round.email, follows_project.email}
    assert AuditEntry.objects.filter(action="budgeting.delivery.updated", actor=district_officer).exists()
    outbox_deliver()
    assert sorted(message.to[0] for message in mail.outbox) == sorted([follows_round.email, follows_project.email])
    assert mail.outbox[0].subject == "Done: Benches on Cromer pier"
    assert "Installed on the pier." in mail.outbox[0].body


def test_saving_a_completed_project_again_sends_nothing_more(district_officer, north_norfolk_project):
    delivery = north_norfolk_project.delivery
    follower = UserFactory(email="follower@example.org", email_frequency="instant")
    subscription_follow(user=follower, target=north_norfolk_project)
    client = signed_in(district_officer)
    client.post(change_url(delivery), form_of(client, delivery) | {"status": ActionStatus.DONE})

    client.post(change_url(delivery), form_of(client, delivery) | {"owner": "Cromer Pier Friends"})

    assert Notification.objects.filter(event__kind="budgeting.project_completed").count() == 1


def test_a_progress_report_with_a_photo_is_shown_on_the_project_page_with_its_description(
    client, district_officer, north_norfolk_project
):
    delivery = north_norfolk_project.delivery
    staff = signed_in(district_officer)
    data = add_inline_form(
        form_of(staff, delivery),
        "updates",
        {
            "reported_on": timezone.localdate().strftime("%d/%m/%Y"),
            "note": "The benches are in.",
            "photo": SimpleUploadedFile("benches.png", PNG, "image/png"),
            "photo_description": "Two benches facing the sea",
        },
    )

    assert staff.post(change_url(delivery), data).status_code == 302

    update = DeliveryUpdate.objects.get()
    html = client.get(north_norfolk_project.get_absolute_url()).content.decode()
    photo_url = reverse(
        "budgeting:delivery_photo",
        kwargs={"slug": north_norfolk_project.round.slug, "pk": north_norfolk_project.pk, "update": update.pk},
    )
    assert "The benches are in." in html
    assert f'src="{photo_url}" alt="Two benches facing the sea"' in html
    response = client.get(photo_url)
    assert response.status_code == 200
    assert response["Content-Security-Policy"] == "default-src 'none'"
    assert AuditEntry.objects.filter(action="budgeting.delivery.progress_reported").exists()


@pytest.mark.parametrize(
    ("photo", "description", "message"),
    [
        (SimpleUploadedFile("benches.png", PNG, "image/png"), "", "Say what the photo shows"),
        (SimpleUploadedFile("benches.svg", b"<svg onload='alert(1)'/>", "image/svg+xml"), "A picture", "JPG, PNG"),
        (SimpleUploadedFile("benches.png", b"MZ" + b"\0" * 64, "image/png"), "A picture", "not a real JPG"),
    ],
    ids=["no description", "svg", "program named png"],
)
def test_a_photo_without_a_description_or_that_is_not_a_real_image_is_refused(
    district_officer, north_norfolk_project, photo, description, message
):
    delivery = north_norfolk_project.delivery
    staff = signed_in(district_officer)
    data = add_inline_form(
        form_of(staff, delivery),
        "updates",
        {"reported_on": "01/01/2026", "note": "Progress.", "photo": photo, "photo_description": description},
    )

    response = staff.post(change_url(delivery), data)

    assert response.status_code == 200
    assert message in response.content.decode()
    assert not DeliveryUpdate.objects.exists()


# --- On the public pages -----------------------------------------------------------------------------


def test_the_round_page_shows_how_its_funded_projects_are_going(client, db):
    project = funded_project(title="Planters on the high street")
    Delivery.objects.filter(project=project).update(
        status=ActionStatus.DONE, completed_on=timezone.localdate(), status_note="Planted."
    )

    html = client.get(project.round.get_absolute_url()).content.decode()

    assert "What the money is delivering" in html
    assert project.get_absolute_url() + "#delivery" in html
    assert "Done" in html and "Completed on" in html


@pytest.fixture
def photo_update(db) -> DeliveryUpdate:
    """A funded project's progress report with a photo."""
    return DeliveryUpdate.objects.create(
        delivery=funded_project(title="Planters").delivery,
        note="Planted.",
        photo=SimpleUploadedFile("planters.png", PNG, "image/png"),
        photo_description="Planters",
    )


def _photo_url(update: DeliveryUpdate) -> str:
    project = update.delivery.project
    where = {"slug": project.round.slug, "pk": project.pk, "update": update.pk}
    return reverse("budgeting:delivery_photo", kwargs=where)


def test_a_photo_of_a_hidden_project_is_not_served(client, photo_update):
    url = _photo_url(photo_update)
    assert client.get(url).status_code == 200

    project = photo_update.delivery.project
    Project.objects.filter(pk=project.pk).update(status=Project.Status.DECLINED, decline_reason="Withdrawn.")

    assert client.get(url).status_code == 404


def test_a_photo_gone_from_storage_is_not_found_rather_than_an_error(client, photo_update):
    photo_update.photo.storage.delete(photo_update.photo.name)

    assert client.get(_photo_url(photo_update)).status_code == 404


def test_people_can_follow_a_published_round_and_an_accepted_project(resident_client, db):
    project = funded_project(title="Planters")

    for target in (project.round, project):
        token = f"{target._meta.label_lower}:{target.pk}"
        response = resident_client.post(reverse("notifications:follow"), {"target": token, "next": "/"})
        assert response.status_code == 302
    followed = {(s.target_type.model, s.target_id) for s in Subscription.objects.all()}
    assert followed == {("round", str(project.round.pk)), ("project", str(project.pk))}
