"""Deadlines in working days across English bank holidays; staff see what is overdue."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from localism.dates import add_working_days
from petitions.models import Petition
from tests.petitions.factories import PetitionFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("start", "days", "due"),
    [
        (datetime.date(2026, 3, 2), 3, datetime.date(2026, 3, 5)),  # Monday: Thursday
        (datetime.date(2026, 3, 6), 3, datetime.date(2026, 3, 11)),  # Friday: over the weekend
        (datetime.date(2026, 4, 2), 3, datetime.date(2026, 4, 9)),  # Maundy Thursday: Good Friday, Easter Monday
        (datetime.date(2026, 12, 23), 3, datetime.date(2026, 12, 30)),  # Christmas Day, Boxing Day's substitute
        (datetime.date(2026, 12, 23), 10, datetime.date(2027, 1, 11)),  # and New Year's Day
    ],
)
def test_working_days_skip_weekends_and_english_bank_holidays(start, days, due):
    assert add_working_days(start, days) == due


def test_staff_see_petitions_whose_acknowledgement_or_response_is_overdue(staff_client, scheme):
    today = timezone.localdate()
    late = PetitionFactory(
        title="Late acknowledgement",
        received_on=today - datetime.timedelta(days=20),
        acknowledge_by=today - datetime.timedelta(days=15),
        respond_by=today + datetime.timedelta(days=1),
    )
    PetitionFactory(
        title="Acknowledged in time",
        received_on=today - datetime.timedelta(days=20),
        acknowledge_by=today - datetime.timedelta(days=15),
        acknowledged_at=timezone.now(),
        respond_by=today - datetime.timedelta(days=1),
    )
    PetitionFactory(title="Not yet due", received_on=today, acknowledge_by=today + datetime.timedelta(days=3))

    acknowledgements = staff_client.get(
        reverse("admin:petitions_petition_changelist") + "?overdue=acknowledgement"
    ).content.decode()
    responses = staff_client.get(reverse("admin:petitions_petition_changelist") + "?overdue=response").content.decode()

    assert "Late acknowledgement" in acknowledgements
    assert "Acknowledged in time" not in acknowledgements and "Not yet due" not in acknowledgements
    assert "Acknowledged in time" in responses and "Late acknowledgement" not in responses
    assert Petition.objects.acknowledgement_overdue().get() == late


def test_staff_see_open_petitions_to_the_same_council_on_the_same_words_as_possible_duplicates(staff_client, scheme):
    petition = PetitionFactory(
        title="Save the lifeboat museum", action="Fund it for ten years.", status=Petition.Status.CHECKING
    )
    PetitionFactory(title="Keep the museum free", action="No charge at the door.")
    PetitionFactory(title="Mend the pier railings", action="Paint them too.")
    PetitionFactory(title="Lifeboat museum hours", action="Open later.", status=Petition.Status.CLOSED)

    page = staff_client.get(reverse("admin:petitions_petition_change", args=[petition.pk])).content.decode()

    assert "Keep the museum free (open for signatures)" in page
    assert "Mend the pier railings" not in page and "Lifeboat museum hours" not in page
