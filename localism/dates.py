"""Times as GOV.UK writes them: '9am', '11:56am', 'midday', 'midnight' (never 'a.m.', which ends a sentence
with two full stops), and with a date: '14 March 2026, 11:56am'."""

from __future__ import annotations

import datetime

from django.utils import timezone


def _local(value: datetime.datetime) -> datetime.datetime:
    return timezone.localtime(value) if timezone.is_aware(value) else value


def clock(value: datetime.time | datetime.datetime | None) -> str:
    """'9am', '6:30pm', 'midday', 'midnight'; '' for no time. A datetime is read in Europe/London."""
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        value = _local(value).time()
    if value.minute == 0 and value.hour in (0, 12):
        return "midnight" if value.hour == 0 else "midday"
    hour = value.hour % 12 or 12
    suffix = "am" if value.hour < 12 else "pm"
    return f"{hour}{suffix}" if value.minute == 0 else f"{hour}:{value.minute:02d}{suffix}"


def date_and_time(value: datetime.datetime | None, *, weekday: bool = False, joiner: str = ", ") -> str:
    """'14 March 2026, 11:56am' (with the weekday: 'Saturday 14 March 2026, 11:56am'; with joiner=" at ":
    '14 March 2026 at 11:56am'); '' for none."""
    if value is None:
        return ""
    value = _local(value)
    day = f"{value:%A }" if weekday else ""
    return f"{day}{value.day} {value:%B %Y}{joiner}{clock(value)}"
