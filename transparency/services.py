"""Every write in transparency: what an import refreshes, nominations and their decisions, reviews, disposals."""

from __future__ import annotations

import datetime
import logging

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils import timezone

from localism.audit import audit_record
from localism.dates import not_in_future
from localism.models import Council, Place
from localism.postcodes import PostcodeNotFoundError, find_postcode, normalise_postcode
from localism.references import next_reference
from localism.services import row_for_step
from transparency import emails, rollups
from transparency.models import (
    LISTING_YEARS,
    NOMINATION_DECISION_WEEKS,
    AssetNomination,
    ChallengeWindow,
    DisposalNotice,
    ExpressionOfInterest,
    NominationDocument,
    SpendingFacet,
    add_months,
)
from transparency.rules import ensure_can_decide

logger = logging.getLogger(__name__)


def spending_facets_refresh() -> None:
    """Recompute the supplier list, the service areas and expense types the explorer offers, and the
    rolled-up totals (after records change)."""
    rollups.refresh()
    with connection.cursor() as cursor:
        # Each supplier under the name of its latest payment.
        cursor.execute(
            """
            INSERT INTO transparency_supplier (slug, name, supplier_type, registration_number)
            SELECT DISTINCT ON (supplier_slug) supplier_slug, beneficiary_name, supplier_type, registration_number
            FROM transparency_spendingrecord
            ORDER BY supplier_slug, payment_date DESC, id DESC
            ON CONFLICT (slug) DO UPDATE SET name = EXCLUDED.name, supplier_type = EXCLUDED.supplier_type,
                registration_number = EXCLUDED.registration_number
            """
        )
        cursor.execute(f'DELETE FROM "{SpendingFacet._meta.db_table}"')  # noqa: S608 (a model's table)
        for kind in SpendingFacet.Kind.values:
            # A loose index scan: distinct values without reading every record. `kind` is one of the choices.
            cursor.execute(
                f"""
                WITH RECURSIVE t(value) AS (
                    (SELECT {kind} FROM transparency_spendingrecord WHERE {kind} > '' ORDER BY {kind} LIMIT 1)
                    UNION ALL
                    SELECT (SELECT {kind} FROM transparency_spendingrecord WHERE {kind} > t.value
                            ORDER BY {kind} LIMIT 1)
                    FROM t WHERE t.value IS NOT NULL
                )
                INSERT INTO "{SpendingFacet._meta.db_table}" (kind, value)
                SELECT %s, value FROM t WHERE value IS NOT NULL
                """,  # noqa: S608
                [kind],
            )


def spending_summaries_warm_after_commit() -> None:
    """Once the import commits, work out the explorer's usual summaries ahead of the first visitors."""
    transaction.on_commit(_queue_summary_warming)


def _queue_summary_warming() -> None:
    from transparency.tasks import warm_spending_summaries

    try:
        warm_spending_summaries.delay()
    except Exception:  # noqa: BLE001 - the import is done; only the head start for the first visitors is lost
        logger.exception("Could not queue the warming of spending summaries")


# --- Assets of community value -----------------------------------------------------------------


@transaction.atomic
def nomination_submit(*, by, evidence_file=None, **fields) -> AssetNomination:
    """A community body nominates an asset, with a supporting document if any; the council decides within 8 weeks."""
    postcode_text = normalise_postcode(fields.pop("postcode", "") or "")
    if postcode_text is None:
        raise ValidationError({"postcode": "Enter a real postcode, like NR2 1AB"})
    nomination = AssetNomination(**fields, postcode=postcode_text, nominated_by=by)
    # The nomination goes to the district council for the asset's postcode, which keeps the list (s.87).
    try:
        location, nomination.place = find_postcode(postcode_text)
    except PostcodeNotFoundError as exc:
        raise ValidationError({"postcode": str(exc)}) from exc
    nomination.latitude, nomination.longitude = location.latitude, location.longitude
    district = nomination.place if nomination.place.kind == Place.Kind.DISTRICT else nomination.place.parent
    nomination.council = Council.objects.district_council_of(district).first()
    if nomination.council is None:
        raise ValidationError({"postcode": f"No district council is on record for {district.name}."})
    now = timezone.now()
    today = timezone.localdate(now)
    nomination.submitted_at = now
    nomination.decision_due = today + datetime.timedelta(weeks=NOMINATION_DECISION_WEEKS)
    nomination.reference = next_reference(
        AssetNomination, "ACV", today=today, lock="transparency.nomination_reference"
    )
    nomination.full_clean()
    nomination.save()
    if evidence_file is not None:
        NominationDocument.objects.create(
            nomination=nomination, title=evidence_file.name.rsplit("/", 1)[-1][:200], file=evidence_file
        )
    audit_record(action="transparency.nomination.submitted", actor=by, target=nomination)
    emails.nomination_received(nomination)
    return nomination


