"""Times as GOV.UK writes them: '9am', '11:56am', 'midday', 'midnight' (never 'a.m.', which ends a sentence
with two full stops), and with a date: '14 March 2026, 11:56am'. And dates as people type them, with errors
that say what is wrong: '31/02/2026 is not a real date'."""

from __future__ import annotations

import datetime
import re

from django import forms
from django.core.exceptions import ValidationError
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


# --- Dates as people type them -------------------------------------------------------------

DATE_FORMATS = ["%d/%m/%Y", "%d/%m/%y", "%Y-%m-%d", "%d-%m-%Y", "%d %m %Y"]
_DAY_MONTH_YEAR = re.compile(r"^(\d{1,2})\s*[/.\- ]\s*(\d{1,2})\s*[/.\- ]\s*(\d+)$")
_YEAR_MONTH_DAY = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")


def date_error(text: str) -> str:
    """What is wrong with a typed date that none of DATE_FORMATS reads, said plainly."""
    text = text.strip()
    match = _YEAR_MONTH_DAY.match(text)
    if match:
        year, month, day = match.groups()
    else:
        match = _DAY_MONTH_YEAR.match(text)
        if not match:
            return "Enter a date in the form dd/mm/yyyy, like 14/03/2026"
        day, month, year = match.groups()
    if len(year) != 4:
        return "Enter a year with 4 digits"
    try:
        datetime.date(int(year), int(month), int(day))
    except ValueError:
        return f"{text} is not a real date"
    return "Enter a date in the form dd/mm/yyyy, like 14/03/2026"


class DateField(forms.DateField):
    """A date typed as dd/mm/yyyy (or yyyy-mm-dd); when it is wrong, the error says what is wrong:
    "31/02/2026 is not a real date", "Enter a year with 4 digits"."""

    input_formats = DATE_FORMATS

    def to_python(self, value):
        try:
            return super().to_python(value)
        except ValidationError as error:
            if error.code != "invalid" or not isinstance(value, str):
                raise
            raise ValidationError(date_error(value), code="invalid") from None


class SplitDateTimeField(forms.SplitDateTimeField):
    """The admin's date and time pair, whose date part explains itself like DateField."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields = (DateField(required=False), *self.fields[1:])
