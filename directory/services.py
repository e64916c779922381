"""Every write in the directory: organisations, members, listings and their review."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.text import slugify

from directory import emails
from directory.models import (
    DAY_CODES,
    ORGANISATION_REVIEWED_FIELDS,
    CostOption,
    Invitation,
    Listing,
    ListingVersion,
    Location,
    Membership,
    Organisation,
    OrganisationChange,
    ProblemReport,
    Schedule,
)
from localism.audit import audit_record
from localism.models import Place
from localism.services import row_decide, row_for_step, row_update

# The fields of a listing that groups edit and staff review (copied when an edit is approved).
CONTENT_FIELDS = [
    "name",
    "kind",
    "summary",
    "description",
    "url",
    "email",
    "phone",
    "contact_name",
    "minimum_age",
    "maximum_age",
    "eligibility",
    "is_free",
    "cost_description",
    "languages",
    "temporarily_closed",
    "closed_note",
]
LOCATION_FIELDS = ["name", "address_1", "city", "postcode", "latitude", "longitude", "accessibility"]
SCHEDULE_FIELDS = [
    "kind",
    "freq",
    "byday",
    "opens_at",
    "closes_at",
    "valid_from",
    "valid_to",
    "closed_on_bank_holidays",
    "description",
]
COST_FIELDS = ["option", "amount", "amount_description"]


@dataclass
class ListingContent:
    """Everything a group writes about a listing, as one value (forms and imports build it)."""

    fields: dict
    categories: list = field(default_factory=list)
    topics: list = field(default_factory=list)
    service_areas: list = field(default_factory=list)
    locations: list[dict] = field(default_factory=list)
    schedules: list[dict] = field(default_factory=list)
    cost_options: list[dict] = field(default_factory=list)


def listing_content(listing: Listing) -> ListingContent:
    """Read a listing's content back into a ListingContent."""
    return ListingContent(
        fields={name: getattr(listing, name) for name in CONTENT_FIELDS},
        categories=list(listing.categories.all()),
        topics=list(listing.topics.all()),
        service_areas=list(listing.service_areas.all()),
        locations=[{f: getattr(loc, f) for f in LOCATION_FIELDS} for loc in listing.locations.all()],
        schedules=[{f: getattr(s, f) for f in SCHEDULE_FIELDS} for s in listing.schedules.all()],
        cost_options=[{f: getattr(c, f) for f in COST_FIELDS} for c in listing.cost_options.all()],
    )


def _replace_rows(queryset: QuerySet, model, listing: Listing, rows: list[dict], names: list[str]) -> None:
    """Update existing child rows in place (their UUIDs are public in the API), add or remove the rest."""
    existing = list(queryset.order_by("pk"))
    for index, values in enumerate(rows):
        if index < len(existing):
            row = existing[index]
            for name in names:
                setattr(row, name, values.get(name, row._meta.get_field(name).get_default()))
            row.save()
        else:
            model.objects.create(listing=listing, **{name: values[name] for name in names if name in values})
    for row in existing[len(rows) :]:
        row.delete()


def _write_content(listing: Listing, content: ListingContent) -> None:
    for name, value in content.fields.items():
        if name in CONTENT_FIELDS:
            setattr(listing, name, value)
    listing.updated_at = timezone.now()
    listing.full_clean(exclude=["organisation", "edit_of", "created_by"])
    listing.save()
    listing.categories.set(content.categories)
    listing.topics.set(content.topics)
    listing.service_areas.set(content.service_areas)
    _replace_rows(Location.objects.filter(listing=listing), Location, listing, content.locations, LOCATION_FIELDS)
    _replace_rows(Schedule.objects.filter(listing=listing), Schedule, listing, content.schedules, SCHEDULE_FIELDS)
    _replace_rows(CostOption.objects.filter(listing=listing), CostOption, listing, content.cost_options, COST_FIELDS)
    listing_refresh_search(listing_ids=[listing.pk])


# Weights: the name counts most, then the categories, then the summary and description.
_SEARCH_SQL = """
UPDATE directory_listing AS l SET
  search_vector =
    setweight(to_tsvector('english', coalesce(l.name, '')), 'A')
    || setweight(to_tsvector('english', coalesce((
         SELECT string_agg(t.name, ' ') FROM directory_listing_categories lc
         JOIN directory_taxonomyterm t ON t.id = lc.taxonomyterm_id WHERE lc.listing_id = l.id), '')), 'B')
    || setweight(to_tsvector('english', coalesce(l.summary, '') || ' ' || coalesce(l.description, '')), 'C'),
  open_days = coalesce((
    SELECT array_agg(DISTINCT array_position(ARRAY['MO','TU','WE','TH','FR','SA','SU'], right(s.byday, 2)) - 1)
    FROM directory_schedule s WHERE s.listing_id = l.id AND s.kind = 'open' AND s.byday <> ''), '{}')
"""


