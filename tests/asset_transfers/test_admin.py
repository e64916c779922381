"""Staff move an application on in the admin, one stage at a time; a step out of turn changes nothing."""

import pytest
from django.urls import reverse
from django.utils import timezone

from asset_transfers.models import Stage, TransferApplication
from transparency.models import Decision

pytestmark = pytest.mark.django_db


def _url(application) -> str:
    return reverse("admin:asset_transfers_transferapplication_actions", args=[application.pk])


def _decide(staff_client, application, reasons: str):
    """Staff approve the application in the admin today, with these reasons."""
    today = f"{timezone.localdate():%d/%m/%Y}"
    form = {"outcome": "approved", "decided_on": today, "decision_maker": "Cabinet", "reasons": reasons}
    return staff_client.post(_url(application), {"action": "decide", "apply": "1", **form})


def test_staff_accept_decide_and_complete_an_application(make_application, staff_client):
    application = make_application()
    staff_client.post(_url(application), {"action": "accept_interest", "apply": "1", "note": "Send a plan."})
    assert TransferApplication.objects.get().stage == Stage.BUSINESS_CASE

    TransferApplication.objects.filter(pk=application.pk).update(stage=Stage.ASSESSMENT)
    today = f"{timezone.localdate():%d/%m/%Y}"
    missing = _decide(staff_client, application, "")
    assert missing.status_code == 400 and 'value="Cabinet"' in missing.content.decode()
    assert not Decision.objects.exists()
    _decide(staff_client, application, "A sound plan.")
    assert TransferApplication.objects.get().outcome == "approved" and Decision.objects.count() == 1
    staff_client.post(
        _url(application),
        {"action": "complete", "apply": "1", "tenure": "lease", "lease_years": "25", "completed_on": today},
    )
    assert TransferApplication.objects.get().stage == Stage.TRANSFER


def test_a_decision_out_of_turn_is_refused_and_changes_nothing(make_application, staff_client):
    application = make_application()
    response = _decide(staff_client, application, "Yes.")
    assert response.status_code == 400 and "not at the stage" in response.content.decode()
    assert TransferApplication.objects.get().stage == Stage.INTEREST and not Decision.objects.exists()
