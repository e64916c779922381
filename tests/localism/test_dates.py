import datetime

from localism.dates import clock, date_and_time


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
