"""What the directory holds about a person, for their data download and for deleting their account.

Listings, their history and proposed organisation details are the group's work: they stay,
written by the "Former participant". Memberships end; invitations sent to the person's
address go (an address freed by deletion must not let its next owner join a group);
problem reports stay for the group to act on, no longer linked to them and without their
address for a reply. Where a group
published the person's own address as its contact, that address is removed, from the
history too; other contact details a group published are the group's.
"""

from __future__ import annotations

from django.db.models import Q

from accounts.privacy import email_addresses_of, iso, rows
from directory.models import (
    Invitation,
    Listing,
    ListingVersion,
    Membership,
    Organisation,
    OrganisationChange,
    ProblemReport,
)

# What export and erase cover: the fields that link to a person or hold their address (accounts.checks
# refuses a model field that may hold personal data and that no registration names).
COVERS = {
    Membership: ["user"],
    Invitation: ["invited_by", "email"],
    Listing: ["created_by", "email"],
    ListingVersion: ["submitted_by", "approved_by"],
    ProblemReport: ["reporter", "reply_email"],
    OrganisationChange: ["proposed_by", "decided_by"],
    # Only when it is one of the person's own addresses (a group's own address is the group's).
    Organisation: ["email"],
}


SNAPSHOT_EMAIL_KEY = "Email"


def _address_in(lookup: str, addresses: set[str]) -> Q:
    condition = Q(pk__in=[])
    for address in addresses:
        condition |= Q(**{f"{lookup}__iexact": address})
    return condition


def _invitations(invitations) -> list[dict]:
    """Invitations to join a group, the ones a person sent and the ones sent to them alike."""
    return [
        {
            "organisation": i.organisation.name,
            "to": i.email,
            "role": i.get_role_display(),
            "sent": iso(i.created_at),
            "accepted": iso(i.accepted_at),
        }
        for i in invitations.select_related("organisation")
    ]


def export(user) -> dict:
    addresses = email_addresses_of(user)
    return {
        "memberships": [
            {"organisation": m.organisation.name, "role": m.get_role_display(), "since": iso(m.created_at)}
            for m in Membership.objects.filter(user=user).select_related("organisation")
        ],
        "invitations_sent": _invitations(Invitation.objects.filter(invited_by=user)),
        "invitations_received": _invitations(Invitation.objects.filter(_address_in("email", addresses))),
        "listings_written": [
            {
                "name": listing.name,
                "organisation": listing.organisation.name,
                "is_proposed_change": listing.edit_of_id is not None,
                "status": listing.get_status_display(),
                "summary": listing.summary,
                "created": iso(listing.created_at),
                "submitted": iso(listing.submitted_at),
                "url": listing.get_absolute_url(),
            }
            for listing in Listing.objects.filter(created_by=user).select_related("organisation")
        ],
        "listing_versions_submitted": rows(
            ListingVersion.objects.filter(submitted_by=user).order_by("created_at"),
            listing="listing__name",
            version="number",
            published="created_at",
        ),
        "problem_reports": [
            {
                "listing": r.listing.name,
                "what_is_wrong": r.what_is_wrong,
                "email_for_a_reply": r.reply_email,
                "status": r.get_status_display(),
                "reported": iso(r.created_at),
                "resolved": iso(r.resolved_at),
            }
            # Reports sent signed out with one of the person's addresses for a reply are theirs too.
            for r in ProblemReport.objects.filter(Q(reporter=user) | _address_in("reply_email", addresses))
            .select_related("listing")
            .order_by("created_at")
        ],
        "organisation_changes_proposed": [
            {
                "organisation": c.organisation.name,
                "proposed": c.proposed,
                "status": c.get_status_display(),
                "review_reason": c.review_reason,
                "proposed_at": iso(c.created_at),
                "decided_at": iso(c.decided_at),
            }
            for c in OrganisationChange.objects.filter(proposed_by=user).select_related("organisation")
        ],
        "your_address_published_as_contact": {
            "organisations": list(
                Organisation.objects.filter(_address_in("email", addresses)).values_list("name", flat=True)
            ),
            "listings": list(Listing.objects.filter(_address_in("email", addresses)).values_list("name", flat=True)),
        },
        "as_staff": {
            "listing_versions_approved": rows(
                ListingVersion.objects.filter(approved_by=user).order_by("created_at"),
                listing="listing__name",
                version="number",
                approved="created_at",
            ),
            "organisation_changes_decided": rows(
                OrganisationChange.objects.filter(decided_by=user),
                "status",
                organisation="organisation__name",
                decided="decided_at",
            ),
        },
    }


def erase(user) -> None:
    addresses = email_addresses_of(user)
    Membership.objects.filter(user=user).delete()
    Invitation.objects.filter(_address_in("email", addresses)).delete()
    ProblemReport.objects.filter(reporter=user).update(reporter=None)
    ProblemReport.objects.filter(_address_in("reply_email", addresses)).update(reply_email="")
    Organisation.objects.filter(_address_in("email", addresses)).update(email="")
    Listing.objects.filter(_address_in("email", addresses)).update(email="")
    for version in ListingVersion.objects.filter(_address_in(f"snapshot__{SNAPSHOT_EMAIL_KEY}", addresses)):
        version.snapshot[SNAPSHOT_EMAIL_KEY] = ""
        version.save(update_fields=["snapshot"])
    for change in OrganisationChange.objects.filter(_address_in("proposed__email", addresses)):
        # Dropped rather than emptied: approving the change then keeps the organisation's current address.
        del change.proposed["email"]
        change.save(update_fields=["proposed"])
