"""Staff accept or decline a proposed project from its own admin page (decline asks for the reason)."""

import pytest
from django.core import mail
from django.urls import reverse

from budgeting.models import Project
from localism.models import AuditEntry
from tests.budgeting.factories import ProjectFactory

pytestmark = pytest.mark.django_db

ADMIN = reverse("admin:budgeting_project_changelist")


@pytest.fixture
def proposal(db):
    return ProjectFactory(title="Benches on the prom", status=Project.Status.SUBMITTED)


def test_a_proposal_has_accept_and_decline_buttons_on_its_page(staff_client, proposal):
    page = staff_client.get(f"{ADMIN}{proposal.pk}/change/").content.decode()

    assert f'action="{ADMIN}{proposal.pk}/actions/"' in page
    assert 'value="accept"' in page and 'value="decline"' in page


def test_accepting_from_the_page_tells_the_proposer(
    staff_client, proposal, moderator, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        staff_client.post(f"{ADMIN}{proposal.pk}/actions/", {"action": "accept"})

    proposal.refresh_from_db()
    assert proposal.status == Project.Status.ACCEPTED and proposal.checked_by == moderator
    assert AuditEntry.objects.filter(action="budgeting.project.accepted").exists()
    assert mail.outbox[0].to == [proposal.proposer.email]


def test_declining_from_the_page_keeps_the_form_until_a_reason_is_given(staff_client, proposal):
    url = f"{ADMIN}{proposal.pk}/actions/"

    refused = staff_client.post(url, {"action": "decline", "apply": "1", "reason": " "})
    staff_client.post(url, {"action": "decline", "apply": "1", "reason": "It is outside the round's area."})

    assert refused.status_code == 400
    assert "Give a reason" in refused.content.decode()
    proposal.refresh_from_db()
    assert proposal.status == Project.Status.DECLINED
    assert proposal.decline_reason == "It is outside the round's area."
