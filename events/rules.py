"""Who may see an event, sign up, cancel, and see who is coming (with their access needs).

`(user, obj)` predicates registered as `events.<action>_<model>`, asked with has_perm by the views, templates
and the admin. Organisers are the staff of the event's council (or the county's team), and whoever the host's
app names (a councillor for their own surgeries, the leads of a co-production team for its meetings).
"""

from __future__ import annotations

import rules

from accounts.rules import has_verified_email, is_person_in, is_staff_for
from events.models import Event, Registration
from events.registry import host_for


@rules.predicate
def is_public(user, event: Event) -> bool:
    """The single-event form of `Event.objects.public()`."""
    return Event.objects.public().filter(pk=event.pk).exists()


@rules.predicate
def is_organised_by_host(user, event: Event) -> bool:
    host = event.host
    return user.is_authenticated and host is not None and bool(host_for(event).organised_by(user, host))


@rules.predicate
def has_not_started(user, event: Event) -> bool:
    return not event.has_started


is_own_registration = is_person_in("user_id")


@rules.predicate
def registration_is_active_and_coming(user, registration: Registration) -> bool:
    return registration.status != Registration.Status.CANCELLED and not registration.event.has_started


is_organiser = is_staff_for | is_organised_by_host


@rules.predicate
def organises_its_event(user, registration: Registration) -> bool:
    return is_organiser.test(user, registration.event)


rules.add_perm("events.see_event", is_public | is_organiser)
rules.add_perm("events.sign_up_event", has_verified_email & is_public & has_not_started)
# The people coming, their access needs and the waiting list: the organisers alone.
rules.add_perm("events.organise_event", is_organiser)
rules.add_perm("events.cancel_registration", is_own_registration & registration_is_active_and_coming)
# Managing the sign-ups: an organiser cancels a place (or a place on the waiting list) for someone who cannot come.
rules.add_perm("events.manage_registration", organises_its_event & registration_is_active_and_coming)


def sign_up_refusal(user, event: Event) -> str:
    """Why this person cannot sign up now, in words for them ('' when they can)."""
    if event.has_started:
        return "This event has already started: you can no longer sign up."
    if not user.is_authenticated:
        return "Sign in to sign up to this event."
    if not has_verified_email(user):
        return "Confirm your email address to sign up: we sent you a link when you created your account."
    return ""
