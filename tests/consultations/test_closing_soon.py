"""The daily reminder to followers of consultations that close within a week."""

import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone

from consultations.models import Response
from consultations.tasks import send_closing_soon_reminders
from notifications.services import subscription_follow
from tests.consultations.factories import ConsultationFactory

pytestmark = pytest.mark.django_db


def test_followers_who_have_not_responded_are_reminded_once(
    resident, other_resident, django_capture_on_commit_callbacks
):
    resident.email_frequency = other_resident.email_frequency = "instant"
    resident.save()
    other_resident.save()
    closing = ConsultationFactory(title="Closing soon one", closes_at=timezone.now() + dt.timedelta(days=3))
    ConsultationFactory(title="Closing later", closes_at=timezone.now() + dt.timedelta(days=30))
    subscription_follow(user=resident, target=closing)
    subscription_follow(user=other_resident, target=closing)
    Response.objects.create(consultation=closing, respondent=other_resident)
    with django_capture_on_commit_callbacks(execute=True):
        assert send_closing_soon_reminders() == 1
        send_closing_soon_reminders()
    assert [m.to for m in mail.outbox] == [[resident.email]]
    assert "Closing soon: Closing soon one" in mail.outbox[0].subject
