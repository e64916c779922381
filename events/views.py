"""Pages for residents (the events, one event with its sign-up, its calendar file) and for organisers (who is
coming, their access needs and the waiting list). Staff create events in the admin."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_POST
from django_ratelimit.decorators import ratelimit

from accounts.rules import require_visible
from events.forms import SignUpForm
from events.models import Event, Registration
from events.rules import sign_up_refusal
from events.services import registration_cancel, registration_sign_up
from localism.ical import CalendarEvent, calendar_response
from localism.links import absolute_url

SHOWN = 100


def _event(request: HttpRequest, pk: int) -> Event:
    """An event the person may see; any other answers as a missing one."""
    event = get_object_or_404(Event.objects.select_related("council"), pk=pk)
    require_visible(request.user, "events.see_event", event, "There is no event here.")
    return event


def _own_registration(request: HttpRequest, event: Event) -> Registration | None:
    if not request.user.is_authenticated:
        return None
    return event.registrations.active().filter(user=request.user).first()


@require_GET
def event_list(request: HttpRequest) -> HttpResponse:
    events = Event.objects.public().upcoming().select_related("council")[:SHOWN]
    return render(request, "events/event_list.html", {"events": events})


def _detail(request: HttpRequest, event: Event, form: SignUpForm, status: int = 200) -> HttpResponse:
    confirmed = event.registrations.confirmed().count()
    return render(
        request,
        "events/event_detail.html",
        {
            "event": event,
            "form": form,
            "registration": _own_registration(request, event),
            "places_left": max(0, event.capacity - confirmed),
            "waiting_count": event.registrations.waiting().count(),
            "refusal": sign_up_refusal(request.user, event),
            "can_organise": request.user.has_perm("events.organise_event", event),
        },
        status=status,
    )


@require_GET
def event_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail(request, _event(request, pk), SignUpForm())


def _resident_write(group: str):
    """A signed-in person's POST, limited per person and per network address (django-ratelimit)."""

    def decorate(view):
        for limit in (
            ratelimit(group=f"{group}-address", key="ip", rate="60/h", method="POST", block=True),
            ratelimit(group=group, key="user_or_ip", rate="20/h", method="POST", block=True),
            require_POST,
            login_required,
        ):
            view = limit(view)
        return view

    return decorate


@_resident_write("events.sign_up")
def sign_up(request: HttpRequest, pk: int) -> HttpResponse:
    event = _event(request, pk)
    form = SignUpForm(request.POST)
    if not request.user.has_perm("events.sign_up_event", event):
        form.is_valid()
        form.add_error(None, sign_up_refusal(request.user, event) or "You cannot sign up to this event.")
        return _detail(request, event, form, status=403)
    if not form.is_valid():
        return _detail(request, event, form, status=400)
    try:
        registration = registration_sign_up(
            event=event, user=request.user, access_needs=form.cleaned_data["access_needs"]
        )
    except ValidationError as error:
        form.add_error(None, error)
        return _detail(request, event, form, status=409)
    if registration.has_place:
        messages.success(request, "You have a place. We have emailed you the details.")
    else:
        messages.success(
            request,
            "The event is full, so you are on the waiting list. If a place comes free it is yours, and we will "
            "email you.",
        )
    return redirect(event)


@_resident_write("events.cancel")
def cancel(request: HttpRequest, pk: int) -> HttpResponse:
    event = _event(request, pk)
    registration = _own_registration(request, event)
    if registration is None or not request.user.has_perm("events.cancel_registration", registration):
        messages.info(request, "You have no place to cancel at this event.")
        return redirect(event)
    was_waiting = registration.is_waiting
    registration_cancel(registration=registration)
    cancelled = "Your place is cancelled. Thank you for letting us know."
    messages.success(request, "You have left the waiting list." if was_waiting else cancelled)
    return redirect(event)


@require_GET
def event_calendar(request: HttpRequest, pk: int) -> HttpResponse:
    """One event as an iCalendar file."""
    event = _event(request, pk)
    entry = CalendarEvent(
        uid=f"event-{event.pk}",
        starts_at=event.starts_at,
        ends_at=event.ends_at,
        summary=event.title,
        description=event.description,
        location=event.venue,
        url=absolute_url(event.get_absolute_url()),
    )
    return calendar_response(f"event-{event.pk}.ics", f"{event.title}: {settings.SITE_NAME}", [entry])


def _organised(request: HttpRequest, pk: int) -> Event:
    """An event the person organises; any other answers as a missing one."""
    event = _event(request, pk)
    require_visible(request.user, "events.organise_event", event, "There is no event here.")
    return event


@login_required
@require_GET
def event_people(request: HttpRequest, pk: int) -> HttpResponse:
    """Who is coming, their access needs, and the waiting list: for the organisers alone."""
    event = _organised(request, pk)
    registrations = event.registrations.active().select_related("user").order_by("created_at", "pk")
    return render(
        request,
        "events/event_people.html",
        {
            "event": event,
            "confirmed": [r for r in registrations if r.has_place],
            "waiting": [r for r in registrations if r.is_waiting],
            "can_manage": not event.has_started,
        },
    )


@_resident_write("events.manage")
def people_cancel(request: HttpRequest, pk: int, registration: int) -> HttpResponse:
    """An organiser cancels someone's place, or their place on the waiting list (they said they cannot come):
    the person is emailed, and a freed place goes to the next person waiting."""
    event = _organised(request, pk)
    registration = get_object_or_404(event.registrations.select_related("user"), pk=registration)
    name = registration.user.display_name or registration.user.email
    if not request.user.has_perm("events.manage_registration", registration):
        messages.info(request, f"{name} has no place to cancel: nothing was changed.")
        return redirect("events:people", pk=event.pk)
    promoted = registration_cancel(registration=registration, by=request.user)
    done = f"{name} is no longer signed up, and we have emailed them."
    if promoted:
        done += " " + ", ".join(r.user.display_name or r.user.email for r in promoted) + " now "
        done += "has the place from the waiting list." if len(promoted) == 1 else "have places from the waiting list."
    messages.success(request, done)
    return redirect("events:people", pk=event.pk)
