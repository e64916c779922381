"""Every write of community asset transfer: applying, documents, and each step from one stage to the next.

A stage is never skipped: each service moves an application from the one stage it expects to the next,
writes a timeline entry and an audit entry, and emails the applying group through the outbox.
"""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from asset_transfers import emails
from asset_transfers.models import Stage, Tenure, TimelineEntry, TransferApplication, TransferDocument
from localism.audit import audit_record
from localism.dates import not_in_future
from localism.links import absolute_url
from localism.models import Council, Place
from localism.references import next_reference
from localism.services import row_for_step


def _locked(application: TransferApplication, expected: str, refusal: str) -> TransferApplication:
    return row_for_step(
        application, field="stage", statuses=expected, refusal=refusal, related=("organisation", "council", "place")
    )


def _entry(application: TransferApplication, title: str, note: str = "", by=None, on=None) -> TimelineEntry:
    return TimelineEntry.objects.create(
        application=application,
        stage=application.stage,
        title=title,
        note=note,
        by=by,
        happened_on=on or timezone.localdate(),
    )


def _check_date(value: datetime.date, field: str, since: datetime.datetime) -> None:
    not_in_future(value, field)
    if value < timezone.localdate(since):
        raise ValidationError({field: "The date cannot be before the application was made"})


@transaction.atomic
def application_submit(
    *,
    by,
    organisation,
    council: Council,
    asset_name: str,
    address: str,
    place: Place,
    proposal: str,
    community_benefit: str,
    tenure_sought: str,
    community_value=None,
) -> TransferApplication:
    """A group's expression of interest in a council building or piece of land, to the council that owns it."""
    if not council.covers(place):
        raise ValidationError(
            {"council": f"{council.name} does not cover {place.name}: choose the council that owns it."}
        )
    now = timezone.now()
    application = TransferApplication(
        organisation=organisation,
        council=council,
        asset_name=asset_name,
        address=address,
        place=place,
        proposal=proposal,
        community_benefit=community_benefit,
        tenure_sought=tenure_sought,
        community_value=community_value,
        submitted_by=by,
        submitted_at=now,
    )
    application.reference = next_reference(
        TransferApplication, "CAT", today=timezone.localdate(now), lock="asset_transfers.reference"
    )
    application.full_clean()
    application.save()
    _entry(application, f"Expression of interest sent by {organisation.name}", by=by)
    audit_record(action="asset_transfers.application.submitted", actor=by, target=application)
    emails.submitted(application=application)
    return application


@transaction.atomic
def application_document_add(*, application: TransferApplication, by, title: str, file) -> TransferDocument:
    """A document the group adds while it prepares its case (before the council assesses it)."""
    application = row_for_step(
        application,
        field="stage",
        statuses=(Stage.INTEREST, Stage.BUSINESS_CASE),
        refusal="Documents can be added only until the business case is sent.",
    )
    document = TransferDocument(
        application=application, stage=application.stage, title=title, file=file, uploaded_by=by
    )
    document.full_clean()
    document.save()
    audit_record(action="asset_transfers.document.added", actor=by, target=application, data={"document": title[:200]})
    return document


@transaction.atomic
def application_accept_interest(*, application: TransferApplication, by, note: str = "") -> TransferApplication:
    """Staff take the expression of interest forward: the group is asked for a business case (it becomes public)."""
    application = _locked(application, Stage.INTEREST, "Only an expression of interest can be taken forward.")
    application.stage = Stage.BUSINESS_CASE
    application.save(update_fields=["stage"])
    _entry(application, "Expression of interest accepted: the group is preparing a business case", note.strip(), by)
    audit_record(action="asset_transfers.application.interest_accepted", actor=by, target=application)
    emails.interest_accepted(application=application, note=note.strip())
    return application