# The search's entries (ListingSearchEntry) of the listings the public sees: their words by where they are, and
# their names in small letters, as NAME_ORDER (lower) sorts them.
_ENTRY_SQL = """
INSERT INTO directory_listingsearchentry AS e (listing_id, sort_name, name_words, heading_words, words)
SELECT l.id, lower(l.name), ts_filter(l.search_vector, '{a}'), ts_filter(l.search_vector, '{a,b}'), l.search_vector
FROM directory_listing l WHERE l.id IN (%(public)s)
ON CONFLICT (listing_id) DO UPDATE SET
  sort_name = excluded.sort_name, name_words = excluded.name_words,
  heading_words = excluded.heading_words, words = excluded.words
WHERE (e.sort_name, e.words) IS DISTINCT FROM (excluded.sort_name, excluded.words)
"""


def listing_refresh_search(*, listing_ids: list | None = None) -> None:
    """Recompute what search uses (weighted text, open days) for some listings, or all of them, and
    whether the public finds them: call it after any change to a listing's content or visibility."""
    ids = None if listing_ids is None else [str(pk) for pk in listing_ids]
    if ids == []:
        return
    public = Listing.objects.published()
    if ids is not None:
        public = public.filter(pk__in=ids)
    public_sql, public_params = public.values("pk").query.sql_with_params()
    with connection.cursor() as cursor:
        if ids is None:
            cursor.execute(_SEARCH_SQL)
            cursor.execute(
                f"DELETE FROM directory_listingsearchentry WHERE listing_id NOT IN ({public_sql})",  # noqa: S608 (the ORM's SQL)
                public_params,
            )
        else:
            cursor.execute(_SEARCH_SQL + " WHERE l.id = ANY(%s::uuid[])", [ids])
            cursor.execute(
                "DELETE FROM directory_listingsearchentry WHERE listing_id = ANY(%s::uuid[])"  # noqa: S608 (the ORM's SQL)
                f" AND listing_id NOT IN ({public_sql})",
                [ids, *public_params],
            )
        cursor.execute(_ENTRY_SQL % {"public": public_sql}, public_params)


def organisation_refresh_search(organisation: Organisation) -> None:
    """Its listings are found, or no longer found, as the organisation becomes public or stops being so."""
    listing_refresh_search(listing_ids=list(organisation.listings.values_list("pk", flat=True)))


# --- Organisations and members ----------------------------------------------------


def _unique_slug(name: str) -> str:
    base = slugify(name)[:160] or "organisation"
    slug, n = base, 2
    while Organisation.objects.filter(slug=slug).exists():
        slug = f"{base}-{n}"
        n += 1
    return slug


@transaction.atomic
def organisation_register(*, by, places=(), **fields) -> Organisation:
    """A group registers; the person registering becomes its owner. Public once staff verify it."""
    organisation = Organisation(slug=_unique_slug(fields["name"]), **fields)
    organisation.full_clean()
    organisation.save()
    organisation.places.set(places)
    Membership.objects.create(organisation=organisation, user=by, role=Membership.Role.OWNER)
    audit_record(action="directory.organisation.registered", actor=by, target=organisation)
    emails.organisation_waiting(organisation)
    return organisation


@transaction.atomic
def organisation_update(*, organisation: Organisation, by, places=None, **fields) -> Organisation:
    """An owner changes the details of an organisation staff have not verified yet (nobody else sees it)."""
    if organisation.edits_need_review:
        raise ValidationError("The details of a verified organisation change when staff approve the change.")
    for name, value in fields.items():
        setattr(organisation, name, value)
    organisation.full_clean()
    organisation.save()
    if places is not None:
        organisation.places.set(places)
    audit_record(
        action="directory.organisation.updated", actor=by, target=organisation, data={"fields": sorted(fields)}
    )
    return organisation


def _reviewed_values(organisation: Organisation) -> dict:
    """The organisation's details in the shape of a proposal (places as a sorted list of ids)."""
    values = {name: getattr(organisation, name) for name in ORGANISATION_REVIEWED_FIELDS if name != "places"}
    values["places"] = sorted(place.pk for place in organisation.places.all())
    return values


