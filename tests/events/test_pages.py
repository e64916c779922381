"""Signing up and cancelling through the pages: a full event's waiting list said so, bad input refused with its
own message, access needs shown to the organisers alone, and each event's calendar file."""

import datetime

import icalendar
import pytest
from django.contrib.contenttypes.models import ContentType
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from consultations.models import Consultation, Meeting
from events.models import Event, Registration
from events.registry import HOSTS
from events.services import registration_sign_up
from localism.models import Council
from tests.clients import signed_in
from tests.consultations.factories import ConsultationFactory, MeetingFactory, TeamFactory
from tests.events.factories import EventFactory
from tests.factories import UserFactory
from tests.outbox import emails_of

pytestmark = pytest.mark.django_db

NEEDS = "I use a wheelchair and need a hearing loop"


def _sign_up(client, event, **data):
    return client.post(reverse("events:sign_up", kwargs={"pk": event.pk}), data, follow=True)


def test_signing_up_gives_a_place_and_says_so(resident):
    event = EventFactory(capacity=2)

    response = _sign_up(signed_in(resident), event, access_needs=NEEDS)

    assert "You have a place. We have emailed you the details." in response.text
    assert "1 of 2 left" in response.text
    registration = Registration.objects.get(event=event, user=resident)
    assert registration.has_place and registration.access_needs == NEEDS
    assert emails_of("events.signed_up") == [resident.email]


def test_signing_up_to_a_full_event_joins_the_waiting_list_and_says_so(resident):
    event = EventFactory(capacity=1)
    registration_sign_up(event=event, user=UserFactory())
    page = signed_in(resident).get(event.get_absolute_url())
    assert "This event is full" in page.text and "Join the waiting list" in page.text

    response = _sign_up(signed_in(resident), event)

    assert "The event is full, so you are on the waiting list." in response.text
    assert "You are on the waiting list." in response.text
    assert Registration.objects.get(event=event, user=resident).is_waiting
    assert emails_of("events.waiting") == [resident.email]


def test_cancelling_a_place_promotes_the_next_person_who_is_emailed(resident, other_resident):
    event = EventFactory(capacity=1)
    registration_sign_up(event=event, user=resident)
    registration_sign_up(event=event, user=other_resident)

    response = signed_in(resident).post(reverse("events:cancel", kwargs={"pk": event.pk}), follow=True)

    assert "Your place is cancelled." in response.text
    assert Registration.objects.get(event=event, user=other_resident).has_place
    assert emails_of("events.promoted") == [other_resident.email]
    page = signed_in(other_resident).get(event.get_absolute_url())
    assert "You have a place." in page.text


def test_leaving_the_waiting_list_says_so(resident):
    event = EventFactory(capacity=1)
    registration_sign_up(event=event, user=UserFactory())
    registration_sign_up(event=event, user=resident)

    response = signed_in(resident).post(reverse("events:cancel", kwargs={"pk": event.pk}), follow=True)

    assert "You have left the waiting list." in response.text
    assert not Registration.objects.active().filter(user=resident).exists()


def test_cancelling_without_a_place_changes_nothing(resident):
    event = EventFactory()

    response = signed_in(resident).post(reverse("events:cancel", kwargs={"pk": event.pk}), follow=True)

    assert "You have no place to cancel at this event." in response.text


def test_access_needs_that_are_too_long_are_refused_and_what_was_typed_is_kept(resident):
    event = EventFactory()
    typed = "x" * 1001

    response = signed_in(resident).post(reverse("events:sign_up", kwargs={"pk": event.pk}), {"access_needs": typed})

    assert response.status_code == 400
    assert "Describe your access needs in 1,000 characters or fewer" in response.text
    assert typed in response.text
    assert not Registration.objects.exists()


def test_signing_up_twice_is_refused_with_its_own_message(resident):
    event = EventFactory()
    registration_sign_up(event=event, user=resident)

    response = signed_in(resident).post(reverse("events:sign_up", kwargs={"pk": event.pk}), {"access_needs": ""})

    assert response.status_code == 409
    assert "You have already signed up to this event." in response.text
    assert Registration.objects.count() == 1


