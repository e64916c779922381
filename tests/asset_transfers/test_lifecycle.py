"""Stage rules of community asset transfer: one stage after another, each step on the timeline, audited,
emailed to the group, and the decision published to the decisions log."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from asset_transfers.models import Stage, TransferApplication
from asset_transfers.services import (
    application_accept_interest,
    application_complete,
    application_submit_business_case,
)
from localism.models import AuditEntry, Council
from tests.asset_transfers.factories import decide, pdf, submit_application
from tests.outbox import emails_of
from transparency.models import Decision

pytestmark = pytest.mark.django_db


def test_an_expression_of_interest_gets_a_reference_a_timeline_entry_an_audit_entry_and_tells_the_group(
    make_application, group_owner, group_editor
):
    application = make_application()
    assert application.reference == f"CAT-{timezone.localdate().year}-0001"
    assert application.stage == Stage.INTEREST
    assert list(application.timeline.values_list("title", flat=True)) == [
        "Expression of interest sent by Aylsham Dementia Friends"
    ]
    assert AuditEntry.objects.filter(action="asset_transfers.application.submitted").count() == 1
    assert emails_of("asset_transfers.submitted") == sorted([group_owner.email, group_editor.email])


def test_the_council_must_cover_the_place_of_the_asset(organisation, group_owner, cromer, reference_data):
    norwich_council = Council.objects.get(slug="norwich-city-council")
    with pytest.raises(ValidationError) as refused:
        submit_application(by=group_owner, organisation=organisation, council=norwich_council, place=cromer)
    assert "does not cover Cromer" in str(refused.value)
    assert not TransferApplication.objects.exists()


def test_the_business_case_cannot_be_sent_without_a_document(make_application, moderator, group_owner):
    application = make_application()
    application = application_accept_interest(application=application, by=moderator)
    with pytest.raises(ValidationError, match="Add the business case"):
        application_submit_business_case(application=application, by=group_owner)
    application.refresh_from_db()
    assert application.stage == Stage.BUSINESS_CASE


@pytest.mark.parametrize("stage", [Stage.INTEREST, Stage.BUSINESS_CASE, Stage.DECISION])
def test_a_decision_is_refused_unless_the_application_was_assessed(make_application, moderator, stage):
    application = make_application(stage)
    with pytest.raises(ValidationError):
        decide(application, by=moderator, reasons="Fine.")
    assert TransferApplication.objects.get(pk=application.pk).stage == stage
    assert Decision.objects.count() == (1 if stage == Stage.DECISION else 0)


def test_stages_cannot_be_skipped_to_the_transfer(make_application, moderator):
    application = make_application(Stage.ASSESSMENT)
    with pytest.raises(ValidationError):
        application_complete(
            application=application, by=moderator, tenure="lease", lease_years=25, completed_on=timezone.localdate()
        )
    assert TransferApplication.objects.get(pk=application.pk).stage == Stage.ASSESSMENT


def test_the_decision_needs_reasons_and_a_date_not_in_the_future(make_application, moderator):
    application = make_application(Stage.ASSESSMENT)
    with pytest.raises(ValidationError, match="Give the reasons"):
        decide(application, by=moderator, is_approved=False, reasons="  ")
    with pytest.raises(ValidationError, match="future"):
        decide(
            application,
            by=moderator,
            is_approved=False,
            reasons="No.",
            decided_on=timezone.localdate() + datetime.timedelta(days=1),
        )
    assert TransferApplication.objects.get(pk=application.pk).stage == Stage.ASSESSMENT
    assert not Decision.objects.exists()


def test_the_decision_is_published_to_the_decisions_log_and_emailed_to_group_and_followers(
    make_application, group_owner, other_resident
):
    from notifications.services import subscription_follow

    application = make_application(Stage.ASSESSMENT)
    subscription_follow(user=other_resident, target=application)
    from django.contrib.auth import get_user_model

    staff = get_user_model().objects.get(email="moderator@example.org")
    application = decide(application, by=staff, reasons="The business case is sound.")
    decision = Decision.objects.get()
    assert application.decision == decision and decision.is_published
    assert decision.title == "Community asset transfer of Runton Road Hall to Aylsham Dementia Friends approved"
    assert "The business case is sound." in decision.summary_html
    assert list(decision.places.values_list("slug", flat=True)) == ["cromer"]
    assert emails_of("asset_transfers.decided") == sorted([group_owner.email, other_resident.email])
    assert AuditEntry.objects.filter(action="asset_transfers.application.approved").exists()
    assert AuditEntry.objects.filter(action="transparency.decision.published").exists()


def test_a_refused_application_cannot_be_completed(make_application, moderator):
    application = make_application(Stage.DECISION, is_approved=False)
    with pytest.raises(ValidationError, match="Only an approved application"):
        application_complete(
            application=application, by=moderator, tenure="freehold", completed_on=timezone.localdate()
        )
    assert TransferApplication.objects.get(pk=application.pk).stage == Stage.DECISION


def test_an_approved_lease_needs_its_length_then_completes(make_application, moderator, group_owner):
    application = make_application(Stage.DECISION)
    with pytest.raises(ValidationError, match="length of the lease"):
        application_complete(application=application, by=moderator, tenure="lease", completed_on=timezone.localdate())
    application = application_complete(
        application=application, by=moderator, tenure="lease", lease_years=25, completed_on=timezone.localdate()
    )
    assert application.stage == Stage.TRANSFER and application.status_label == "Lease granted"
    assert application.timeline.last().title == "Lease of 25 years signed"
    assert group_owner.email in emails_of("asset_transfers.completed")


def test_documents_cannot_be_added_once_the_business_case_is_sent(make_application, group_owner):
    from asset_transfers.services import application_document_add

    application = make_application(Stage.ASSESSMENT)
    with pytest.raises(ValidationError):
        application_document_add(application=application, by=group_owner, title="Late", file=pdf())
    assert application.documents.count() == 1


def test_the_groups_emails_are_sent_in_text_and_html_with_the_applications_address(make_application, group_owner):
    from django.core import mail

    from notifications.services import outbox_deliver

    mail.outbox.clear()
    application = make_application()
    outbox_deliver()
    message = next(m for m in mail.outbox if group_owner.email in m.to)
    assert message.subject == "North Norfolk District Council has your expression of interest in Runton Road Hall"
    assert application.reference in message.body and application.get_absolute_url() in message.body
    html = message.alternatives[0][0]
    assert "Runton Road Hall" in html and "acts for" not in html
