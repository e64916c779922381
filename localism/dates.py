"""Times as GOV.UK writes them: '9am', '11:56am', 'midday', 'midnight' (never 'a.m.', which ends a sentence
with two full stops), and with a date: '14 March 2026, 11:56am'. And dates and times as people type them, with
errors that say what is wrong: '31/02/2026 is not a real date', 'Enter a time like 9:30am or 17:30'. And deadlines
in working days, across English bank holidays."""

from __future__ import annotations

import datetime
import re

import holidays
from dateutil.easter import easter
from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

# England's bank holidays, from the maintained `holidays` package (years are filled in as they are asked for).
_ENGLAND = holidays.country_holidays("GB", subdiv="ENG")


def is_bank_holiday(day: datetime.date) -> bool:
    return day in _ENGLAND


def is_working_day(day: datetime.date) -> bool:
    """Monday to Friday, and not an English bank holiday."""
    return day.weekday() < 5 and not is_bank_holiday(day)


def add_working_days(start: datetime.date, days: int) -> datetime.date:
    """The date `days` working days after `start`: "within 3 working days" of a Friday before a bank
    holiday Monday is the Thursday. The day itself does not count."""
    day = start
    while days > 0:
        day += datetime.timedelta(days=1)
        if is_working_day(day):
            days -= 1
    return day


def midday(day: datetime.date) -> datetime.datetime:
    """Midday of `day` in Europe/London: the moment a feed gives an entry that has a date and no time."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(12, 0)))


def not_in_future(value: datetime.date, field: str, what: str = "The date") -> None:
    """Refuse a date people say something happened on that is after today (in Europe/London)."""
    if value > timezone.localdate():
        raise ValidationError({field: f"{what} cannot be in the future"})


# --- Clear days before a council meeting (Local Government Act 1972, schedule 12 and section 243) ----------

MEETING_NOTICE_CLEAR_DAYS = 3


def _in_christmas_break(day: datetime.date) -> bool:
    """From the last weekday before Christmas Day to the first weekday after it that is not a bank holiday."""
    for christmas in (datetime.date(day.year - 1, 12, 25), datetime.date(day.year, 12, 25)):
        start, end = christmas - datetime.timedelta(days=1), christmas + datetime.timedelta(days=1)
        while start.weekday() >= 5:
            start -= datetime.timedelta(days=1)
        while end.weekday() >= 5 or is_bank_holiday(end):
            end += datetime.timedelta(days=1)
        if start <= day <= end:
            return True
    return False


def _in_easter_break(day: datetime.date) -> bool:
    """From the Thursday before Easter Day to the Tuesday after it."""
    easter_day = easter(day.year)
    return easter_day - datetime.timedelta(days=3) <= day <= easter_day + datetime.timedelta(days=2)


def counts_as_clear_day(day: datetime.date) -> bool:
    """Section 243 of the 1972 Act: a Sunday, a day of the Christmas or Easter break, or a bank holiday does
    not count. (Days appointed for public thanksgiving or mourning are announced, not known in advance.)"""
    return not (day.weekday() == 6 or is_bank_holiday(day) or _in_christmas_break(day) or _in_easter_break(day))


def clear_days_between(notice: datetime.date, meeting: datetime.date) -> int:
    """The clear days between publishing a notice and the meeting: neither of those two days counts."""
    days, day = 0, notice + datetime.timedelta(days=1)
    while day < meeting:
        days += counts_as_clear_day(day)
        day += datetime.timedelta(days=1)
    return days


def earliest_meeting_day(notice: datetime.date, clear_days: int = MEETING_NOTICE_CLEAR_DAYS) -> datetime.date:
    """The first day a meeting can be held after a notice published on `notice`."""
    day = notice + datetime.timedelta(days=1)
    while clear_days_between(notice, day) < clear_days:
        day += datetime.timedelta(days=1)
    return day


def _local(value: datetime.datetime) -> datetime.datetime:
    return timezone.localtime(value) if timezone.is_aware(value) else value


def _clock_of(value: datetime.time | datetime.datetime) -> str:
    """clock() of a time, or of a datetime already read in Europe/London."""
    if value.minute == 0 and value.hour in (0, 12):
        return "midnight" if value.hour == 0 else "midday"
    hour = value.hour % 12 or 12
    suffix = "am" if value.hour < 12 else "pm"
    return f"{hour}{suffix}" if value.minute == 0 else f"{hour}:{value.minute:02d}{suffix}"


def _day_month_year(value: datetime.date) -> str:
    """long_date() of a date, or of a datetime already read in Europe/London."""
    return f"{value.day} {value:%B %Y}"


def clock(value: datetime.time | datetime.datetime | None) -> str:
    """'9am', '6:30pm', 'midday', 'midnight'; '' for no time. A datetime is read in Europe/London."""
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        value = _local(value).time()
    return _clock_of(value)


def long_date(value: datetime.date | datetime.datetime | None) -> str:
    """'14 March 2026' (a datetime read in Europe/London), as `|date:"j F Y"` writes it but without Django's
    localisation machinery on each call, which costs more than a list page's own rows; '' for none."""
    if not value:
        return ""
    if isinstance(value, datetime.datetime):
        value = _local(value)
    return _day_month_year(value)