@transaction.atomic
def organisation_change_propose(*, organisation: Organisation, by, places=None, **fields) -> OrganisationChange | None:
    """An owner proposes new details for a verified organisation: published only when staff approve.

    Saving again replaces the proposal waiting for review; proposing the published details
    withdraws it. Returns the change waiting for review, if any.
    """
    unknown = set(fields) - set(ORGANISATION_REVIEWED_FIELDS)
    if unknown:
        raise ValueError(f"Not details of an organisation: {sorted(unknown)}")
    # Read the published details afresh (a bound form may have set the proposed ones on this instance).
    organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
    if not organisation.edits_need_review:
        raise ValidationError("Change the details of an organisation waiting for verification directly.")
    candidate = Organisation.objects.get(pk=organisation.pk)
    for name, value in fields.items():
        setattr(candidate, name, value)
    candidate.full_clean()

    wanted = dict(fields)
    if places is not None:
        wanted["places"] = sorted(place.pk for place in places)
    published = _reviewed_values(organisation)
    proposed = {name: value for name, value in wanted.items() if published[name] != value}
    change = OrganisationChange.objects.pending().filter(organisation=organisation).first()
    if not proposed:
        if change is not None:
            change.delete()
            audit_record(action="directory.organisation_change.withdrawn", actor=by, target=organisation)
        return None
    if change is None:
        change = OrganisationChange(organisation=organisation)
    change.proposed = proposed
    change.proposed_by = by
    change.updated_at = timezone.now()
    change.save()
    audit_record(
        action="directory.organisation_change.proposed",
        actor=by,
        target=organisation,
        data={"change": change.pk, "fields": sorted(proposed)},
    )
    emails.organisation_change_waiting(change)
    return change


def _shown(name: str, value, place_names: dict) -> str:
    if name == "places":
        return ", ".join(sorted(place_names.get(pk, "(a place no longer listed)") for pk in value))
    if name == "kind":
        return Organisation.Kind(value).label if value in Organisation.Kind.values else value
    return value or ""


def organisation_change_diff(change: OrganisationChange) -> list[dict]:
    """Field by field, what the change proposes against what is published now (for staff and the group)."""
    organisation = change.organisation
    published = _reviewed_values(organisation)
    place_ids = set(published["places"]) | set(change.proposed.get("places", []))
    place_names = dict(Place.objects.filter(pk__in=place_ids).values_list("pk", "name")) if place_ids else {}
    rows = []
    for name in ORGANISATION_REVIEWED_FIELDS:
        if name not in change.proposed:
            continue
        label = "Places served" if name == "places" else Organisation._meta.get_field(name).verbose_name
        before = _shown(name, published[name], place_names)
        after = _shown(name, change.proposed[name], place_names)
        rows.append({"field": label.capitalize(), "before": before, "after": after, "changed": before != after})
    return rows


def _pending_change(change: OrganisationChange, *, refusal: str) -> OrganisationChange:
    return row_for_step(change, statuses=OrganisationChange.Status.PENDING, refusal=refusal)


@transaction.atomic
def organisation_change_approve(*, change: OrganisationChange, by) -> Organisation:
    """Staff approve: the proposed details replace the published ones on every page, the API and exports."""
    change = _pending_change(change, refusal="Only changes waiting for review can be approved.")
    organisation = Organisation.objects.select_for_update().get(pk=change.organisation_id)
    proposed = dict(change.proposed)
    places = proposed.pop("places", None)
    for name, value in proposed.items():
        setattr(organisation, name, value)
    organisation.full_clean()
    organisation.save()
    if places is not None:
        organisation.places.set(Place.objects.filter(pk__in=places))
    row_decide(change, OrganisationChange.Status.APPROVED, by=by, review_reason="")
    audit_record(
        action="directory.organisation_change.approved",
        actor=by,
        target=organisation,
        data={"change": change.pk, "fields": sorted(change.proposed)},
    )
    emails.organisation_change_decision(change, decision="approved", reason="")
    return organisation


@transaction.atomic
def organisation_change_reject(*, change: OrganisationChange, by, reason: str) -> OrganisationChange:
    """Staff reject a proposed change with a reason the group is told; the published details stay."""
    if not reason.strip():
        raise ValidationError("Give a reason: the group will read it.")
    change = _pending_change(change, refusal="Only changes waiting for review can be rejected.")
    row_decide(change, OrganisationChange.Status.REJECTED, by=by, review_reason=reason.strip())
    audit_record(
        action="directory.organisation_change.rejected",
        actor=by,
        target=change.organisation,
        data={"change": change.pk, "reason": change.review_reason},
    )
    emails.organisation_change_decision(change, decision="rejected", reason=change.review_reason)
    return change


