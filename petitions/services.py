"""Writes for petitions: starting, checking, signing, paper sheets, acknowledging, closing, responding, debating."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from localism.audit import audit_record
from localism.dates import add_working_days, not_in_future
from localism.models import Council, Place, Postcode, Responsibility
from localism.postcodes import normalise_postcode, place_for_postcode
from localism.services import row_for_step, row_update
from petitions import emails
from petitions.models import ExcludedMatter, PaperSheet, Petition, PetitionScheme, Signature


class AlreadySignedError(ValidationError):
    """The person's signature is already on the petition (nothing was added)."""


# --- routing and exclusions -----------------------------------------------------------------


def council_responsible(*, chosen: Council, subject: Responsibility | None, place: Place | None) -> Council:
    """The council a petition goes to: the one responsible for its subject where the petition's place
    (or the chosen council's area) has one with a petition scheme; otherwise the council chosen."""
    if subject is None:
        return chosen
    area = place or chosen.places.order_by("pk").first()
    councils = Council.objects.filter(responsibilities=subject, petition_scheme__isnull=False)
    if area is not None:
        councils = councils.covering(area)
    responsible = councils.by_tier().first()
    return responsible or chosen


def scheme_of(council: Council) -> PetitionScheme:
    scheme = PetitionScheme.objects.filter(council=council).first()
    if scheme is None:
        raise ValidationError({"council": f"{council.name} does not take petitions on this site."})
    return scheme


def excluded_matter_for(scheme: PetitionScheme, subject: Responsibility | None) -> ExcludedMatter | None:
    if subject is None:
        return None
    return scheme.excluded_matters.filter(responsibility=subject).first()


def excluded_message(matter: ExcludedMatter, council: Council) -> str:
    return f"{council.name}’s petition scheme does not cover {matter.name.lower()}. The scheme says: “{matter.rule}”"


# --- starting and checking --------------------------------------------------------------------


def _routed(*, council: Council, subject: Responsibility | None, place: Place | None) -> Council:
    """The council a petition goes to, if its scheme takes it; one on an excluded matter is refused with
    the rule."""
    responsible = council_responsible(chosen=council, subject=subject, place=place)
    scheme = scheme_of(responsible)
    if not scheme.is_accepting:
        raise ValidationError({"council": f"{responsible.name} is not taking new petitions at the moment."})
    matter = excluded_matter_for(scheme, subject)
    if matter is not None:
        raise ValidationError({"subject": excluded_message(matter, responsible)})
    return responsible


@dataclass(frozen=True)
class PetitionDraft:
    """What the creator writes, the same when starting a petition and when changing the draft."""

    council: Council
    title: str
    action: str
    background: str = ""
    subject: Responsibility | None = None
    place: Place | None = None
    runs_for_weeks: int = 12


def _draft_write(petition: Petition, draft: PetitionDraft) -> None:
    """Keep the draft on the petition, routed to the council responsible (one on an excluded matter is refused
    with the rule), checked and saved."""
    petition.council = _routed(council=draft.council, subject=draft.subject, place=draft.place)
    petition.title, petition.action, petition.background = draft.title, draft.action, draft.background
    petition.subject, petition.place, petition.runs_for_weeks = draft.subject, draft.place, draft.runs_for_weeks
    petition.full_clean()
    petition.save()


@transaction.atomic
def petition_start(*, by, draft: PetitionDraft) -> Petition:
    """A draft petition, routed to the council responsible; one on an excluded matter is refused with the rule."""
    petition = Petition(creator=by)
    _draft_write(petition, draft)
    audit_record(
        action="petitions.petition.started", actor=by, target=petition, data={"council": petition.council.slug}
    )
    return petition


@transaction.atomic
def petition_edit(*, petition: Petition, by, draft: PetitionDraft) -> Petition:
    """The creator changes their draft, routed again as when it was started; once sent, it is fixed."""
    petition = row_for_step(
        petition,
        statuses=Petition.Status.DRAFT,
        refusal="This petition has been sent to be checked, so it can no longer be changed.",
    )
    _draft_write(petition, draft)
    audit_record(
        action="petitions.petition.edited", actor=by, target=petition, data={"council": petition.council.slug}
    )
    return petition


