"""What an event can be part of: the whole interface between an owning app and events.

The owning app registers its model once, from its hooks.py, with the kind of event it holds:

    from events.registry import EventHost, register_event_host

    register_event_host(EventHost(
        kind="surgery",                                   # an Event.Kind
        model=Surgery,
        public=lambda: Surgery.objects.all(),             # the hosts everyone may see (a queryset)
        council=lambda surgery: surgery.councillor.council,  # whose staff organise its events
        organised_by=lambda user, surgery: ...,           # others who organise them (optional)
        choosable=lambda: Surgery.objects.upcoming().select_related("councillor"),  # offered to staff (optional)
        label=lambda surgery: ...,                         # how staff recognise one (optional: str)
    ))

then lists the host's events on its page with `{% load events %}{% events_of host %}` (or a list of hosts).
Sign-up, the waiting list, access needs, reminders and calendars all live here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from django.db import models

from localism.registry import Registry, installed_model


@dataclass(frozen=True)
class EventHost:
    kind: str
    model: type[models.Model] | str
    public: Callable[[], models.QuerySet]
    council: Callable[[models.Model], models.Model]
    organised_by: Callable[[object, models.Model], bool] = staticmethod(lambda user, host: False)
    # What the admin offers staff to attach an event to (every host when not given), and how each reads there.
    choosable: Callable[[], models.QuerySet] | None = None
    label: Callable[[models.Model], str] = str

    def choices(self, user) -> models.QuerySet:
        """The hosts this member of staff may attach an event to: those of their council (every one for the
        county's team), by `accounts.permissions.for_council_staff` and the model's `council_path`."""
        from accounts.permissions import for_council_staff

        hosts = self.choosable() if self.choosable is not None else self.model._default_manager.all()
        return for_council_staff(hosts, user)


HOSTS: Registry[EventHost] = Registry("event hosts")


def register_event_host(host: EventHost) -> None:
    from events.models import Event

    if host.kind not in Event.Kind.values:
        raise ValueError(f"register_event_host: {host.kind!r} is not a kind of event ({', '.join(Event.Kind.values)})")
    model = installed_model(host.model, registration=f"register_event_host({host.kind!r})")
    HOSTS.add(host.kind, replace(host, model=model))


def host_for(event) -> EventHost:
    return HOSTS[event.kind]
