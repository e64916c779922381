"""The directory's emails: each one is queued in the outbox inside the transaction that caused it."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import get_user_model
from django.urls import reverse

from accounts.permissions import staff_members
from directory.models import Invitation, Listing, Organisation, OrganisationChange, ProblemReport
from localism.models import Place
from notifications.services import notify, notify_address


def _absolute(path: str) -> str:
    return settings.SITE_URL + path


def _members(organisation: Organisation):
    return get_user_model().objects.filter(is_active=True, memberships__organisation=organisation)


def _staff():
    return staff_members()


def organisation_waiting(organisation: Organisation) -> None:
    """Staff: a new organisation is waiting for verification."""
    notify(
        kind="directory.organisation_waiting",
        key=f"directory.organisation_waiting:{organisation.pk}",
        recipients=_staff(),
        template="directory/emails/organisation_waiting",
        context={
            "organisation_name": organisation.name,
            "url": _absolute(reverse("admin:directory_organisation_change", args=[organisation.pk])),
        },
        reason="You are getting this because you moderate the directory.",
        transactional=False,
    )


def organisation_change_waiting(change: OrganisationChange) -> None:
    """Staff: a verified organisation proposes new details (once per proposal, however often it is re-saved)."""
    notify(
        kind="directory.organisation_change_waiting",
        key=f"directory.organisation_change_waiting:{change.pk}",
        recipients=_staff(),
        template="directory/emails/organisation_change_waiting",
        context={
            "organisation_name": change.organisation.name,
            "url": _absolute(reverse("admin:directory_organisationchange_change", args=[change.pk])),
        },
        reason="You are getting this because you moderate the directory.",
        transactional=False,
    )


def organisation_change_decision(change: OrganisationChange, *, decision: str, reason: str) -> None:
    """The group: staff approved or rejected the new details they proposed for their organisation."""
    organisation = change.organisation
    notify(
        kind="directory.organisation_change_decision",
        key=f"directory.organisation_change_decision:{change.pk}:{decision}",
        recipients=_members(organisation),
        template="directory/emails/organisation_change_decision",
        context={
            "organisation_name": organisation.name,
            "decision": decision,
            "review_reason": reason,
            "url": _absolute(reverse("directory:organisation_manage", args=[organisation.slug])),
        },
        reason="You are getting this because you are a member of this organisation.",
        transactional=True,
    )


def member_invited(invitation: Invitation) -> None:
    """The invited person: to their account if they have one, otherwise to the address they were invited at."""
    context = {
        "organisation_name": invitation.organisation.name,
        "role": invitation.get_role_display(),
        "url": _absolute(reverse("directory:invitation_accept", args=[invitation.token])),
    }  # no address in the event: it outlives the outbox row, which erasure removes
    reason = "You are getting this because a member of this organisation invited you."
    accounts = get_user_model().objects.filter(email__iexact=invitation.email)
    if accounts.exists():
        notify(
            kind="directory.member_invited",
            key=f"directory.member_invited:{invitation.pk}",
            recipients=accounts,
            template="directory/emails/member_invited",
            context=context | {"has_account": True},
            reason=reason,
            transactional=True,
        )
        return
    notify_address(
        kind="directory.member_invited",
        key=f"directory.member_invited:{invitation.pk}",
        email=invitation.email,
        template="directory/emails/member_invited",
        context=context | {"has_account": False},
        reason=reason,
    )


def listing_decision(listing: Listing, *, decision: str, reason: str) -> None:
    """The group: staff approved, rejected or sent back their listing."""
    notify(
        kind="directory.listing_decision",
        key=f"directory.listing_decision:{listing.pk}:{listing.revision}:{decision}:{listing.submitted_at}",
        recipients=_members(listing.organisation),
        template="directory/emails/listing_decision",
        context={
            "listing_name": listing.name,
            "decision": decision,
            "review_reason": reason,
            "url": _absolute(reverse("directory:organisation_manage", args=[listing.organisation.slug])),
        },
        reason="You are getting this because you manage this listing.",
        transactional=True,
    )


def new_listing(listing: Listing) -> None:
    """Followers of the organisation, and of the places it serves (and the places around them)."""
    from notifications.selectors import followers_of

    places = Place.objects.showing(listing.service_areas.all(), covering=False)
    notify(
        kind="directory.new_listing",
        key=f"directory.new_listing:{listing.pk}",
        recipients=followers_of(listing.organisation, *places),
        template="directory/emails/new_listing",
        context={
            "title": f"New in the directory: {listing.name}",
            "listing_name": listing.name,
            "organisation_name": listing.organisation.name,
            "description": listing.description[:500],
            "url": _absolute(listing.get_absolute_url()),
        },
        reason="You are getting this because you follow this organisation or an area it serves.",
        transactional=False,
    )


def problem_reported(report: ProblemReport) -> None:
    """The group and staff: a resident says a listing is wrong."""
    listing = report.listing
    context = {
        "listing_name": listing.name,
        "what_is_wrong": report.what_is_wrong,
        "url": _absolute(listing.get_absolute_url()),
    }
    notify(
        kind="directory.problem_reported",
        key=f"directory.problem_reported:{report.pk}",
        recipients=_members(listing.organisation),
        template="directory/emails/problem_reported",
        context=context,
        reason="You are getting this because you manage this listing.",
        transactional=True,
    )
    notify(
        kind="directory.problem_reported_staff",
        key=f"directory.problem_reported_staff:{report.pk}",
        recipients=_staff(),
        template="directory/emails/problem_reported",
        context=context,
        reason="You are getting this because you moderate the directory.",
        transactional=False,
    )


def freshness_reminder(listing: Listing, *, step: str, due_on) -> None:
    """The group: please confirm the listing is still right (before, on and after its review date)."""
    notify(
        kind="directory.freshness_reminder",
        key=f"directory.freshness_reminder:{listing.pk}:{due_on.isoformat()}:{step}",
        recipients=_members(listing.organisation),
        template="directory/emails/freshness_reminder",
        context={
            "listing_name": listing.name,
            "step": step,
            "due_on": f"{due_on.day} {due_on:%B %Y}",
            "url": _absolute(reverse("directory:organisation_manage", args=[listing.organisation.slug])),
        },
        reason="You are getting this because you manage this listing.",
        transactional=True,
    )


def listing_hidden_as_stale(listing: Listing, *, due_on) -> None:
    """The group and staff: a listing not confirmed for 3 months past its review date is now hidden."""
    context = {
        "listing_name": listing.name,
        "due_on": f"{due_on.day} {due_on:%B %Y}",
        "url": _absolute(reverse("directory:organisation_manage", args=[listing.organisation.slug])),
    }
    for audience, recipients, why in (
        ("group", _members(listing.organisation), "you manage this listing"),
        ("staff", _staff(), "you moderate the directory"),
    ):
        notify(
            kind="directory.listing_hidden",
            key=f"directory.listing_hidden:{listing.pk}:{due_on.isoformat()}:{audience}",
            recipients=recipients,
            template="directory/emails/listing_hidden",
            context=context,
            reason=f"You are getting this because {why}.",
            transactional=audience == "group",
        )