@transaction.atomic
def organisation_verify(*, organisation: Organisation, by) -> Organisation:
    """Staff verify a group: it and its published listings become public, and the group is told so."""
    organisation.status = Organisation.Status.VERIFIED
    organisation.status_reason = ""
    organisation.verified_at = timezone.now()
    organisation.save(update_fields=["status", "status_reason", "verified_at"])
    audit_record(action="directory.organisation.verified", actor=by, target=organisation)
    organisation_refresh_search(organisation)
    for listing in organisation.listings.originals().published():
        _announce_publication(listing, is_new=True)
    return organisation


@transaction.atomic
def organisation_suspend(*, organisation: Organisation, by, reason: str) -> Organisation:
    """Staff suspend a group: its listings disappear from the public directory until it is verified again."""
    if not reason.strip():
        raise ValidationError("Give a reason for suspending the organisation.")
    organisation.status = Organisation.Status.SUSPENDED
    organisation.status_reason = reason
    organisation.save(update_fields=["status", "status_reason"])
    audit_record(action="directory.organisation.suspended", actor=by, target=organisation, data={"reason": reason})
    organisation_refresh_search(organisation)
    return organisation


@transaction.atomic
def member_invite(*, organisation: Organisation, email: str, role: str, by) -> Invitation:
    """An owner invites someone by email; they join by signing in with that address."""
    email = email.strip().lower()
    if Membership.objects.filter(organisation=organisation, user__email__iexact=email).exists():
        raise ValidationError(f"{email} is already a member.")
    invitation = Invitation.objects.create(organisation=organisation, email=email, role=role, invited_by=by)
    audit_record(action="directory.membership.invited", actor=by, target=organisation, data={"role": role})
    emails.member_invited(invitation)
    return invitation


@transaction.atomic
def invitation_accept(*, invitation: Invitation, user) -> Membership:
    if invitation.accepted_at is not None:
        raise ValidationError("This invitation has already been used.")
    if invitation.email.lower() != user.email.lower():
        raise ValidationError("This invitation was sent to a different email address.")
    membership, _ = Membership.objects.get_or_create(
        organisation=invitation.organisation, user=user, defaults={"role": invitation.role}
    )
    invitation.accepted_at = timezone.now()
    invitation.save(update_fields=["accepted_at"])
    audit_record(action="directory.membership.joined", actor=user, target=invitation.organisation)
    return membership


@transaction.atomic
def membership_leave(*, membership: Membership, by) -> None:
    """A member leaves; the last owner cannot (the group would have nobody to look after it)."""
    locked = Membership.objects.select_for_update().filter(organisation_id=membership.organisation_id)
    owners = [m for m in locked if m.role == Membership.Role.OWNER]
    if membership.role == Membership.Role.OWNER and len(owners) <= 1:
        raise ValidationError("You are the only owner. Make another member an owner before you leave.")
    audit_record(action="directory.membership.left", actor=by, target=membership.organisation)
    membership.delete()


# --- Listings ----------------------------------------------------------------------


@transaction.atomic
def listing_create(*, organisation: Organisation, content: ListingContent, by) -> Listing:
    """A group adds a listing, saved as a draft."""
    listing = Listing(organisation=organisation, created_by=by, status=Listing.Status.DRAFT)
    _write_content(listing, content)
    audit_record(action="directory.listing.created", actor=by, target=listing)
    return listing


@transaction.atomic
def listing_update(*, listing: Listing, content: ListingContent, by) -> Listing:
    """Save changes to a draft (or to a proposed edit of a published listing)."""
    if listing.status in (Listing.Status.PENDING, Listing.Status.ARCHIVED):
        raise ValidationError("This listing cannot be changed now.")
    if listing.status == Listing.Status.PUBLISHED:
        raise ValidationError("Published listings are changed through a proposed edit.")
    if listing.status in (Listing.Status.REJECTED, Listing.Status.CHANGES_REQUESTED):
        listing.status = Listing.Status.DRAFT
    _write_content(listing, content)
    audit_record(action="directory.listing.updated", actor=by, target=listing)
    return listing


