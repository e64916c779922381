import datetime

import pytest
from django.template import engines

from localism.dates import clock, date_and_time, iso_time, long_date, parse_clock


def test_times_read_as_gov_uk_writes_them():
    assert clock(datetime.time(9, 0)) == "9am"
    assert clock(datetime.time(11, 56)) == "11:56am"
    assert clock(datetime.time(18, 30)) == "6:30pm"
    assert clock(datetime.time(12, 0)) == "midday"
    assert clock(datetime.time(0, 0)) == "midnight"
    assert clock(datetime.time(0, 30)) == "12:30am"
    assert clock(None) == ""


def test_a_moment_reads_in_london_time_with_its_date():
    moment = datetime.datetime(2026, 7, 4, 10, 56, tzinfo=datetime.UTC)  # 11:56 in British Summer Time

    assert date_and_time(moment) == "4 July 2026, 11:56am"
    assert date_and_time(moment, weekday=True) == "Saturday 4 July 2026, 11:56am"
    assert date_and_time(moment, joiner=" at ") == "4 July 2026 at 11:56am"


@pytest.mark.parametrize(
    "value",
    [
        datetime.datetime(2026, 7, 4, 23, 30, tzinfo=datetime.UTC),  # already 5 July in British Summer Time
        datetime.datetime(2026, 12, 31, 23, 30, tzinfo=datetime.UTC),  # still 31 December in London
        datetime.date(2026, 3, 1),
        None,
    ],
)
def test_a_long_date_reads_as_the_date_filter_writes_it(value):
    written = (
        engines["django"]
        .from_string('{% load govuk %}{{ value|date:"j F Y" }} {{ value|long_date }}')
        .render({"value": value})
    )

    assert written == f"{long_date(value)} {long_date(value)}"


def test_a_long_date_is_the_day_in_london():
    assert long_date(datetime.datetime(2026, 7, 4, 23, 30, tzinfo=datetime.UTC)) == "5 July 2026"


def test_a_moment_just_before_midnight_reads_as_the_next_day_in_summer():
    moment = datetime.datetime(2026, 7, 4, 23, 30, tzinfo=datetime.UTC)

    assert date_and_time(moment, weekday=True) == "Sunday 5 July 2026, 12:30am"


@pytest.mark.parametrize(
    ("value", "iso"),
    [
        (datetime.datetime(2026, 7, 4, 23, 30, 5, 123456, tzinfo=datetime.UTC), "2026-07-05T00:30:05.123456+01:00"),
        (datetime.datetime(2026, 12, 31, 23, 30, tzinfo=datetime.UTC), "2026-12-31T23:30:00+00:00"),
        (None, ""),
    ],
)
def test_an_iso_time_reads_as_the_date_filter_writes_it(value, iso):
    template = engines["django"].from_string('{% load govuk %}{{ value|date:"c" }}|{{ value|iso_time }}')

    assert template.render({"value": value}) == f"{iso}|{iso}"
    assert iso_time(value) == iso


@pytest.mark.parametrize(
    ("typed", "time"),
    [
        ("9.30am", datetime.time(9, 30)),
        ("9:30", datetime.time(9, 30)),
        ("0930", datetime.time(9, 30)),
        ("930", datetime.time(9, 30)),
        ("12pm", datetime.time(12)),
        ("12am", datetime.time(0)),
        ("noon", datetime.time(12)),
        ("Midday", datetime.time(12)),
        ("12 noon", datetime.time(12)),
        ("midnight", datetime.time(0)),
        ("5pm", datetime.time(17)),
        ("17:00", datetime.time(17)),
        ("5.15 pm", datetime.time(17, 15)),
        ("5.15 p.m.", datetime.time(17, 15)),
        (" 9 AM ", datetime.time(9)),
        ("09:30:00", datetime.time(9, 30)),
    ],
)
def test_a_time_is_read_as_people_type_it(typed, time):
    assert parse_clock(typed) == time


@pytest.mark.parametrize("typed", ["", "5", "banana", "25:00", "9:60", "13pm", "0am", "9:3", "12345", "1730pm"])
def test_nonsense_and_a_bare_hour_are_not_times(typed):
    with pytest.raises(ValueError, match="Not a time"):
        parse_clock(typed)


def test_every_time_the_site_writes_reads_back_as_the_same_time():
    for minutes in range(0, 24 * 60, 5):
        time = datetime.time(minutes // 60, minutes % 60)
        assert parse_clock(clock(time)) == time


def test_the_admin_reads_the_time_of_a_date_and_time_as_people_type_it():
    from localism.dates import SplitDateTimeField

    moment = SplitDateTimeField().clean(["14/03/2026", "9.30am"])

    assert (moment.date(), moment.time()) == (datetime.date(2026, 3, 14), datetime.time(9, 30))
