"""The directory's emails: each one is queued in the outbox inside the transaction that caused it."""

from __future__ import annotations

from django.contrib.auth import get_user_model

from accounts.permissions import staff_members
from directory.models import Invitation, Listing, Organisation, OrganisationChange, ProblemReport
from localism.dates import long_date
from localism.links import absolute_reverse, absolute_url
from localism.models import Place
from notifications.services import Audience, email, notify_address


def _members(organisation: Organisation, *, because: str = "you manage this listing") -> Audience:
    return Audience(
        get_user_model().objects.filter(is_active=True, memberships__organisation=organisation),
        because,
        transactional=True,
    )


def _moderators() -> Audience:
    return Audience(staff_members(), "you moderate the directory")


def _manage_url(organisation: Organisation) -> str:
    return absolute_reverse("directory:organisation_manage", organisation.slug)


def _waiting_in_the_admin(kind: str, row: Organisation | OrganisationChange, organisation: Organisation) -> None:
    """Staff: something about an organisation waits for them, on its page in the admin."""
    email(
        kind,
        row.pk,
        to=_moderators(),
        context={
            "organisation_name": organisation.name,
            "url": absolute_reverse(f"admin:directory_{row._meta.model_name}_change", row.pk),
        },
    )


def organisation_waiting(organisation: Organisation) -> None:
    """Staff: a new organisation is waiting for verification."""
    _waiting_in_the_admin("directory.organisation_waiting", organisation, organisation)


def organisation_change_waiting(change: OrganisationChange) -> None:
    """Staff: a verified organisation proposes new details (once per proposal, however often it is re-saved)."""
    _waiting_in_the_admin("directory.organisation_change_waiting", change, change.organisation)


def organisation_change_decision(change: OrganisationChange, *, decision: str, reason: str) -> None:
    """The group: staff approved or rejected the new details they proposed for their organisation."""
    organisation = change.organisation
    email(
        "directory.organisation_change_decision",
        change.pk,
        decision,
        to=_members(organisation, because="you are a member of this organisation"),
        context={
            "organisation_name": organisation.name,
            "decision": decision,
            "review_reason": reason,
            "url": _manage_url(organisation),
        },
    )


def member_invited(invitation: Invitation) -> None:
    """The invited person: to their account if they have one, otherwise to the address they were invited at."""
    context = {
        "organisation_name": invitation.organisation.name,
        "role": invitation.get_role_display(),
        "url": absolute_reverse("directory:invitation_accept", invitation.token),
    }  # no address in the event: it outlives the outbox row, which erasure removes
    invited = Audience(
        get_user_model().objects.filter(email__iexact=invitation.email),
        "a member of this organisation invited you",
        transactional=True,
    )
    if invited.people.exists():
        email("directory.member_invited", invitation.pk, to=invited, context=context | {"has_account": True})
        return
    notify_address(
        kind="directory.member_invited",
        key=f"directory.member_invited:{invitation.pk}",
        email=invitation.email,
        template="directory/emails/member_invited",
        context=context | {"has_account": False},
        reason=invited.reason,
    )


def listing_decision(listing: Listing, *, decision: str, reason: str) -> None:
    """The group: staff approved, rejected or sent back their listing."""
    email(
        "directory.listing_decision",
        listing.pk,
        listing.revision,
        decision,
        listing.submitted_at,
        to=_members(listing.organisation),
        context={
            "listing_name": listing.name,
            "decision": decision,
            "review_reason": reason,
            "url": _manage_url(listing.organisation),
        },
    )


def new_listing(listing: Listing) -> None:
    """Followers of the organisation, and of the places it serves (and the places around them)."""
    from notifications.selectors import followers_of

    places = Place.objects.showing(listing.service_areas.all(), covering=False)
    email(
        "directory.new_listing",
        listing.pk,
        to=Audience(
            followers_of(listing.organisation, *places),
            "you follow this organisation or an area it serves",
        ),
        context={
            "title": f"New in the directory: {listing.name}",
            "listing_name": listing.name,
            "organisation_name": listing.organisation.name,
            "description": listing.description[:500],
            "url": absolute_url(listing.get_absolute_url()),
        },
    )


def problem_reported(report: ProblemReport) -> None:
    """The group and staff: a resident says a listing is wrong."""
    listing = report.listing
    context = {
        "listing_name": listing.name,
        "what_is_wrong": report.what_is_wrong,
        "url": absolute_url(listing.get_absolute_url()),
    }
    template = "directory/emails/problem_reported"
    email("directory.problem_reported", report.pk, to=_members(listing.organisation), context=context)
    email("directory.problem_reported_staff", report.pk, to=_moderators(), context=context, template=template)


def freshness_reminder(listing: Listing, *, step: str, due_on) -> None:
    """The group: please confirm the listing is still right (before, on and after its review date)."""
    email(
        "directory.freshness_reminder",
        listing.pk,
        due_on.isoformat(),
        step,
        to=_members(listing.organisation),
        context={
            "listing_name": listing.name,
            "step": step,
            "due_on": long_date(due_on),
            "url": _manage_url(listing.organisation),
        },
    )


def listing_hidden_as_stale(listing: Listing, *, due_on) -> None:
    """The group and staff: a listing not confirmed for 3 months past its review date is now hidden."""
    context = {
        "listing_name": listing.name,
        "due_on": long_date(due_on),
        "url": _manage_url(listing.organisation),
    }
    for audience, recipients in (("group", _members(listing.organisation)), ("staff", _moderators())):
        email("directory.listing_hidden", listing.pk, due_on.isoformat(), audience, to=recipients, context=context)