@transaction.atomic
def listing_start_edit(*, listing: Listing, by) -> Listing:
    """A proposed edit of a published listing: a draft copy; the published version stays as it is."""
    listing = Listing.objects.select_for_update().get(pk=listing.pk)
    existing = Listing.objects.filter(edit_of=listing).first()
    if existing is not None:
        return existing
    copy = Listing(organisation=listing.organisation, edit_of=listing, created_by=by, status=Listing.Status.DRAFT)
    _write_content(copy, listing_content(listing))
    return copy


@transaction.atomic
def listing_submit(*, listing: Listing, by) -> Listing:
    """Send a draft (or a proposed edit) to staff for review."""
    if listing.status not in (Listing.Status.DRAFT, Listing.Status.CHANGES_REQUESTED, Listing.Status.REJECTED):
        raise ValidationError("Only drafts can be submitted for review.")
    if not listing.locations.exists() and not listing.url and not listing.phone and not listing.email:
        raise ValidationError("Add a place where it happens or a way to get in touch before you submit.")
    listing.status = Listing.Status.PENDING
    listing.submitted_at = timezone.now()
    listing.review_reason = ""
    listing.save(update_fields=["status", "submitted_at", "review_reason"])
    audit_record(action="directory.listing.submitted", actor=by, target=listing)
    return listing


def listing_snapshot(listing: Listing) -> dict:
    """The listing as people read it, for history and the reviewer's diff (JSON-serialisable)."""
    from directory.opening import describe_schedule

    data = {}
    for name in CONTENT_FIELDS:
        value = getattr(listing, name)
        if name == "kind":
            value = listing.get_kind_display()
        elif name == "languages":
            value = ", ".join(value)
        elif isinstance(value, bool):
            value = "Yes" if value else "No"
        data[Listing._meta.get_field(name).verbose_name.capitalize()] = "" if value is None else str(value)
    data["Categories"] = ", ".join(sorted(t.name for t in listing.categories.all()))
    data["Places served"] = ", ".join(sorted(p.name for p in listing.service_areas.all()))
    data["Where"] = "; ".join(
        f"{loc.name + ', ' if loc.name else ''}{loc.address_1}, {loc.city}, {loc.postcode}"
        + (f" (access: {loc.accessibility})" if loc.accessibility else "")
        for loc in listing.locations.all()
    )
    data["When"] = "; ".join(describe_schedule(s) for s in listing.schedules.all())
    data["Costs"] = "; ".join(
        f"{c.option}{' £' + format(c.amount, '.2f') if c.amount is not None else ''}"
        for c in listing.cost_options.all()
    )
    return data


def listing_diff(listing: Listing) -> list[dict]:
    """Field by field: what a pending edit changes compared with the published listing."""
    after = listing_snapshot(listing)
    before = listing_snapshot(listing.edit_of) if listing.edit_of_id else {}
    return [
        {"field": name, "before": before.get(name, ""), "after": value, "changed": before.get(name, "") != value}
        for name, value in after.items()
    ]


def _announce_publication(listing: Listing, *, is_new: bool) -> None:
    """The group is told its listing is published (and followers that it is new) once the public can see it.

    Called when staff approve a listing of a verified organisation, and for each published listing
    when they verify its organisation; the emails' keys make a repeated announcement send nothing.
    """
    emails.listing_decision(listing, decision="approved", reason="")
    if is_new:
        emails.new_listing(listing)


@transaction.atomic
def listing_approve(*, listing: Listing, by, verify_organisation: bool = False) -> Listing:
    """Staff approve: a new listing is published, or an edit replaces the published version.

    With `verify_organisation`, an organisation waiting for verification is verified in the same step.
    """
    listing = row_for_step(
        listing, statuses=Listing.Status.PENDING, refusal="Only listings waiting for review can be approved."
    )
    organisation = listing.organisation
    if verify_organisation and organisation.status == Organisation.Status.SUSPENDED:
        raise ValidationError("The organisation is suspended: review the suspension on its own page first.")
    if verify_organisation and organisation.status == Organisation.Status.PENDING:
        organisation_verify(organisation=organisation, by=by)
    now = timezone.now()
    if listing.edit_of_id:
        published = Listing.objects.select_for_update().get(pk=listing.edit_of_id)
        _write_content(published, listing_content(listing))
        submitted_by = listing.created_by
        listing.delete()
        target = published
    else:
        target = listing
        submitted_by = listing.created_by
    target.status = Listing.Status.PUBLISHED
    target.review_reason = ""
    target.revision += 1
    target.published_at = target.published_at or now
    target.last_confirmed_at = now
    target.is_hidden_as_stale = False
    target.save(
        update_fields=[
            "status",
            "review_reason",
            "revision",
            "published_at",
            "last_confirmed_at",
            "is_hidden_as_stale",
        ]
    )
    listing_refresh_search(listing_ids=[target.pk])
    ListingVersion.objects.create(
        listing=target,
        number=target.revision,
        snapshot=listing_snapshot(target),
        submitted_by=submitted_by,
        approved_by=by,
    )
    audit_record(action="directory.listing.approved", actor=by, target=target, data={"revision": target.revision})
    if organisation.is_public:
        _announce_publication(target, is_new=target is listing)
    else:
        # Not public until staff verify the organisation: that step tells the group it is published.
        emails.listing_decision(target, decision="approved_not_public", reason="")
    return target