@transaction.atomic
def petition_submit(*, petition: Petition, by) -> Petition:
    """The creator sends their draft to be checked against the house rules."""
    petition = row_for_step(
        petition, statuses=Petition.Status.DRAFT, refusal="This petition has already been sent to be checked."
    )
    row_update(petition, status=Petition.Status.CHECKING, submitted_at=timezone.now())
    audit_record(action="petitions.petition.submitted", actor=by, target=petition)
    return petition


@transaction.atomic
def petition_open(*, petition: Petition, by) -> Petition:
    """Staff found it within the house rules and not a duplicate: it opens for signatures."""
    petition = row_for_step(
        petition, statuses=Petition.Status.CHECKING, refusal="Only a petition waiting to be checked can be opened."
    )
    now = timezone.now()
    row_update(
        petition,
        status=Petition.Status.OPEN,
        checked_by=by,
        checked_at=now,
        opened_at=now,
        closes_at=now + datetime.timedelta(weeks=petition.runs_for_weeks),
    )
    audit_record(action="petitions.petition.opened", actor=by, target=petition)
    emails.opened(petition=petition)
    return petition


@transaction.atomic
def petition_reject(
    *, petition: Petition, by, reason: str = "", excluded_matter: ExcludedMatter | None = None
) -> Petition:
    """Staff refuse it: against the house rules, a duplicate, or an excluded matter (its rule quoted)."""
    petition = Petition.objects.select_for_update().select_related("council").get(pk=petition.pk)
    if petition.status != Petition.Status.CHECKING:
        raise ValidationError("Only a petition waiting to be checked can be rejected.")
    reason = reason.strip()
    if excluded_matter is not None:
        if excluded_matter.scheme.council_id != petition.council_id:
            raise ValidationError("That excluded matter belongs to another council's scheme.")
        reason = " ".join(filter(None, [excluded_message(excluded_matter, petition.council), reason]))
    if not reason:
        raise ValidationError({"reason": "Give the reason the petition is not accepted: its creator reads it."})
    petition.status = Petition.Status.REJECTED
    petition.rejection_reason = reason
    petition.excluded_matter = excluded_matter
    petition.checked_by, petition.checked_at = by, timezone.now()
    petition.save(update_fields=["status", "rejection_reason", "excluded_matter", "checked_by", "checked_at"])
    audit_record(action="petitions.petition.rejected", actor=by, target=petition, data={"reason": reason})
    emails.rejected(petition=petition)
    return petition


# --- counting ---------------------------------------------------------------------------------

_ADD_TO_DISTRICT = """
INSERT INTO petitions_districtcount (petition_id, district_id, online, paper) VALUES (%s, %s, %s, %s)
ON CONFLICT (petition_id, district_id) DO UPDATE
SET online = petitions_districtcount.online + EXCLUDED.online, paper = petitions_districtcount.paper + EXCLUDED.paper
"""
_ADD_TO_TOTAL = (
    "UPDATE petitions_petition SET signature_count = signature_count + %s WHERE id = %s RETURNING signature_count"
)


def _count(petition: Petition, district: Place, *, online: int = 0, paper: int = 0) -> None:
    """Add to the district's count and the total (row locks keep concurrent signers apart), then act on
    any threshold the total has just crossed."""
    added = online + paper
    with connection.cursor() as cursor:
        cursor.execute(_ADD_TO_DISTRICT, [petition.pk, district.pk, online, paper])
        cursor.execute(_ADD_TO_TOTAL, [added, petition.pk])
        (after,) = cursor.fetchone()
    petition.signature_count = after
    _thresholds_crossed(petition, before=after - added, after=after)


