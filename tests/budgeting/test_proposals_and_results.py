"""Proposing, checking (accept, or decline with a reason), paper ballots and published results."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from budgeting.models import PaperTally, Project
from localism.models import AuditEntry
from tests.budgeting.factories import ProjectFactory, RoundFactory
from tests.directory.factories import MembershipFactory, OrganisationFactory
from tests.factories import PlaceFactory

pytestmark = pytest.mark.django_db

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


@pytest.fixture
def open_round():
    return RoundFactory(taking_proposals=True)


@pytest.fixture
def group(resident):
    """A verified group the resident belongs to."""
    return MembershipFactory(user=resident, organisation__name="Cromer Town Team").organisation


def _proposal(place, organisation, **extra):
    return {
        "title": "Benches on the prom",
        "description": "Six benches.",
        "cost": "2500",
        "place": place.pk,
        "organisation": organisation.pk,
        **extra,
    }


def test_a_group_member_proposes_a_project_with_a_picture(resident_client, resident, open_round, group):
    place = PlaceFactory()
    data = _proposal(
        place,
        group,
        image=SimpleUploadedFile("bench.png", PNG, content_type="image/png"),
        image_description="A wooden bench facing the sea",
    )
    response = resident_client.post(reverse("budgeting:project_propose", kwargs={"slug": open_round.slug}), data)
    project = Project.objects.get()
    assert response["Location"] == project.get_absolute_url()
    assert project.proposer == resident and project.status == "submitted"
    assert (
        resident_client.get(
            reverse("budgeting:project_image", kwargs={"slug": open_round.slug, "pk": project.pk})
        ).status_code
        == 200
    )


def test_a_picture_gone_from_storage_is_not_found_rather_than_an_error(resident_client, open_round, group):
    data = _proposal(PlaceFactory(), group, image=SimpleUploadedFile("bench.png", PNG), image_description="A bench")
    resident_client.post(reverse("budgeting:project_propose", kwargs={"slug": open_round.slug}), data)
    project = Project.objects.get()
    project.image.storage.delete(project.image.name)

    response = resident_client.get(
        reverse("budgeting:project_image", kwargs={"slug": open_round.slug, "pk": project.pk})
    )

    assert response.status_code == 404


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"cost": "7000"}, "The cost must be £6,000 or less"),
        ({"cost": "lots"}, "Enter the cost as a number of pounds"),
        ({"title": ""}, "Enter a title for the project"),
        ({"image": ("photo.png", b"MZ\x90\x00 executable")}, "The picture is not a real JPG, PNG or WebP image"),
        ({"image": ("drawing.svg", b"<svg onload='alert(1)'/>")}, "The picture must be a JPG, PNG or WebP file"),
        ({"image": ("bench.png", PNG)}, "Say what the picture shows"),
    ],
)
def test_a_bad_proposal_is_explained_keeps_what_was_typed_and_saves_nothing(
    resident_client, open_round, group, change, message
):
    place = PlaceFactory()
    data = _proposal(place, group, **{k: v for k, v in change.items() if k != "image"})
    if "image" in change:
        data["image"] = SimpleUploadedFile(change["image"][0], change["image"][1])
    html = resident_client.post(
        reverse("budgeting:project_propose", kwargs={"slug": open_round.slug}), data
    ).content.decode()
    assert "There is a problem" in html and message in html
    if data["title"]:
        assert 'value="Benches on the prom"' in html
    assert not Project.objects.exists()


def test_proposals_are_refused_outside_the_proposal_stage(resident_client, group):
    voting = RoundFactory()
    response = resident_client.post(
        reverse("budgeting:project_propose", kwargs={"slug": voting.slug}), _proposal(PlaceFactory(), group)
    )
    assert response.status_code == 302
    assert not Project.objects.exists()


def test_only_the_proposer_can_edit_and_only_until_checking_starts(
    client, resident, other_resident, open_round, group
):
    project = ProjectFactory(round=open_round, proposer=resident, status="submitted", organisation=group)
    client.force_login(other_resident)
    # Not accepted: only its proposer sees it, so to anyone else it is not there at all.
    assert (
        client.get(reverse("budgeting:project_edit", kwargs={"slug": open_round.slug, "pk": project.pk})).status_code
        == 404
    )
    assert client.get(project.get_absolute_url()).status_code == 404
    client.force_login(resident)
    response = client.post(
        reverse("budgeting:project_edit", kwargs={"slug": open_round.slug, "pk": project.pk}),
        _proposal(project.place, group, title="Better benches"),
    )
    assert response.status_code == 302
    project.refresh_from_db()
    assert project.title == "Better benches"
    open_round.checking_starts = timezone.now() - timedelta(minutes=1)
    open_round.proposals_open = timezone.now() - timedelta(days=2)
    open_round.save()
    assert (
        client.get(reverse("budgeting:project_edit", kwargs={"slug": open_round.slug, "pk": project.pk})).status_code
        == 403
    )


def test_staff_decline_a_proposal_with_a_reason_the_proposer_sees_and_is_emailed(
    client, moderator, resident, django_capture_on_commit_callbacks
):
    project = ProjectFactory(proposer=resident, status="submitted")
    client.force_login(moderator)
    url = reverse("admin:budgeting_project_change", kwargs={"object_id": project.pk})
    response = client.post(url, {"status": "declined", "decline_reason": ""})
    assert "Give the reason the project is declined" in response.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"status": "declined", "decline_reason": "It is outside the round's area."})
    project.refresh_from_db()
    assert project.status == "declined" and project.checked_by == moderator
    assert AuditEntry.objects.filter(action="budgeting.project.declined").exists()
    assert "It is outside the round's area." in mail.outbox[0].body and mail.outbox[0].to == [resident.email]
    client.force_login(resident)
    assert "It is outside the round&#x27;s area." in client.get(project.get_absolute_url()).content.decode()


def test_paper_ballots_count_alongside_older_tallies_and_results_publish_after_close(client, moderator):
    now = timezone.now()
    closed = RoundFactory(
        voting_opens=now - timedelta(days=10),
        voting_closes=now - timedelta(days=1),
        pot=Decimal("5000"),
        max_project_cost=Decimal("5000"),
    )
    a = ProjectFactory(round=closed, title="Community fridge", cost=Decimal("3000"))
    b = ProjectFactory(round=closed, title="Youth football kit", cost=Decimal("2500"))
    # Votes tallied per project at an event before paper ballots were entered one by one.
    PaperTally.objects.create(round=closed, project=b, votes=12, event="Cromer Carnival", entered_by=moderator)
    client.force_login(moderator)
    response = client.post(
        reverse("admin:budgeting_paper_ballots", kwargs={"pk": closed.pk}), {"paper_number": "17", "projects": [b.pk]}
    )
    assert response.status_code == 302, response.content.decode()[:3000]

    client.post(
        reverse("admin:budgeting_round_changelist"), {"action": "publish_results", "_selected_action": [closed.pk]}
    )
    html = client.get(reverse("budgeting:results", kwargs={"slug": closed.slug})).content.decode()
    assert "Youth football kit" in html and "Funded" in html and "<svg" in html
    assert html.count("localism-chart__bar--highlighted") == 1  # only the funded project is green
    closed.refresh_from_db()
    assert [p["title"] for p in closed.results["projects"] if p["funded"]] == ["Youth football kit"]
    assert closed.results["took_part"] == {"online": 0, "code": 0, "paper": 1}
    assert closed.results["paper_tallies"] == 12  # kept apart: votes, not voters
    assert "A further 12 paper votes were counted project by project" in html
    assert a.title in html


def test_results_cannot_be_published_before_voting_closes(client, moderator):
    voting = RoundFactory()
    client.force_login(moderator)
    client.post(
        reverse("admin:budgeting_round_changelist"), {"action": "publish_results", "_selected_action": [voting.pk]}
    )
    voting.refresh_from_db()
    assert voting.results_published_at is None
    assert client.get(reverse("budgeting:results", kwargs={"slug": voting.slug})).status_code == 404


def _round_form(r):
    def split(dt):
        local = timezone.localtime(dt)
        return local.strftime("%d/%m/%Y"), local.strftime("%H:%M:%S")

    data = {
        "title": r.title,
        "slug": r.slug,
        "summary": r.summary,
        "pot": str(r.pot),
        "max_project_cost": str(r.max_project_cost),
        "method": r.method,
        "approval_limit": "",
        "is_published": "on",
        "places": [p.pk for p in r.places.all()] or [PlaceFactory().pk],
    }
    for field in ("proposals_open", "checking_starts", "voting_opens", "voting_closes"):
        data[f"{field}_0"], data[f"{field}_1"] = split(getattr(r, field))
    return data


def test_only_members_of_a_verified_group_can_propose(resident_client, resident, open_round):
    OrganisationFactory(name="Not mine")
    MembershipFactory(user=resident, organisation__status="pending")
    response = resident_client.get(reverse("budgeting:project_propose", kwargs={"slug": open_round.slug}), follow=True)
    assert "register your group in the directory" in response.content.decode()


def test_a_group_cannot_propose_for_a_group_it_does_not_belong_to(resident_client, open_round, group):
    other = OrganisationFactory(name="Someone else's group")
    html = resident_client.post(
        reverse("budgeting:project_propose", kwargs={"slug": open_round.slug}), _proposal(PlaceFactory(), other)
    ).content.decode()
    assert "There is a problem" in html
    assert not Project.objects.exists()


def test_the_proposal_form_says_optional_once(resident_client, open_round, group):
    html = resident_client.get(reverse("budgeting:project_propose", kwargs={"slug": open_round.slug})).content.decode()

    assert "A picture of the project (optional)" in html
    assert "(optional) (optional)" not in html
