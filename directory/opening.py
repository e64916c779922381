"""Opening times in plain words: when is a listing next open?"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from dateutil.rrule import FR, MO, MONTHLY, SA, SU, TH, TU, WE, WEEKLY, rrule

from directory.models import DAY_CODES, DAY_NAMES, Schedule
from localism.dates import clock, is_bank_holiday, long_date

RRULE_DAYS = (MO, TU, WE, TH, FR, SA, SU)  # in DAY_CODES order
ORDINALS = {1: "first", 2: "second", 3: "third", 4: "fourth", -1: "last"}


def parse_byday(byday: str) -> tuple[int | None, int]:
    """'TU' -> (None, 1); '1TU' -> (1, 1); '-1FR' -> (-1, 4). Raises ValueError for anything else."""
    code = byday[-2:]
    if code not in DAY_CODES:
        raise ValueError(f"Unknown day {byday!r}")
    prefix = byday[:-2]
    ordinal = int(prefix) if prefix else None
    if ordinal is not None and ordinal not in ORDINALS:
        raise ValueError(f"Unknown position {byday!r}")
    return ordinal, DAY_CODES.index(code)


def schedule_rule(schedule: Schedule, start: datetime.date) -> rrule | None:
    """The schedule's days from `start` as an RFC 5545 recurrence (dateutil's rrule); None if it has no day."""
    try:
        ordinal, weekday = parse_byday(schedule.byday)
    except ValueError:
        return None
    monthly = schedule.freq == Schedule.Freq.MONTHLY and ordinal is not None
    first = max(start, schedule.valid_from) if schedule.valid_from else start
    return rrule(
        MONTHLY if monthly else WEEKLY,
        dtstart=datetime.datetime.combine(first, datetime.time()),
        until=datetime.datetime.combine(schedule.valid_to, datetime.time()) if schedule.valid_to else None,
        byweekday=RRULE_DAYS[weekday](ordinal) if monthly else RRULE_DAYS[weekday],
    )


def occurrences(schedule: Schedule, start: datetime.date, end: datetime.date) -> list[datetime.date]:
    """The days from start to end (both included) on which this regular schedule applies."""
    rule = schedule_rule(schedule, start)
    if rule is None:
        return []
    first, last = (datetime.datetime.combine(day, datetime.time()) for day in (start, end))
    return [moment.date() for moment in rule.between(first, last, inc=True)]


def is_closed_on(closures: Iterable[Schedule], day: datetime.date) -> bool:
    for closure in closures:
        if closure.closed_on_bank_holidays and is_bank_holiday(day):
            return True
        if closure.valid_from and closure.valid_from <= day <= (closure.valid_to or closure.valid_from):
            return True
    return False


def next_open(schedules: Iterable[Schedule], now: datetime.datetime, horizon_days: int = 62) -> dict | None:
    """The next opening period from now: {"date", "opens_at", "closes_at", "is_now"}; None if none is known."""
    schedules = list(schedules)
    regular = [s for s in schedules if s.kind == Schedule.Kind.OPEN and s.opens_at and s.byday]
    closures = [s for s in schedules if s.kind == Schedule.Kind.CLOSED]
    today = now.date()
    last = today + datetime.timedelta(days=horizon_days - 1)
    periods = sorted(
        ((day, period) for period in regular for day in occurrences(period, today, last)),
        key=lambda found: (found[0], found[1].opens_at),
    )
    for day, period in periods:
        if is_closed_on(closures, day):
            continue
        if day == today and period.closes_at and period.closes_at <= now.time():
            continue
        is_now = day == today and period.opens_at <= now.time()
        return {"date": day, "opens_at": period.opens_at, "closes_at": period.closes_at, "is_now": is_now}
    return None


def next_open_text(schedules: Iterable[Schedule], now: datetime.datetime) -> str:
    """'Open now until 4pm', 'Next open tomorrow, 10am to 12:30pm', 'Next open Tuesday 3 March, 7pm to 9pm'."""
    found = next_open(schedules, now)
    if found is None:
        return "Contact them for opening times."
    span = f"{clock(found['opens_at'])} to {clock(found['closes_at'])}" if found["closes_at"] else ""
    if found["is_now"]:
        return f"Open now until {clock(found['closes_at'])}" if found["closes_at"] else "Open now"
    day = found["date"]
    if day == now.date():
        when = "today"
    elif day == now.date() + datetime.timedelta(days=1):
        when = "tomorrow"
    else:
        when = f"{DAY_NAMES[day.weekday()]} {day.day} {day:%B}"
    return f"Next open {when}, {span}" if span else f"Next open {when}"


def open_days_text(days: Iterable[int]) -> str:
    """'Open Monday, Wednesday and Friday', 'Open Monday to Friday and Sunday', 'Open every day'; '' for no days.

    Days are numbers from 0 (Monday) to 6 (Sunday), as Listing.open_days keeps them; three or more days in a
    row read as a range.
    """
    days = sorted(set(days))
    if not days:
        return ""
    if len(days) == 7:
        return "Open every day"
    runs: list[list[int]] = []
    for day in days:
        if runs and day == runs[-1][-1] + 1:
            runs[-1].append(day)
        else:
            runs.append([day])
    parts: list[str] = []
    for run in runs:
        if len(run) >= 3:
            parts.append(f"{DAY_NAMES[run[0]]} to {DAY_NAMES[run[-1]]}")
        else:
            parts.extend(DAY_NAMES[day] for day in run)
    listed = parts[0] if len(parts) == 1 else f"{', '.join(parts[:-1])} and {parts[-1]}"
    return f"Open {listed}"


def describe_schedule(schedule: Schedule) -> str:
    """'Every Monday, 10am to 12pm'; 'First Tuesday of the month, 7pm to 9pm'; 'Closed on bank holidays'."""
    if schedule.kind == Schedule.Kind.CLOSED:
        if schedule.closed_on_bank_holidays:
            return "Closed on bank holidays"
        if schedule.valid_from:
            end = schedule.valid_to or schedule.valid_from
            text = f"Closed from {long_date(schedule.valid_from)} to {long_date(end)}"
            return f"{text}: {schedule.description}" if schedule.description else text
        return schedule.description or "Closed"
    try:
        ordinal, weekday = parse_byday(schedule.byday)
    except ValueError:
        return schedule.description
    if schedule.freq == Schedule.Freq.MONTHLY and ordinal is not None:
        when = f"{ORDINALS[ordinal].capitalize()} {DAY_NAMES[weekday]} of the month"
    else:
        when = f"Every {DAY_NAMES[weekday]}"
    if schedule.opens_at and schedule.closes_at:
        when += f", {clock(schedule.opens_at)} to {clock(schedule.closes_at)}"
    return when