@transaction.atomic
def nomination_decide(
    *, nomination: AssetNomination, is_listed: bool, reasons: str, decided_on, by
) -> AssetNomination:
    """The district council's staff list the asset (5 years) or refuse with reasons (kept on the unsuccessful list
    for 5 years)."""
    ensure_can_decide(by, "transparency.decide_assetnomination", nomination)
    nomination = row_for_step(
        nomination, statuses=AssetNomination.Status.SUBMITTED, refusal="This nomination has already been decided."
    )
    reasons = reasons.strip()
    if not is_listed and not reasons:
        raise ValidationError({"reasons": "Give the reasons the asset is not listed"})
    not_in_future(decided_on, "decided_on", "The decision date")
    if decided_on < timezone.localdate(nomination.submitted_at):
        raise ValidationError({"decided_on": "The decision date cannot be before the nomination"})
    nomination.status = AssetNomination.Status.LISTED if is_listed else AssetNomination.Status.NOT_LISTED
    nomination.reasons = reasons
    nomination.decided_on = decided_on
    nomination.decided_by = by
    nomination.entry_ends_on = add_months(decided_on, 12 * LISTING_YEARS)
    nomination.save()
    audit_record(
        action="transparency.nomination.listed" if is_listed else "transparency.nomination.not_listed",
        actor=by,
        target=nomination,
        data={"council": nomination.council.name if nomination.council else ""},
    )
    emails.nomination_decided(nomination)
    return nomination


@transaction.atomic
def nomination_record_review_request(*, nomination: AssetNomination, requested_on, by) -> AssetNomination:
    """The owner asks for a review of a listing (within 8 weeks of the decision)."""
    ensure_can_decide(by, "transparency.decide_assetnomination", nomination)
    nomination = row_for_step(
        nomination, statuses=AssetNomination.Status.LISTED, refusal="Only a listed asset's owner can ask for a review."
    )
    if nomination.review_outcome:
        raise ValidationError("A review has already been requested.")
    if requested_on > nomination.review_deadline:
        raise ValidationError(
            {"requested_on": f"A review must be asked for by {nomination.review_deadline:%d/%m/%Y} (8 weeks)"}
        )
    if requested_on < nomination.decided_on:
        raise ValidationError({"requested_on": "The request cannot be before the decision"})
    nomination.review_requested_on = requested_on
    nomination.review_outcome = AssetNomination.ReviewOutcome.PENDING
    nomination.save()
    audit_record(action="transparency.nomination.review_requested", actor=by, target=nomination)
    return nomination


@transaction.atomic
def nomination_decide_review(
    *, nomination: AssetNomination, is_upheld: bool, reasons: str, decided_on, by
) -> AssetNomination:
    """The review's outcome: the listing stays, or the asset is removed from the list."""
    ensure_can_decide(by, "transparency.decide_assetnomination", nomination)
    nomination = row_for_step(
        nomination,
        field="review_outcome",
        statuses=AssetNomination.ReviewOutcome.PENDING,
        refusal="There is no review waiting for a decision.",
    )
    if not reasons.strip():
        raise ValidationError({"reasons": "Give the reasons for the review's outcome"})
    nomination.review_outcome = (
        AssetNomination.ReviewOutcome.UPHELD if is_upheld else AssetNomination.ReviewOutcome.OVERTURNED
    )
    nomination.review_reasons = reasons.strip()
    nomination.review_decided_on = decided_on
    if not is_upheld:
        nomination.status = AssetNomination.Status.REMOVED
    nomination.save()
    audit_record(
        action="transparency.nomination.review_upheld" if is_upheld else "transparency.nomination.review_overturned",
        actor=by,
        target=nomination,
    )
    emails.nomination_review_decided(nomination)
    return nomination


@transaction.atomic
def disposal_notice_record(*, nomination: AssetNomination, notified_on, notes: str, by) -> DisposalNotice:
    """The owner intends to dispose of a listed asset: the moratorium periods start."""
    nomination = AssetNomination.objects.select_for_update().get(pk=nomination.pk)
    ensure_can_decide(by, "transparency.decide_assetnomination", nomination)
    if not nomination.is_on_the_list:
        raise ValidationError("Disposal notices are recorded only for assets on the list.")
    not_in_future(notified_on, "notified_on")
    notice = DisposalNotice(nomination=nomination, notified_on=notified_on, notes=notes.strip(), recorded_by=by)
    notice.save()
    audit_record(
        action="transparency.disposal_notice.recorded",
        actor=by,
        target=nomination,
        data={"notified_on": notified_on.isoformat()},
    )
    emails.disposal_notified(notice)
    return notice


