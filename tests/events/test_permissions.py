"""Every events rule asked of every persona, for an event in each state."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from events.services import registration_sign_up
from localism.models import Council
from tests.events.factories import EventFactory
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PERSONAS = ["anonymous", "resident", "unverified", "attendee", "councillor", "clerk", "other clerk", "county"]
PERSONAS += ["staff without 2FA"]


@pytest.fixture
def people(resident, staff_without_mfa, county_staff, parish_clerk, other_parish_clerk):
    return {
        "anonymous": AnonymousUser(),
        "resident": resident,
        "unverified": UserFactory(verified=False),
        "attendee": UserFactory(),
        "councillor": UserFactory(),
        "clerk": parish_clerk,
        "other clerk": other_parish_clerk,
        "county": county_staff,
        "staff without 2FA": staff_without_mfa,
    }


def _event(state: str, people: dict):
    event = EventFactory(is_published=state != "unpublished")
    assert event.council == Council.objects.get(slug="cromer-town-council")
    councillor = event.host.councillor
    councillor.user = people["councillor"]
    councillor.save()
    registration = registration_sign_up(event=event, user=people["attendee"])
    if state == "started":
        event.starts_at = timezone.now() - datetime.timedelta(minutes=10)
        event.save()
    registration.refresh_from_db()
    return event, registration


ORGANISERS = {"councillor", "clerk", "county"}
EXPECTED = {
    ("events.see_event", "published"): set(PERSONAS),
    ("events.see_event", "started"): set(PERSONAS),
    ("events.see_event", "unpublished"): ORGANISERS,
    ("events.sign_up_event", "published"): set(PERSONAS) - {"anonymous", "unverified"},
    ("events.sign_up_event", "started"): set(),
    ("events.sign_up_event", "unpublished"): set(),
    ("events.organise_event", "published"): ORGANISERS,
    ("events.organise_event", "started"): ORGANISERS,
    ("events.organise_event", "unpublished"): ORGANISERS,
    ("events.cancel_registration", "published"): {"attendee"},
    ("events.cancel_registration", "started"): set(),
    ("events.cancel_registration", "unpublished"): {"attendee"},
    ("events.manage_registration", "published"): ORGANISERS,
    ("events.manage_registration", "started"): set(),
    ("events.manage_registration", "unpublished"): ORGANISERS,
}


@pytest.mark.parametrize(("permission", "state"), sorted(EXPECTED))
def test_each_persona_may_do_exactly_what_the_rule_allows(people, permission, state):
    event, registration = _event(state, people)
    target = registration if permission.endswith("_registration") else event

    allowed = {name for name in PERSONAS if people[name].has_perm(permission, target)}

    assert allowed == EXPECTED[(permission, state)]
