"""Atom feeds of consultations and decisions, and the iCalendar of closing dates and meetings."""

import datetime as dt

import icalendar
import pytest
from django.urls import reverse
from django.utils import timezone

from localism.ical import CalendarEvent, calendar_text
from tests.consultations.factories import ConsultationFactory

pytestmark = pytest.mark.django_db


def test_the_consultations_feed_lists_published_consultations_only(client):
    ConsultationFactory(title="Library opening hours")
    ConsultationFactory(title="A draft nobody sees", draft=True)
    response = client.get(reverse("consultations:feed"))
    xml = response.content.decode()
    assert response["Content-Type"].startswith("application/atom+xml")
    assert "<title>Library opening hours</title>" in xml and "A draft nobody sees" not in xml


def test_the_calendar_has_each_closing_date_with_escaped_text(client):
    ConsultationFactory(title="Buses, trains; and ferries", closes_at=timezone.now() + dt.timedelta(days=5))
    ConsultationFactory(
        title="Long closed",
        closes_at=timezone.now() - dt.timedelta(days=30),
        opens_at=timezone.now() - dt.timedelta(days=60),
    )
    response = client.get(reverse("consultations:calendar"))
    text = response.content.decode()
    assert response["Content-Type"].startswith("text/calendar")
    assert text.startswith("BEGIN:VCALENDAR\r\n") and text.endswith("END:VCALENDAR\r\n")
    assert "SUMMARY:Consultation closes: Buses\\, trains\\; and ferries" in text
    assert "Long closed" not in text
    # Read back as a calendar program would: the text comes back as it was written.
    events = icalendar.Calendar.from_ical(text).walk("VEVENT")
    assert [str(event["SUMMARY"]) for event in events] == ["Consultation closes: Buses, trains; and ferries"]
    assert events[0].decoded("DTSTART").tzinfo is not None


def test_calendar_lines_are_folded_at_75_octets():
    moment = timezone.now()
    text = calendar_text("Test", [CalendarEvent(uid="x", starts_at=moment, summary="é" * 100, description="a\nb")])
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))
    assert "DESCRIPTION:a\\nb" in text
    event = icalendar.Calendar.from_ical(text).walk("VEVENT")[0]
    assert str(event["SUMMARY"]) == "é" * 100 and str(event["DESCRIPTION"]) == "a\nb"


def test_the_decisions_feed_lists_published_decisions(client):
    from tests.transparency.factories import DecisionFactory

    DecisionFactory(
        title="Community transport grants",
        decision_maker="Cabinet",
        decision_date=dt.date(2026, 3, 7),
        summary="Grants for community buses.",
    )
    response = client.get(reverse("transparency:decisions_feed"))
    xml = response.content.decode()
    assert "<title>Community transport grants</title>" in xml
    # The date as every page writes it: "7 March 2026", not "07 March 2026".
    assert ">Cabinet, 7 March 2026. Grants for community buses.</summary>" in xml
