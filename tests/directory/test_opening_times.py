import datetime
from zoneinfo import ZoneInfo

import pytest

from directory.models import Schedule
from directory.opening import describe_schedule, next_open_text, open_days_text

LONDON = ZoneInfo("Europe/London")


def at(year, month, day, hour=9, minute=0):
    return datetime.datetime(year, month, day, hour, minute, tzinfo=LONDON)


def weekly(byday, opens=(10, 0), closes=(12, 0)):
    return Schedule(
        kind="open", freq="WEEKLY", byday=byday, opens_at=datetime.time(*opens), closes_at=datetime.time(*closes)
    )


def test_open_now_says_until_when():
    # Monday 2 March 2026, 10:30
    assert next_open_text([weekly("MO")], at(2026, 3, 2, 10, 30)) == "Open now until midday"


def test_later_today_and_several_periods_a_day():
    schedules = [weekly("MO", (10, 0), (12, 0)), weekly("MO", (18, 30), (20, 0))]

    assert next_open_text(schedules, at(2026, 3, 2, 13, 0)) == "Next open today, 6:30pm to 8pm"


def test_tomorrow_and_a_named_day():
    assert next_open_text([weekly("TU")], at(2026, 3, 2, 13, 0)) == "Next open tomorrow, 10am to midday"
    assert next_open_text([weekly("FR")], at(2026, 3, 2, 13, 0)) == "Next open Friday 6 March, 10am to midday"


def test_first_tuesday_of_the_month():
    first_tuesday = Schedule(
        kind="open", freq="MONTHLY", byday="1TU", opens_at=datetime.time(14), closes_at=datetime.time(16)
    )

    assert next_open_text([first_tuesday], at(2026, 3, 4)) == "Next open Tuesday 7 April, 2pm to 4pm"
    assert describe_schedule(first_tuesday) == "First Tuesday of the month, 2pm to 4pm"


def test_last_friday_of_the_month():
    last_friday = Schedule(
        kind="open", freq="MONTHLY", byday="-1FR", opens_at=datetime.time(19), closes_at=datetime.time(21)
    )

    assert next_open_text([last_friday], at(2026, 3, 2)) == "Next open Friday 27 March, 7pm to 9pm"


def test_closed_on_bank_holidays_skips_to_the_next_week():
    # Monday 4 May 2026 is the early May bank holiday.
    schedules = [weekly("MO"), Schedule(kind="closed", closed_on_bank_holidays=True)]

    assert next_open_text(schedules, at(2026, 5, 1)) == "Next open Monday 11 May, 10am to midday"


def test_closed_between_dates():
    closure = Schedule(
        kind="closed",
        valid_from=datetime.date(2026, 12, 21),
        valid_to=datetime.date(2027, 1, 3),
        description="Christmas",
    )

    assert next_open_text([weekly("MO"), closure], at(2026, 12, 19)) == "Next open Monday 4 January, 10am to midday"
    assert describe_schedule(closure) == "Closed from 21 December 2026 to 3 January 2027: Christmas"


def test_no_times_known_says_to_contact_them():
    assert next_open_text([], at(2026, 3, 2)) == "Contact them for opening times."


def test_open_days_read_monday_to_sunday_with_runs_as_ranges():
    assert open_days_text([4, 0, 2]) == "Open Monday, Wednesday and Friday"
    assert open_days_text([0, 1, 2, 3, 4, 6]) == "Open Monday to Friday and Sunday"
    assert open_days_text([5, 6]) == "Open Saturday and Sunday"
    assert open_days_text([3]) == "Open Thursday"
    assert open_days_text(range(7)) == "Open every day"
    assert open_days_text([]) == ""


@pytest.mark.parametrize(
    ("day", "holiday"),
    [
        (datetime.date(2026, 12, 28), True),  # Boxing Day falls on a Saturday: the Monday after
        (datetime.date(2030, 5, 27), True),  # the spring bank holiday, years beyond any hand-kept list
        (datetime.date(2031, 8, 25), True),  # the summer bank holiday in England
        (datetime.date(2031, 8, 4), False),  # Scotland's summer holiday is not England's
        (datetime.date(2031, 3, 17), False),  # nor is Northern Ireland's St Patrick's Day
    ],
)
def test_bank_holidays_are_englands_in_any_year(day, holiday):
    from directory.opening import is_bank_holiday

    assert is_bank_holiday(day) is holiday


def test_a_monthly_schedule_follows_the_recurrence_rule_across_months():
    from directory.opening import occurrences

    last_friday = Schedule(kind=Schedule.Kind.OPEN, freq=Schedule.Freq.MONTHLY, byday="-1FR")
    days = occurrences(last_friday, datetime.date(2026, 11, 1), datetime.date(2027, 2, 28))
    assert days == [
        datetime.date(2026, 11, 27),
        datetime.date(2026, 12, 25),
        datetime.date(2027, 1, 29),
        datetime.date(2027, 2, 26),
    ]
    second_tuesday = Schedule(
        kind=Schedule.Kind.OPEN, freq=Schedule.Freq.MONTHLY, byday="2TU", valid_to=datetime.date(2027, 1, 31)
    )
    assert occurrences(second_tuesday, datetime.date(2026, 12, 1), datetime.date(2027, 3, 31)) == [
        datetime.date(2026, 12, 8),
        datetime.date(2027, 1, 12),
    ]