def _send_back(*, listing: Listing, by, reason: str, status: str, action: str) -> Listing:
    if not reason.strip():
        raise ValidationError("Give a reason: the group will read it.")
    listing = row_for_step(
        listing, statuses=Listing.Status.PENDING, refusal="Only listings waiting for review can be sent back."
    )
    row_update(listing, status=status, review_reason=reason.strip())
    audit_record(action=action, actor=by, target=listing, data={"reason": listing.review_reason})
    decision = "rejected" if status == Listing.Status.REJECTED else "changes_requested"
    emails.listing_decision(listing, decision=decision, reason=listing.review_reason)
    return listing


@transaction.atomic
def listing_reject(*, listing: Listing, by, reason: str) -> Listing:
    """Staff reject a listing or an edit with a reason the group is told."""
    return _send_back(
        listing=listing, by=by, reason=reason, status=Listing.Status.REJECTED, action="directory.listing.rejected"
    )


@transaction.atomic
def listing_request_changes(*, listing: Listing, by, reason: str) -> Listing:
    """Staff send a listing back to the group to change something."""
    return _send_back(
        listing=listing,
        by=by,
        reason=reason,
        status=Listing.Status.CHANGES_REQUESTED,
        action="directory.listing.changes_requested",
    )


@transaction.atomic
def listing_archive(*, listing: Listing, by) -> Listing:
    """A group takes a listing down (a proposed edit is simply discarded)."""
    if listing.edit_of_id:
        audit_record(action="directory.listing.archived", actor=by, target=listing.edit_of, data={"edit": True})
        listing.delete()
        return listing
    listing.status = Listing.Status.ARCHIVED
    listing.save(update_fields=["status"])
    Listing.objects.filter(edit_of=listing).delete()
    listing_refresh_search(listing_ids=[listing.pk])
    audit_record(action="directory.listing.archived", actor=by, target=listing)
    return listing


@transaction.atomic
def listing_confirm_current(*, listing: Listing, by, now: datetime.datetime | None = None) -> Listing:
    """One click: the group says the listing is still right; its review is due again in 12 months."""
    if listing.status != Listing.Status.PUBLISHED:
        raise ValidationError("Only published listings can be confirmed.")
    listing.last_confirmed_at = now or timezone.now()
    listing.is_hidden_as_stale = False
    listing.save(update_fields=["last_confirmed_at", "is_hidden_as_stale"])
    listing_refresh_search(listing_ids=[listing.pk])
    audit_record(action="directory.listing.confirmed", actor=by, target=listing)
    return listing


@transaction.atomic
def problem_report_create(*, listing: Listing, by, what_is_wrong: str, reply_email: str = "") -> ProblemReport:
    """Someone (signed in or not) reports a wrong listing: it goes to the moderation queue and to the group."""
    report = ProblemReport.objects.create(
        listing=listing, reporter=by, what_is_wrong=what_is_wrong.strip(), reply_email=reply_email.strip()
    )
    audit_record(action="directory.problem_report.created", actor=by, target=listing)
    emails.problem_reported(report)
    return report


@transaction.atomic
def problem_report_resolve(*, report: ProblemReport, by) -> ProblemReport:
    report.status = ProblemReport.Status.RESOLVED
    report.resolved_at = timezone.now()
    report.reply_email = ""  # kept only until the problem is dealt with, as the form promises
    report.save(update_fields=["status", "resolved_at", "reply_email"])
    audit_record(action="directory.problem_report.resolved", actor=by, target=report.listing)
    return report


__all__ = ["DAY_CODES", "ListingContent"]