def _thresholds_crossed(petition: Petition, *, before: int, after: int) -> None:
    scheme = PetitionScheme.objects.get(council_id=petition.council_id)
    if before < scheme.signatures_for_petition <= after and petition.received_on is None:
        today = timezone.localdate()
        petition.received_on = today
        petition.acknowledge_by = add_working_days(today, scheme.acknowledge_within)
        petition.respond_by = add_working_days(today, scheme.respond_within)
        petition.save(update_fields=["received_on", "acknowledge_by", "respond_by"])
        audit_record(action="petitions.petition.received", target=petition, data={"signatures": after})
        emails.received(petition=petition, scheme=scheme)
    if before < scheme.signatures_for_debate <= after and petition.debate_threshold_reached_at is None:
        petition.debate_threshold_reached_at = timezone.now()
        petition.save(update_fields=["debate_threshold_reached_at"])
        audit_record(action="petitions.petition.debate_threshold", target=petition, data={"signatures": after})
        emails.debate_threshold(petition=petition, scheme=scheme)


def district_in_area(council: Council, postcode_text: str) -> tuple[str, Place]:
    """The normalised postcode and its district, or a ValidationError saying why it cannot sign here."""
    postcode = normalise_postcode(postcode_text or "")
    if postcode is None:
        raise ValidationError({"postcode": "Enter a full UK postcode, like NR2 1AB"})
    row = Postcode.objects.filter(postcode=postcode).first()
    place = place_for_postcode(row) if row else None
    if place is None or not council.covers(place):
        raise ValidationError(
            {
                "postcode": f"{postcode} is outside {council.name}’s area. Only people who live, work or "
                "study in the area can sign: give the postcode of your home, work or place of study there."
            }
        )
    district = next(p for p in [place, *place.ancestors()] if p.kind == Place.Kind.DISTRICT)
    return postcode, district


# --- signing ----------------------------------------------------------------------------------


@transaction.atomic
def petition_sign(*, petition: Petition, user, postcode: str, connection: str) -> Signature:
    """One signature per person (a database constraint, so two requests at once store one)."""
    from petitions.rules import signing_refusal

    refusal = signing_refusal(user, petition)
    if refusal:
        raise ValidationError(refusal)
    if connection not in Signature.Connection.values:
        raise ValidationError({"connection": "Say whether you live, work or study in the area"})
    postcode, district = district_in_area(petition.council, postcode)
    try:
        with transaction.atomic():
            signature = Signature.objects.create(
                petition=petition, user=user, postcode=postcode, district=district, connection=connection
            )
    except IntegrityError:
        raise AlreadySignedError("You have already signed this petition.") from None
    _count(petition, district, online=1)
    return signature


def has_signed(petition: Petition, user) -> bool:
    return user.is_authenticated and Signature.objects.filter(petition=petition, user=user).exists()


# --- paper ------------------------------------------------------------------------------------


@transaction.atomic
def paper_sheet_add(
    *, petition: Petition, district: Place, signatures: int, sheet_date: datetime.date, by, note: str = ""
) -> PaperSheet:
    """Add a paper count (never the names); a count more than plausible is refused with the reason."""
    petition = Petition.objects.select_for_update().select_related("council").get(pk=petition.pk)
    scheme = scheme_of(petition.council)
    if petition.status not in Petition.PUBLIC:
        raise ValidationError("Paper signatures can be added only to a petition that has opened.")
    if signatures is None or signatures < 1:
        raise ValidationError({"signatures": "Enter the number of signatures on the sheet, 1 or more"})
    not_in_future(sheet_date, "sheet_date", "The date on the sheet")
    if petition.opened_at and sheet_date < timezone.localdate(petition.opened_at) - datetime.timedelta(days=183):
        raise ValidationError({"sheet_date": "The sheet is dated more than six months before the petition opened"})
    if signatures > scheme.paper_sheet_cap:
        raise ValidationError(
            {
                "signatures": f"{signatures:,} signatures is more than one entry may add "
                f"({scheme.paper_sheet_cap:,} under the scheme): check the count, or enter the sheets separately"
            }
        )
    if scheme.area_population and petition.signature_count + signatures > scheme.area_population:
        raise ValidationError(
            {
                "signatures": f"That would make {petition.signature_count + signatures:,} signatures, more than "
                f"the {scheme.area_population:,} people who live in {petition.council.name}’s area"
            }
        )
    if not petition.council.covers(district):
        raise ValidationError({"district": f"{district.name} is outside {petition.council.name}’s area"})
    sheet = PaperSheet.objects.create(
        petition=petition, district=district, signatures=signatures, sheet_date=sheet_date, note=note, entered_by=by
    )
    audit_record(
        action="petitions.paper.added",
        actor=by,
        target=petition,
        data={"signatures": signatures, "sheet_date": sheet_date.isoformat(), "district": district.name},
    )
    _count(petition, district, paper=signatures)
    return sheet