@pytest.mark.parametrize(
    ("who", "message"),
    [
        ("unverified", "Confirm your email address to sign up"),
        ("started", "This event has already started"),
    ],
)
def test_who_cannot_sign_up_is_told_why_and_nothing_is_stored(who, message):
    event = EventFactory()
    person = UserFactory(verified=who != "unverified")
    if who == "started":
        Event.objects.filter(pk=event.pk).update(starts_at=timezone.now() - datetime.timedelta(minutes=1))

    response = signed_in(person).post(reverse("events:sign_up", kwargs={"pk": event.pk}), {"access_needs": ""})

    assert response.status_code == 403 and message in response.text
    assert not Registration.objects.exists()


def test_signing_up_needs_a_signed_in_person(client):
    event = EventFactory()

    response = client.post(reverse("events:sign_up", kwargs={"pk": event.pk}))

    assert response.status_code == 302 and reverse("account_login") in response["Location"]
    assert "Sign in to sign up to this event." in client.get(event.get_absolute_url()).text


def test_the_honeypot_refuses_a_bot(resident):
    event = EventFactory()

    response = signed_in(resident).post(reverse("events:sign_up", kwargs={"pk": event.pk}), {"website": "spam"})

    assert response.status_code == 400 and not Registration.objects.exists()


def test_a_sign_up_without_the_form_token_is_refused(resident):
    event = EventFactory()
    client = Client(enforce_csrf_checks=True)
    client.force_login(resident)

    response = client.post(reverse("events:sign_up", kwargs={"pk": event.pk}), {"access_needs": ""})

    assert response.status_code == 403 and not Registration.objects.exists()


def test_sign_ups_are_rate_limited(resident):
    event = EventFactory()
    client = signed_in(resident)
    url = reverse("events:sign_up", kwargs={"pk": event.pk})
    answers = [client.post(url, {"access_needs": ""}).status_code for _ in range(21)]

    assert answers[0] == 302 and answers[-1] == 429


def test_an_unpublished_event_is_not_found_by_residents_and_cannot_be_signed_up_to(resident):
    event = EventFactory(is_published=False)
    client = signed_in(resident)

    assert client.get(event.get_absolute_url()).status_code == 404
    assert client.get(reverse("events:calendar", kwargs={"pk": event.pk})).status_code == 404
    assert client.post(reverse("events:sign_up", kwargs={"pk": event.pk})).status_code == 404
    assert not Registration.objects.exists()


def test_an_event_of_an_unpublished_meeting_is_not_public(resident):
    meeting = MeetingFactory(is_published=False, starts_at=timezone.now() + datetime.timedelta(days=3))
    event = _event_on(meeting, Event.Kind.MEETING)

    assert signed_in(resident).get(event.get_absolute_url()).status_code == 404
    assert not Event.objects.public().exists()
    Meeting.objects.filter(pk=meeting.pk).update(is_published=True)
    assert signed_in(resident).get(event.get_absolute_url()).status_code == 200


def _event_on(host, kind, **fields):
    council = HOSTS[kind].council(host) or Council.objects.get(slug="norfolk-county-council")
    return EventFactory(
        surgery=None,
        kind=kind,
        content_type=ContentType.objects.get_for_model(host),
        object_id=host.pk,
        council=council,
        **fields,
    )