@transaction.atomic
def application_submit_business_case(*, application: TransferApplication, by) -> TransferApplication:
    """The group sends its business case (at least one document) for the council to assess."""
    application = _locked(application, Stage.BUSINESS_CASE, "The business case can be sent only at that stage.")
    if not application.documents.filter(stage=Stage.BUSINESS_CASE).exists():
        raise ValidationError("Add the business case as a document before you send it.")
    application.stage = Stage.ASSESSMENT
    application.save(update_fields=["stage"])
    _entry(application, "Business case sent: the council is assessing it", by=by)
    audit_record(action="asset_transfers.application.business_case_sent", actor=by, target=application)
    emails.business_case_received(application=application)
    return application


@transaction.atomic
def application_decide(
    *,
    application: TransferApplication,
    by,
    is_approved: bool,
    reasons: str,
    decided_on: datetime.date,
    decision_maker: str,
) -> TransferApplication:
    """The council decides on the assessed application; the decision goes to the decisions log."""
    from transparency.services import decision_publish

    application = _locked(application, Stage.ASSESSMENT, "Only an assessed application can be decided.")
    reasons, decision_maker = reasons.strip(), decision_maker.strip()
    if not reasons:
        raise ValidationError({"reasons": "Give the reasons for the decision: the group and the public read them"})
    if not decision_maker:
        raise ValidationError({"decision_maker": "Say who took the decision"})
    _check_date(decided_on, "decided_on", application.submitted_at)
    application.stage = Stage.DECISION
    application.outcome = TransferApplication.Outcome.APPROVED if is_approved else TransferApplication.Outcome.REFUSED
    application.decided_on, application.decision_maker, application.decision_reasons = (
        decided_on,
        decision_maker,
        reasons,
    )
    verb = "approved" if is_approved else "refused"
    application.decision = decision_publish(
        title=f"Community asset transfer of {application.asset_name} to {application.organisation.name} {verb}",
        decision_date=decided_on,
        decision_maker=f"{decision_maker}, {application.council.name}",
        summary=(
            f"The application ({application.reference}) by {application.organisation.name} for "
            f"{application.get_tenure_sought_display().lower()} of {application.asset_name}, {application.address}, "
            f"was {verb}.\n\n{reasons}\n\n[The application and its timeline]"
            f"({absolute_url(application.get_absolute_url())})"
        ),
        places=[application.place],
        by=by,
    )
    application.full_clean()
    application.save()
    _entry(application, f"Decision: {verb}", reasons, by, on=decided_on)
    audit_record(action=f"asset_transfers.application.{verb}", actor=by, target=application)
    emails.decided(application=application)
    return application


@transaction.atomic
def application_complete(
    *,
    application: TransferApplication,
    by,
    tenure: str,
    completed_on: datetime.date,
    lease_years: int | None = None,
    note: str = "",
) -> TransferApplication:
    """The lease is signed or the transfer completed: the group now holds the asset."""
    application = _locked(application, Stage.DECISION, "Only an approved application can be completed.")
    if application.outcome != TransferApplication.Outcome.APPROVED:
        raise ValidationError("Only an approved application can be completed.")
    if tenure not in Tenure.values:
        raise ValidationError({"tenure": "Choose a lease or a freehold transfer"})
    if tenure == Tenure.LEASE and not lease_years:
        raise ValidationError({"lease_years": "Enter the length of the lease in years"})
    not_in_future(completed_on, "completed_on")
    if completed_on < application.decided_on:
        raise ValidationError({"completed_on": "The date cannot be before the decision"})
    application.stage = Stage.TRANSFER
    application.tenure_granted = tenure
    application.lease_years = lease_years if tenure == Tenure.LEASE else None
    application.completed_on = completed_on
    application.full_clean()
    application.save()
    title = f"Lease of {lease_years} years signed" if tenure == Tenure.LEASE else "Freehold transferred to the group"
    _entry(application, title, note.strip(), by, on=completed_on)
    audit_record(action="asset_transfers.application.completed", actor=by, target=application, data={"tenure": tenure})
    emails.completed(application=application)
    return application
