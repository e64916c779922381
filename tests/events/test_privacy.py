"""A person's registrations and access needs are in their data download, and go when their account goes
(their place passing to the next person waiting)."""

import pytest
from django.urls import reverse

from accounts.privacy import account_delete
from events.models import Registration
from events.services import registration_sign_up
from tests.clients import signed_in
from tests.downloads import downloaded_json
from tests.events.factories import EventFactory
from tests.factories import UserFactory
from tests.outbox import emails_of

pytestmark = pytest.mark.django_db


def test_the_data_download_holds_each_registration_with_its_access_needs(resident):
    event = EventFactory(title="Saturday surgery")
    registration_sign_up(event=event, user=resident, access_needs="A hearing loop")
    client = signed_in(resident)

    data = downloaded_json(client.get(reverse("accounts:data_download")))

    (row,) = data["events"]["event_registrations"]
    assert row["event"] == "Saturday surgery" and row["access_needs"] == "A hearing loop"
    assert row["status"] == "Has a place"


def test_deleting_the_account_removes_the_registrations_and_passes_the_place_on(resident):
    event = EventFactory(capacity=1)
    registration_sign_up(event=event, user=resident, access_needs="A hearing loop")
    waiting = registration_sign_up(event=event, user=UserFactory())

    account_delete(user=resident)

    assert not Registration.objects.filter(access_needs="A hearing loop").exists()
    waiting.refresh_from_db()
    assert waiting.has_place
    assert emails_of("events.promoted") == [waiting.user.email]
