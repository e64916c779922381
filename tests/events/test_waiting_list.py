"""The waiting list: a place while there is one, the waiting list after, and each freed place to the next
person waiting, who is emailed; correct when sign-ups and cancellations happen at the same moment."""

import threading
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.utils import timezone

from events.models import Registration
from events.services import event_places_changed, registration_cancel, registration_sign_up
from tests.events.factories import EventFactory
from tests.factories import UserFactory
from tests.outbox import emails_of

Status = Registration.Status


def _full_event(capacity: int = 2, waiting: int = 2):
    event = EventFactory(capacity=capacity)
    have = [registration_sign_up(event=event, user=UserFactory()) for _ in range(capacity)]
    wait = [registration_sign_up(event=event, user=UserFactory()) for _ in range(waiting)]
    return event, have, wait


def _status(registration) -> str:
    registration.refresh_from_db()
    return registration.status


@pytest.mark.django_db
def test_people_get_places_until_the_event_is_full_then_join_the_waiting_list():
    event, have, wait = _full_event(capacity=2, waiting=2)

    assert [r.status for r in have] == [Status.CONFIRMED, Status.CONFIRMED]
    assert [r.status for r in wait] == [Status.WAITING, Status.WAITING]
    assert emails_of("events.signed_up") == sorted(r.user.email for r in have)
    assert emails_of("events.waiting") == sorted(r.user.email for r in wait)


@pytest.mark.django_db
def test_a_cancelled_place_goes_to_the_first_person_waiting_who_is_emailed():
    event, have, (first, second) = _full_event()

    promoted = registration_cancel(registration=have[0])

    assert promoted == [first]
    assert _status(first) == Status.CONFIRMED and _status(second) == Status.WAITING
    assert _status(have[0]) == Status.CANCELLED
    assert emails_of("events.promoted") == [first.user.email]
    assert event.registrations.confirmed().count() == 2


@pytest.mark.django_db
def test_leaving_the_waiting_list_promotes_nobody():
    event, have, (first, second) = _full_event()

    assert registration_cancel(registration=first) == []
    assert _status(second) == Status.WAITING
    assert emails_of("events.promoted") == []


@pytest.mark.django_db
def test_cancelling_twice_frees_one_place():
    event, have, (first, second) = _full_event()

    registration_cancel(registration=have[0])
    assert registration_cancel(registration=Registration.objects.get(pk=have[0].pk)) == []

    assert _status(first) == Status.CONFIRMED and _status(second) == Status.WAITING


@pytest.mark.django_db
def test_signing_up_twice_is_refused_but_signing_up_again_after_cancelling_is_not():
    event = EventFactory(capacity=5)
    person = UserFactory()
    first = registration_sign_up(event=event, user=person)

    with pytest.raises(ValidationError, match="already signed up"):
        registration_sign_up(event=event, user=person)
    registration_cancel(registration=first)
    again = registration_sign_up(event=event, user=person)

    assert again.status == Status.CONFIRMED
    assert event.registrations.active().count() == 1


@pytest.mark.django_db
def test_once_the_event_has_started_nobody_signs_up_or_is_promoted():
    event, have, (first, _second) = _full_event()
    event.starts_at = timezone.now() - timedelta(minutes=5)
    event.save()

    with pytest.raises(ValidationError, match="already started"):
        registration_sign_up(event=event, user=UserFactory())
    assert registration_cancel(registration=have[0]) == []
    assert _status(first) == Status.WAITING


@pytest.mark.django_db
def test_more_places_take_people_from_the_waiting_list_in_order():
    event, have, (first, second) = _full_event(capacity=2, waiting=2)
    event.capacity = 3
    event.save()

    assert event_places_changed(event=event) == [first]
    assert _status(second) == Status.WAITING


def _at_the_same_moment(*actions) -> list:
    """Each action runs on its own database connection, in its own transaction; all start together."""
    barrier = threading.Barrier(len(actions))
    results: list = [None] * len(actions)

    def run(index, action):
        try:
            barrier.wait(timeout=10)
            results[index] = action()
        except ValidationError as error:
            results[index] = error.messages[0]
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, a)) for i, a in enumerate(actions)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return results


@pytest.mark.django_db(transaction=True)
def test_two_cancellations_at_the_same_moment_promote_the_next_two_people_once_each():
    event, (a, b), (first, second, third) = _full_event(capacity=2, waiting=3)

    _at_the_same_moment(lambda: registration_cancel(registration=a), lambda: registration_cancel(registration=b))

    assert sorted(event.registrations.confirmed().values_list("pk", flat=True)) == sorted([first.pk, second.pk])
    assert _status(third) == Status.WAITING
    assert emails_of("events.promoted") == sorted([first.user.email, second.user.email])


@pytest.mark.django_db(transaction=True)
def test_two_people_signing_up_for_the_last_place_at_the_same_moment_get_one_place_and_one_wait():
    event = EventFactory(capacity=1)
    one, other = UserFactory(), UserFactory()

    results = _at_the_same_moment(
        lambda: registration_sign_up(event=event, user=one), lambda: registration_sign_up(event=event, user=other)
    )

    assert sorted(r.status for r in results) == [Status.CONFIRMED, Status.WAITING]
    assert event.registrations.confirmed().count() == 1


@pytest.mark.django_db(transaction=True)
def test_a_place_freed_while_someone_signs_up_goes_to_the_person_already_waiting():
    event, (holder,), (waiting,) = _full_event(capacity=1, waiting=1)
    newcomer = UserFactory()

    _at_the_same_moment(
        lambda: registration_cancel(registration=holder), lambda: registration_sign_up(event=event, user=newcomer)
    )

    assert _status(waiting) == Status.CONFIRMED
    assert event.registrations.get(user=newcomer).status == Status.WAITING
    assert event.registrations.confirmed().count() == 1


@pytest.mark.django_db(transaction=True)
def test_the_same_person_signing_up_twice_at_the_same_moment_is_registered_once():
    event = EventFactory(capacity=3)
    person = UserFactory()

    results = _at_the_same_moment(
        lambda: registration_sign_up(event=event, user=person), lambda: registration_sign_up(event=event, user=person)
    )

    assert "You have already signed up to this event." in results
    assert event.registrations.active().filter(user=person).count() == 1