def nominations_warn_deadlines(*, today: datetime.date | None = None, days_before: int = 7) -> int:
    """Tell staff about nominations whose 8-week deadline is within `days_before` days (once each)."""
    today = today or timezone.localdate()
    due = AssetNomination.objects.awaiting_decision().filter(
        decision_due__lte=today + datetime.timedelta(days=days_before), deadline_warned_at=None
    )
    warned = 0
    for pk in due.values_list("pk", flat=True):
        with transaction.atomic():
            nomination = AssetNomination.objects.select_for_update().get(pk=pk)
            if nomination.deadline_warned_at is not None or nomination.status != AssetNomination.Status.SUBMITTED:
                continue
            nomination.deadline_warned_at = timezone.now()
            nomination.save(update_fields=["deadline_warned_at"])
            emails.nomination_deadline_near(nomination)
            warned += 1
    return warned


# --- Community Right to Challenge ----------------------------------------------------------------


@transaction.atomic
def challenge_submit(*, window: ChallengeWindow, by, **fields) -> ExpressionOfInterest:
    """A relevant body expresses an interest in running a service, inside a window the council published."""
    window = ChallengeWindow.objects.select_for_update().get(pk=window.pk)
    if not window.is_open:
        raise ValidationError("This window for expressions of interest is closed.")
    expression = ExpressionOfInterest(
        window=window,
        council=window.council,
        submitted_by=by,
        reference=next_reference(
            ExpressionOfInterest, "RTC", today=timezone.localdate(), lock="transparency.challenge_reference"
        ),
        **fields,
    )
    expression.full_clean()
    expression.save()
    audit_record(action="transparency.challenge.submitted", actor=by, target=expression)
    return expression


@transaction.atomic
def challenge_decide(
    *, expression: ExpressionOfInterest, status: str, reasons: str, decided_on, by
) -> ExpressionOfInterest:
    """Staff accept, accept with agreed modifications, or reject on stated grounds; the decision is published."""
    ensure_can_decide(by, "transparency.decide_expressionofinterest", expression)
    expression = row_for_step(
        expression,
        statuses=ExpressionOfInterest.Status.SUBMITTED,
        refusal="This expression of interest has already been decided.",
    )
    if status not in (
        ExpressionOfInterest.Status.ACCEPTED,
        ExpressionOfInterest.Status.MODIFIED,
        ExpressionOfInterest.Status.REJECTED,
    ):
        raise ValidationError({"status": "Choose the decision"})
    if not reasons.strip():
        raise ValidationError({"reasons": "Give the reasons for the decision"})
    expression.status = status
    expression.reasons = reasons.strip()
    expression.decided_on = decided_on
    expression.decided_by = by
    expression.save()
    audit_record(action=f"transparency.challenge.{status}", actor=by, target=expression)
    emails.challenge_decided(expression)
    return expression


# --- For other apps: publishing to the decisions log ---------------------------------------------


def _free_decision_slug(title: str, decision_date: datetime.date) -> str:
    from django.utils.text import slugify

    from transparency.models import Decision

    base = f"{slugify(title)[:200]}-{decision_date:%Y-%m-%d}".strip("-")
    slug, number = base, 2
    while Decision.objects.filter(slug=slug).exists():
        slug, number = f"{base}-{number}", number + 1
    return slug


@transaction.atomic
def decision_publish(
    *,
    title: str,
    decision_date: datetime.date,
    decision_maker: str,
    summary: str,
    places=(),
    by=None,
    council=None,
    **consultation,
):
    """Publish a decision another part of the portal took (an asset transfer, ...) to the decisions log;
    `consultation` names what it concludes (consultation_url, consultation_title, consultation_slug)."""
    from transparency.models import Decision

    decision = Decision(
        title=title[:250],
        slug=_free_decision_slug(title, decision_date),
        decision_date=decision_date,
        decision_maker=decision_maker[:200],
        summary=summary,
        council=council,
        **consultation,
    )
    decision.full_clean()
    decision.save()
    decision.places.set([p for p in places if p is not None])
    audit_record(action="transparency.decision.published", actor=by, target=decision)
    return decision


# --- Public notices ----------------------------------------------------------------------------


def notice_tell_followers(notice) -> bool:
    """Email the people following the areas a notice concerns, once it is public (once per notice, whenever
    this is asked: on saving it, and each morning for notices dated to be published that day)."""
    from transparency.models import Notice

    if not Notice.objects.published().filter(pk=notice.pk).exists():
        return False
    emails.notice_published(notice)
    return True


def notices_tell_followers_due(days: int = 2) -> int:
    """The morning run: notices that became public in the last `days` days (a missed run is caught up)."""
    from transparency.models import Notice

    since = timezone.localdate() - datetime.timedelta(days=days)
    told = 0
    for notice in Notice.objects.published().filter(published_on__gte=since).select_related("council"):
        told += notice_tell_followers(notice)
    return told