def iso_time(value: datetime.datetime | None) -> str:
    """'2026-03-14T11:56:00.123456+00:00' (read in Europe/London), as `|date:"c"` writes it for a <time datetime>,
    but without Django's date formatting on each call (a page of comments has twenty); '' for none."""
    if value is None:
        return ""
    return _local(value).isoformat()


def date_and_time(value: datetime.datetime | None, *, weekday: bool = False, joiner: str = ", ") -> str:
    """'14 March 2026, 11:56am' (with the weekday: 'Saturday 14 March 2026, 11:56am'; with joiner=" at ":
    '14 March 2026 at 11:56am'); '' for none. Read in Europe/London once, for the date and the time."""
    if value is None:
        return ""
    value = _local(value)
    day = f"{value:%A }" if weekday else ""
    return f"{day}{_day_month_year(value)}{joiner}{_clock_of(value)}"


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
    default_error_messages = {"explained": "%(problem)s"}  # a form may name the field: "Start date: %(...)s"

    def to_python(self, value):
        try:
            return super().to_python(value)
        except ValidationError as error:
            if error.code != "invalid" or not isinstance(value, str):
                raise
            problem = date_error(value)
            raise ValidationError(
                self.error_messages["explained"],
                code="invalid",
                params={"problem": problem, "lowercase_problem": problem[0].lower() + problem[1:]},
            ) from None


# --- The GOV.UK date input: day, month and year as three boxes ---------------------------

DATE_PARTS = (("day", "Day", 2), ("month", "Month", 2), ("year", "Year", 4))  # name, label, box width


def _parts_of_text(text: str) -> list[str]:
    """A whole date typed into one box (an older link: ?date_from=01/04/2026 or 2026-04-01) as day, month, year."""
    text = text.strip()
    for date_format in DATE_FORMATS:
        try:
            date = datetime.datetime.strptime(text, date_format).date()
        except ValueError:
            continue
        return [str(date.day), str(date.month), str(date.year)]
    match = _YEAR_MONTH_DAY.match(text)
    if match:
        year, month, day = match.groups()
        return [day, month, year]
    match = _DAY_MONTH_YEAR.match(text)
    return list(match.groups()) if match else ["", "", ""]


class DatePartsWidget(forms.Widget):
    """The GOV.UK date input (https://design-system.service.gov.uk/components/date-input/): three boxes named
    <name>_day, <name>_month and <name>_year. A whole date under the field's own name, as older shared links
    carry it (?date_from=2026-01-01 or ?date_from=01/01/2026), is still read when the three boxes are absent."""

    use_fieldset = True

    def value_from_datadict(self, data, files, name):
        parts = [data.get(f"{name}_{part}") for part, _, _ in DATE_PARTS]
        if all(part is None for part in parts) and name in data:
            return data.get(name)  # a whole date, from an older link
        return [part or "" for part in parts]

    def value_omitted_from_data(self, data, files, name):
        return name not in data and not any(f"{name}_{part}" in data for part, _, _ in DATE_PARTS)

    def id_for_label(self, id_):
        return f"{id_}_day" if id_ else id_

    @staticmethod
    def typed(value) -> list[str]:
        """What to show in the three boxes: the date, or what was typed (kept when it was wrong)."""
        if isinstance(value, datetime.date):
            return [str(value.day), str(value.month), str(value.year)]
        if isinstance(value, list | tuple):
            return [str(part or "") for part in value][:3] + [""] * (3 - len(value))
        if isinstance(value, str):
            return _parts_of_text(value)
        return ["", "", ""]

    @staticmethod
    def parts_in_error(value) -> list[str]:
        """The boxes to mark when the date is wrong: the empty ones when only some were filled in, else all."""
        typed = DatePartsWidget.typed(value)
        missing = [name for (name, _, _), text in zip(DATE_PARTS, typed, strict=True) if not text.strip()]
        return missing if missing and len(missing) < 3 else [name for name, _, _ in DATE_PARTS]

    def parts(self, name: str, id_: str, value, errors: bool = False) -> list[dict]:
        """Each box's name, id, label, width, value, and whether it is marked as wrong."""
        typed = self.typed(value)
        wrong = self.parts_in_error(value) if errors else []
        return [
            {
                "name": f"{name}_{part}",
                "id": f"{id_}_{part}",
                "label": label,
                "width": width,
                "value": text,
                "error": part in wrong,
            }
            for (part, label, width), text in zip(DATE_PARTS, typed, strict=True)
        ]

    def render(self, name, value, attrs=None, renderer=None):
        from localism import jinja

        id_ = (attrs or {}).get("id") or self.attrs.get("id") or f"id_{name}"
        return jinja.render("components/_date_parts.html", id=id_, parts=self.parts(name, id_, value))


