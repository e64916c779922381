"""The leads of a co-production team organise the sign-ups to its meetings without being staff: they see who is
coming with their access needs, and cancel a place for someone who cannot come. Asked over HTTP of every
persona, for an event in each state; other members and other teams' leads are refused as for anyone else."""

import datetime

import pytest
from django.contrib.contenttypes.models import ContentType
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from consultations.models import Meeting, TeamMember
from events.models import Event, Registration
from events.services import registration_sign_up
from localism.models import AuditEntry, Council
from tests.consultations.factories import ConsultationFactory, MeetingFactory, TeamFactory, TeamMemberFactory
from tests.events.factories import EventFactory
from tests.factories import UserFactory
from tests.outbox import emails_of

pytestmark = pytest.mark.django_db

NEEDS = "I need a hearing loop"
PERSONAS = ["anonymous", "resident", "attendee", "lead", "member", "other team's lead", "clerk", "other clerk"]
PERSONAS += ["county"]
STATES = ["published", "unpublished", "started"]


@pytest.fixture
def people(resident, county_staff, parish_clerk, other_parish_clerk):
    return {
        "anonymous": None,
        "resident": resident,
        "attendee": UserFactory(),
        "lead": UserFactory(),
        "member": UserFactory(),
        "other team's lead": UserFactory(),
        "clerk": parish_clerk,
        "other clerk": other_parish_clerk,
        "county": county_staff,
    }


def _team_meeting(people: dict) -> Meeting:
    """A Cromer consultation's team: its lead, a member who does not lead, and another team with its own lead."""
    team = TeamFactory(consultation=ConsultationFactory(council=Council.objects.get(slug="cromer-town-council")))
    TeamMemberFactory(team=team, user=people["lead"], role="Co-chair", is_lead=True)
    TeamMemberFactory(team=team, user=people["member"])
    TeamMemberFactory(user=people["other team's lead"], role="Chair", is_lead=True)
    return MeetingFactory(team=team, starts_at=timezone.now() + datetime.timedelta(days=7))


def _event(state: str, people: dict) -> tuple[Event, Registration]:
    meeting = _team_meeting(people)
    event = EventFactory(
        surgery=None,
        kind=Event.Kind.MEETING,
        content_type=ContentType.objects.get_for_model(Meeting),
        object_id=meeting.pk,
        council=meeting.team.consultation.council,
        is_published=state != "unpublished",
        capacity=1,
    )
    registration = registration_sign_up(event=event, user=people["attendee"], access_needs=NEEDS)
    registration_sign_up(event=event, user=UserFactory(display_name="Next In Line"))
    if state == "started":
        Event.objects.filter(pk=event.pk).update(starts_at=timezone.now() - datetime.timedelta(minutes=10))
    return event, registration


def _browser(user) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


ORGANISERS = {"lead", "clerk", "county"}


@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("persona", PERSONAS)
def test_who_sees_the_people_coming_with_their_access_needs(people, persona, state):
    event, _ = _event(state, people)
    response = _browser(people[persona]).get(reverse("events:people", kwargs={"pk": event.pk}))

    if persona in ORGANISERS:
        assert response.status_code == 200 and NEEDS in response.text
    elif persona == "anonymous":
        assert response.status_code == 302 and reverse("account_login") in response["Location"]
    else:
        assert response.status_code == 404 and NEEDS not in response.text


@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("persona", PERSONAS)
def test_who_cancels_a_place_for_someone_who_cannot_come(people, persona, state):
    event, registration = _event(state, people)
    url = reverse("events:people_cancel", kwargs={"pk": event.pk, "registration": registration.pk})

    response = _browser(people[persona]).post(url)

    registration.refresh_from_db()
    may_cancel = persona in ORGANISERS and state != "started"
    assert (registration.status == Registration.Status.CANCELLED) is may_cancel
    if persona in ORGANISERS:
        assert response.status_code == 302 and response["Location"] == reverse("events:people", args=[event.pk])
    elif persona == "anonymous":
        assert response.status_code == 302 and reverse("account_login") in response["Location"]
    else:
        assert response.status_code == 404
    promoted = Registration.objects.filter(event=event, user__display_name="Next In Line").get()
    assert promoted.has_place is may_cancel


def test_the_event_page_shows_the_lead_the_organisers_link(people):
    event, _ = _event("published", people)
    for persona, shown in (("lead", True), ("member", False), ("other team's lead", False)):
        page = _browser(people[persona]).get(event.get_absolute_url()).text
        assert ("Who is coming, their access needs" in page) is shown, persona


def test_a_lead_cancelling_a_place_is_audited_and_the_person_and_the_next_one_are_emailed(people):
    event, registration = _event("published", people)
    lead = _browser(people["lead"])

    page = lead.post(
        reverse("events:people_cancel", kwargs={"pk": event.pk, "registration": registration.pk}), follow=True
    ).text

    assert "is no longer signed up, and we have emailed them" in page
    assert "Next In Line now has the place from the waiting list" in page
    assert emails_of("events.cancelled_by_organiser") == [people["attendee"].email]
    assert len(emails_of("events.promoted")) == 1
    entry = AuditEntry.objects.get(action="events.registration.cancelled_by_organiser")
    assert entry.actor == people["lead"]


def test_a_lead_no_longer_leading_organises_nothing(people):
    event, _ = _event("published", people)
    TeamMember.objects.filter(user=people["lead"]).update(is_lead=False)
    assert _browser(people["lead"]).get(reverse("events:people", kwargs={"pk": event.pk})).status_code == 404


def test_a_place_of_another_event_cannot_be_cancelled_through_the_leads_event(people):
    event, _ = _event("published", people)
    elsewhere = EventFactory()
    theirs = registration_sign_up(event=elsewhere, user=UserFactory())
    url = reverse("events:people_cancel", kwargs={"pk": event.pk, "registration": theirs.pk})

    assert _browser(people["lead"]).post(url).status_code == 404
    theirs.refresh_from_db()
    assert theirs.has_place


def test_a_surgery_event_is_not_organised_by_a_team_lead(people):
    _team_meeting(people)
    surgery_event = EventFactory()
    assert _browser(people["lead"]).get(reverse("events:people", kwargs={"pk": surgery_event.pk})).status_code == 404