# --- the council's side -------------------------------------------------------------------------


@transaction.atomic
def petition_acknowledge(*, petition: Petition, by, message: str) -> Petition:
    """Staff acknowledge the petition, saying what happens next."""
    petition = row_for_step(
        petition, statuses=Petition.PUBLIC, refusal="Only an open or closed petition can be acknowledged."
    )
    if petition.acknowledged_at:
        raise ValidationError("This petition has already been acknowledged.")
    if not message.strip():
        raise ValidationError({"reason": "Say what happens next: signers read it."})
    row_update(petition, acknowledged_at=timezone.now(), acknowledged_by=by, acknowledgement=message.strip())
    audit_record(action="petitions.petition.acknowledged", actor=by, target=petition)
    emails.acknowledged(petition=petition)
    return petition


@transaction.atomic
def petition_close(*, petition: Petition, by=None) -> Petition:
    """Stop signatures (its closing date has passed, or staff close it)."""
    petition = row_for_step(petition, statuses=Petition.Status.OPEN, refusal="Only an open petition can be closed.")
    row_update(
        petition,
        status=Petition.Status.RESPONDED if petition.responded_at else Petition.Status.CLOSED,
        closed_at=timezone.now(),
    )
    audit_record(action="petitions.petition.closed", actor=by, target=petition)
    emails.closed(petition=petition)
    return petition


def petitions_close_due(now: datetime.datetime | None = None) -> int:
    """Close every open petition past its closing time; safe to run twice."""
    now = now or timezone.now()
    closed = 0
    for pk in Petition.objects.filter(status=Petition.Status.OPEN, closes_at__lte=now).values_list("pk", flat=True):
        try:
            petition_close(petition=Petition(pk=pk))
        except ValidationError:
            continue  # closed meanwhile by someone else
        closed += 1
    return closed


@transaction.atomic
def petition_respond(*, petition: Petition, by, response: str) -> Petition:
    """The council's response saying how the petition will be handled."""
    petition = row_for_step(
        petition,
        statuses=(Petition.Status.OPEN, Petition.Status.CLOSED),
        refusal="Only an open or closed petition can be given a response.",
    )
    if not response.strip():
        raise ValidationError({"reason": "Write the response: signers read it."})
    row_update(
        petition,
        response=response.strip(),
        responded_at=timezone.now(),
        responded_by=by,
        status=Petition.Status.RESPONDED if petition.status == Petition.Status.CLOSED else petition.status,
    )
    audit_record(action="petitions.petition.responded", actor=by, target=petition)
    emails.responded(petition=petition)
    return petition


@transaction.atomic
def petition_record_debate(
    *,
    petition: Petition,
    by,
    debated_on: datetime.date,
    summary: str,
    decision=None,
    meeting_url: str = "",
) -> Petition:
    """Full council debated it: the date, what was said, and the decision or the meeting's papers."""
    petition = row_for_step(
        petition,
        statuses=(Petition.Status.CLOSED, Petition.Status.RESPONDED),
        refusal="Close the petition before recording its debate.",
    )
    scheme = scheme_of(petition.council)
    if petition.signature_count < scheme.signatures_for_debate:
        raise ValidationError(
            f"A debate needs {scheme.signatures_for_debate:,} signatures; this petition has "
            f"{petition.signature_count:,}."
        )
    if decision is None and not meeting_url:
        raise ValidationError("Link the debate to the decision or to the meeting's papers.")
    row_update(
        petition,
        debated_on=debated_on,
        debate_summary=summary.strip(),
        debate_decision=decision,
        debate_meeting_url=meeting_url,
        debate_recorded_by=by,
        status=Petition.Status.DEBATED,
    )
    audit_record(action="petitions.petition.debated", actor=by, target=petition)
    emails.debated(petition=petition)
    return petition