class DatePartsField(forms.Field):
    """A date entered as day, month and year (DatePartsWidget). When it is wrong, the message names the field
    and says what is wrong: "Paid on or after must include a month", "Paid on or after: 31/02/2026 is not a
    real date"."""

    widget = DatePartsWidget
    default_error_messages = {
        "incomplete": "%(name)s must include %(missing)s",
        "explained": "%(name)s: %(lowercase_problem)s",
        "not_numbers": "%(name)s: enter the day, month and year as numbers, like 27 3 2026",
    }

    def _error(self, code: str, **params) -> ValidationError:
        return ValidationError(
            self.error_messages[code], code="invalid", params={"name": str(self.label or "The date"), **params}
        )

    def _explained(self, problem: str) -> ValidationError:
        return self._error("explained", problem=problem, lowercase_problem=problem[0].lower() + problem[1:])

    def to_python(self, value):
        if isinstance(value, datetime.date):
            return value
        if isinstance(value, str):  # a whole date, from an older link
            return self._from_text(value)
        day, month, year = (str(part or "").strip() for part in DatePartsWidget.typed(value))
        if not (day or month or year):
            return None
        missing = [
            label.lower() for (_, label, _), text in zip(DATE_PARTS, (day, month, year), strict=True) if not text
        ]
        if missing:
            raise self._error("incomplete", missing="a " + " and a ".join(missing))
        if not (day.isdigit() and month.isdigit() and year.isdigit()) or max(len(day), len(month)) > 2:
            raise self._error("not_numbers")
        if len(year) != 4:
            raise self._explained("Enter a year with 4 digits")
        try:
            return datetime.date(int(year), int(month), int(day))
        except ValueError:
            raise self._explained(f"{int(day):02d}/{int(month):02d}/{year} is not a real date") from None

    def _from_text(self, text: str):
        text = text.strip()
        if not text:
            return None
        for date_format in DATE_FORMATS:
            try:
                return datetime.datetime.strptime(text, date_format).date()
            except ValueError:
                continue
        raise self._explained(date_error(text))


# --- Times as people type them -------------------------------------------------------------

CLOCK_EXAMPLE = "Enter a time like 9:30am or 17:30"

_NAMED_TIMES = {"noon": datetime.time(12), "midday": datetime.time(12), "midnight": datetime.time(0)}
# "9", "9.30", "9:30", "09:30:00", "0930", "930", each with an optional "am" or "pm".
_CLOCK = re.compile(r"^(?:(\d{1,2})(?:[:.](\d{2})(?::(\d{2}))?)?|(\d{1,2})(\d{2}))(am|pm)?$")


def parse_clock(text: str) -> datetime.time:
    """A time as people type it: '9.30am', '9:30', '0930', '12pm', 'noon', '5.15 pm', '17:00'.

    Raises ValueError for anything else, including a bare hour with no am or pm ('5' could be
    morning or evening). The one parser of times the site has: forms, the admin and the API use it.
    """
    value = re.sub(r"\s+", "", (text or "").strip().lower())
    value = value.replace("a.m.", "am").replace("p.m.", "pm").rstrip(".")
    value = re.sub(r"^12(noon|midday|midnight)$", r"\1", value)
    if value in _NAMED_TIMES:
        return _NAMED_TIMES[value]
    match = _CLOCK.match(value)
    if match is None:
        raise ValueError(f"Not a time: {text!r}")
    hour_text, minute_text, second_text, packed_hour, packed_minute, half = match.groups()
    hour = int(hour_text or packed_hour)
    minute = int(minute_text or packed_minute or 0)
    second = int(second_text or 0)
    if half is None and minute_text is None and packed_minute is None:
        raise ValueError(f"Not a time: {text!r} (morning or evening?)")
    if half is not None:
        if not 1 <= hour <= 12:
            raise ValueError(f"Not a time: {text!r}")
        hour = hour % 12 + (12 if half == "pm" else 0)
    if hour > 23 or minute > 59 or second > 59:
        raise ValueError(f"Not a time: {text!r}")
    return datetime.time(hour, minute, second)


class ClockInput(forms.TextInput):
    """A time shown as people write it ('9:30am', 'midday'), so that a form reads back what it stores."""

    def format_value(self, value):
        if isinstance(value, datetime.time):
            return clock(value)
        return super().format_value(value)


class ClockField(forms.TimeField):
    """A time typed as people type it: '9.30am', '0930', '12pm', 'noon', '17:00' (parse_clock)."""

    widget = ClockInput
    default_error_messages = {"invalid": CLOCK_EXAMPLE}

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, datetime.time):
            return value
        try:
            return parse_clock(str(value))
        except ValueError:
            raise ValidationError(self.error_messages["invalid"], code="invalid") from None


class SplitDateTimeField(forms.SplitDateTimeField):
    """The admin's date and time pair: the date part explains itself like DateField, the time part reads
    times as ClockField does."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields = (DateField(required=False), ClockField(required=False))
