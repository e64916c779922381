"""Community Right to Challenge: expressions of interest within published windows, and published decisions."""

import datetime

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tests.clients import signed_in
from tests.factories import UserFactory
from tests.transparency.factories import EXPRESSION_FORM, ChallengeWindowFactory
from transparency.models import ExpressionOfInterest

pytestmark = pytest.mark.django_db


@pytest.fixture
def closed_window():
    today = timezone.localdate()
    return ChallengeWindowFactory(
        title="Museums 2025",
        services="Museums",
        opens_on=today - datetime.timedelta(days=90),
        closes_on=today - datetime.timedelta(days=1),
    )


def _url(window) -> str:
    return reverse("transparency:challenge_express_interest", kwargs={"pk": window.pk})


def test_a_body_expresses_interest_in_an_open_window(resident_client, resident, open_window):
    response = resident_client.post(_url(open_window), EXPRESSION_FORM)

    expression = ExpressionOfInterest.objects.get()
    assert response.status_code == 302
    assert expression.reference.startswith("RTC-")
    assert expression.submitted_by == resident
    assert resident_client.get(expression.get_absolute_url()).status_code == 200


def test_a_closed_window_takes_no_expressions(resident_client, closed_window):
    response = resident_client.post(_url(closed_window), EXPRESSION_FORM)

    assert response.status_code == 403
    assert "This window is closed" in response.content.decode()
    assert ExpressionOfInterest.objects.count() == 0


def test_unconfirmed_accounts_cannot_express_interest(client, open_window):
    client.force_login(UserFactory(verified=False))

    assert client.post(_url(open_window), EXPRESSION_FORM).status_code == 403
    assert ExpressionOfInterest.objects.count() == 0


def test_missing_answers_are_listed(resident_client, open_window):
    response = resident_client.post(_url(open_window), {**EXPRESSION_FORM, "capability": "", "body_kind": "club"})

    html = response.content.decode()
    assert response.status_code == 400
    assert "Describe your capability to run the service" in html
    assert "Choose the kind of body" in html


def test_an_expression_awaiting_a_decision_is_private(client, resident, other_resident, open_window):
    client.force_login(resident)
    client.post(_url(open_window), EXPRESSION_FORM)
    expression = ExpressionOfInterest.objects.get()

    client.force_login(other_resident)
    assert client.get(expression.get_absolute_url()).status_code == 404
    client.logout()
    assert client.get(expression.get_absolute_url()).status_code == 404


def test_staff_decide_with_reasons_the_decision_is_published_and_the_body_told(
    resident_client, resident, moderator, open_window, django_capture_on_commit_callbacks
):
    resident_client.post(_url(open_window), EXPRESSION_FORM)
    expression = ExpressionOfInterest.objects.get()
    staff = signed_in(moderator)
    url = reverse("admin:transparency_expressionofinterest_decide", kwargs={"pk": expression.pk})
    today = timezone.localdate().strftime("%d/%m/%Y")

    with django_capture_on_commit_callbacks(execute=True):
        refused = staff.post(url, {"status": "rejected", "decided_on": today, "reasons": ""})
        response = staff.post(
            url,
            {
                "status": "rejected",
                "decided_on": today,
                "reasons": "The service is already being procured (regulation 8, ground 1).",
            },
        )

    assert refused.status_code == 400
    assert response.status_code == 302
    expression.refresh_from_db()
    assert expression.status == ExpressionOfInterest.Status.REJECTED
    public = Client().get(reverse("transparency:challenge")).content.decode()
    assert "Holt branch library" in public and "Rejected" in public
    assert Client().get(expression.get_absolute_url()).status_code == 200
    assert [m.to for m in mail.outbox] == [[resident.email]]
    assert "already being procured" in mail.outbox[0].body
