"""iCalendar (RFC 5545) feeds, written by hand: a few events, escaped and folded as the standard says."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

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


def _text(value: str) -> str:
    return (
        value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\r\n", "\\n").replace("\n", "\\n")
    )


def _utc(moment: datetime.datetime) -> str:
    return moment.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")


def _fold(line: str) -> list[str]:
    """Lines longer than 75 octets continue on the next line after a space (RFC 5545 3.1)."""
    parts, current = [], ""
    for char in line:
        if len((current + char).encode()) > 75:
            parts.append(current)
            current = " " + char
        else:
            current += char
    parts.append(current)
    return parts


def calendar_text(name: str, events: Iterable[CalendarEvent]) -> str:
    host = settings.SITE_URL.split("://", 1)[-1].split("/", 1)[0]
    stamp = _utc(timezone.now())
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:-//{_text(settings.SITE_NAME)}//EN",
        f"X-WR-CALNAME:{_text(name)}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
    ]
    for event in events:
        lines += ["BEGIN:VEVENT", f"UID:{event.uid}@{host}", f"DTSTAMP:{stamp}", f"DTSTART:{_utc(event.starts_at)}"]
        if event.ends_at:
            lines.append(f"DTEND:{_utc(event.ends_at)}")
        lines.append(f"SUMMARY:{_text(event.summary)}")
        if event.description:
            lines.append(f"DESCRIPTION:{_text(event.description)}")
        if event.location:
            lines.append(f"LOCATION:{_text(event.location)}")
        if event.url:
            lines.append(f"URL:{event.url}")
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    return "\r\n".join(folded for line in lines for folded in _fold(line)) + "\r\n"


def calendar_response(filename: str, name: str, events: Iterable[CalendarEvent]) -> HttpResponse:
    response = HttpResponse(calendar_text(name, events), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response
