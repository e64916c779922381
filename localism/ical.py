"""iCalendar (RFC 5545) feeds, written by the maintained `icalendar` package (escaping, folding, UTC times)."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

import icalendar
from django.conf import settings
from django.http import HttpResponse
from django.utils import timezone


@dataclass
class CalendarEvent:
    uid: str
    starts_at: datetime.datetime
    summary: str
    description: str = ""
    url: str = ""
    location: str = ""
    ends_at: datetime.datetime | None = None


# A meeting's event lasts this long when its end is not recorded.
MEETING_HOURS = 2


def meeting_event(uid: str, meeting, summary: str, description: str = "") -> CalendarEvent:
    """A meeting (a model with starts_at, location and a page) as an event."""
    from localism.links import absolute_url

    return CalendarEvent(
        uid=uid,
        starts_at=meeting.starts_at,
        ends_at=meeting.starts_at + datetime.timedelta(hours=MEETING_HOURS),
        summary=summary,
        description=description,
        location=meeting.location,
        url=absolute_url(meeting.get_absolute_url()),
    )


def _utc(moment: datetime.datetime) -> datetime.datetime:
    return moment.astimezone(datetime.UTC)


def calendar_text(name: str, events: Iterable[CalendarEvent]) -> str:
    host = settings.SITE_URL.split("://", 1)[-1].split("/", 1)[0]
    stamp = _utc(timezone.now())
    calendar = icalendar.Calendar()
    calendar.add("prodid", f"-//{settings.SITE_NAME}//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    for item in events:
        event = icalendar.Event()
        event.add("uid", f"{item.uid}@{host}")
        event.add("dtstamp", stamp)
        event.add("dtstart", _utc(item.starts_at))
        if item.ends_at:
            event.add("dtend", _utc(item.ends_at))
        event.add("summary", item.summary)
        if item.description:
            event.add("description", item.description)
        if item.location:
            event.add("location", item.location)
        if item.url:
            event.add("url", item.url)
        calendar.add_component(event)
    return calendar.to_ical().decode()


def calendar_response(filename: str, name: str, events: Iterable[CalendarEvent]) -> HttpResponse:
    response = HttpResponse(calendar_text(name, events), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response
