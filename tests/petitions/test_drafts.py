"""Its creator changes a draft petition until they send it to be checked; nobody else can, and a refused
change keeps what was typed and changes nothing."""

import pytest
from django.test import Client
from django.urls import reverse

from localism.models import AuditEntry, Council, Responsibility
from petitions.models import Petition
from tests.factories import UserFactory
from tests.petitions.factories import PetitionFactory, petition_form

pytestmark = pytest.mark.django_db

NOT_YET_OPEN = {"opened_at": None, "closes_at": None}


@pytest.fixture
def draft(scheme, resident):
    return PetitionFactory(
        creator=resident, status=Petition.Status.DRAFT, title="Safer crossing", council=scheme.council, **NOT_YET_OPEN
    )


def _change(client, petition, **values):
    """The draft's form sent again: "A safer crossing on Holt Road", for 8 weeks, unless told otherwise."""
    data = {**petition_form(petition.council, title="A safer crossing on Holt Road", runs_for_weeks="8"), **values}
    return client.post(reverse("petitions:edit", kwargs={"pk": petition.pk}), data)


def test_the_creator_changes_their_draft_from_its_page(resident_client, draft):
    page = resident_client.get(draft.get_absolute_url()).content.decode()
    edit = reverse("petitions:edit", kwargs={"pk": draft.pk})
    assert f'href="{edit}"' in page
    form = resident_client.get(edit).content.decode()
    assert "Change your petition" in form and 'value="Safer crossing"' in form

    response = _change(resident_client, draft)

    assert response.status_code == 302 and response["Location"] == draft.get_absolute_url()
    draft.refresh_from_db()
    assert (draft.title, draft.runs_for_weeks, draft.status) == (
        "A safer crossing on Holt Road",
        8,
        Petition.Status.DRAFT,
    )
    assert AuditEntry.objects.filter(action="petitions.petition.edited", target_id=str(draft.pk)).count() == 1


def test_a_changed_subject_routes_the_draft_again(resident_client, draft):
    libraries = Responsibility.objects.get(slug="libraries")
    _change(resident_client, draft, subject=libraries.pk)
    draft.refresh_from_db()
    assert draft.council == Council.objects.get(slug="norfolk-county-council")
    assert draft.subject == libraries


def test_a_change_to_an_excluded_matter_is_refused_keeps_what_was_typed_and_changes_nothing(resident_client, draft):
    planning = Responsibility.objects.get(slug="planning")

    response = _change(resident_client, draft, subject=planning.pk)

    page = response.content.decode()
    assert response.status_code == 200
    assert "does not cover planning decisions" in page
    assert 'value="A safer crossing on Holt Road"' in page
    draft.refresh_from_db()
    assert (draft.title, draft.subject) == ("Safer crossing", None)
    assert not AuditEntry.objects.filter(action="petitions.petition.edited").exists()


@pytest.mark.parametrize("who", ["another resident", "anonymous"])
def test_nobody_else_can_change_a_draft(draft, who):
    client = Client()
    if who == "another resident":
        client.force_login(UserFactory())
    response = _change(client, draft, title="Hijacked")
    assert response.status_code in (302, 404)
    if who == "anonymous":
        assert reverse("account_login") in response["Location"]
    draft.refresh_from_db()
    assert draft.title == "Safer crossing"


def test_a_petition_sent_to_be_checked_can_no_longer_be_changed(resident_client, draft):
    resident_client.post(reverse("petitions:submit", kwargs={"pk": draft.pk}))
    page = resident_client.get(draft.get_absolute_url()).content.decode()
    assert reverse("petitions:edit", kwargs={"pk": draft.pk}) not in page

    response = _change(resident_client, draft, title="Too late")

    assert response.status_code == 404
    draft.refresh_from_db()
    assert (draft.title, draft.status) == ("Safer crossing", Petition.Status.CHECKING)