def test_each_host_page_lists_its_events_to_sign_up_to(client):
    consultation = ConsultationFactory()
    meeting = MeetingFactory(team=TeamFactory(consultation=consultation))
    drop_in = _event_on(consultation, Event.Kind.DROP_IN, title="Drop-in at the library")
    at_meeting = _event_on(meeting, Event.Kind.MEETING, title="Workshop 4")
    surgery_event = EventFactory(title="Saturday surgery")
    councillor = surgery_event.host.councillor

    assert drop_in.get_absolute_url() in client.get(consultation.get_absolute_url()).text
    assert at_meeting.get_absolute_url() in client.get(meeting.get_absolute_url()).text
    assert surgery_event.get_absolute_url() in client.get(councillor.get_absolute_url()).text
    listing = client.get(reverse("events:list")).text
    assert all(e.title in listing for e in (drop_in, at_meeting, surgery_event))
    assert Consultation.objects.filter(pk=consultation.pk).update(published_at=None)
    assert drop_in.title not in client.get(reverse("events:list")).text


def test_the_calendar_file_parses_back_to_the_event_and_holds_no_access_needs(client, resident):
    event = EventFactory(title="Saturday surgery", description="Come along.")
    registration_sign_up(event=event, user=resident, access_needs=NEEDS)

    response = client.get(reverse("events:calendar", kwargs={"pk": event.pk}))

    assert response["Content-Type"].startswith("text/calendar")
    calendar = icalendar.Calendar.from_ical(response.content)
    (entry,) = calendar.walk("VEVENT")
    assert str(entry["SUMMARY"]) == "Saturday surgery"
    assert str(entry["LOCATION"]) == event.venue
    assert entry.decoded("DTSTART") == event.starts_at.replace(microsecond=0)
    assert entry.decoded("DTEND") == event.ends_at.replace(microsecond=0)
    assert str(entry["URL"]).endswith(event.get_absolute_url())
    assert NEEDS not in response.content.decode() and resident.email not in response.content.decode()


def test_access_needs_appear_to_organisers_alone(client, resident, other_resident, parish_clerk, other_parish_clerk):
    event = EventFactory(capacity=1)
    registration_sign_up(event=event, user=other_resident, access_needs="Large print")
    registration_sign_up(event=event, user=resident, access_needs=NEEDS)
    people = reverse("events:people", kwargs={"pk": event.pk})

    for page in (event.get_absolute_url(), reverse("events:list"), event.host.councillor.get_absolute_url()):
        for asker in (client, signed_in(resident), signed_in(other_parish_clerk)):
            assert NEEDS not in asker.get(page).text
    for stranger in (signed_in(resident), signed_in(other_parish_clerk)):
        assert stranger.get(people).status_code == 404

    organiser = signed_in(parish_clerk)
    assert "Who is coming, their access needs" in organiser.get(event.get_absolute_url()).text
    text = organiser.get(people).text
    assert NEEDS in text and "Large print" in text
    assert text.index("Large print") < text.index("Waiting list") < text.index(NEEDS)


def test_a_councillor_organises_their_own_surgeries_on_the_portal(resident):
    event = EventFactory()
    councillor = event.host.councillor
    councillor.user = UserFactory()
    councillor.save()
    registration_sign_up(event=event, user=resident, access_needs=NEEDS)

    assert NEEDS in signed_in(councillor.user).get(reverse("events:people", kwargs={"pk": event.pk})).text
    other = EventFactory()
    assert signed_in(councillor.user).get(reverse("events:people", kwargs={"pk": other.pk})).status_code == 404


def test_pages_use_a_fixed_number_of_queries(client, parish_clerk, django_assert_max_num_queries):
    events = [EventFactory(capacity=3) for _ in range(12)]
    for event in events[:3]:
        for _ in range(5):
            registration_sign_up(event=event, user=UserFactory())
    organiser = signed_in(parish_clerk)
    person = signed_in(Registration.objects.first().user)

    with django_assert_max_num_queries(8):
        client.get(reverse("events:list"))
    with django_assert_max_num_queries(14):
        person.get(events[0].get_absolute_url())
    with django_assert_max_num_queries(16):
        organiser.get(reverse("events:people", kwargs={"pk": events[0].pk}))
    with django_assert_max_num_queries(6):
        client.get(reverse("events:calendar", kwargs={"pk": events[0].pk}))
    assert Council.objects.filter(events__isnull=False).distinct().count() == 1
