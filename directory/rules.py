"""Who may do what in the directory. Views ask these; templates show or hide by them."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404

from accounts.permissions import has_verified_email, is_staff_member
from directory.models import Listing, Membership, Organisation, OrganisationChange


def membership_of(user, organisation: Organisation) -> Membership | None:
    if not user.is_authenticated:
        return None
    cache = getattr(user, "_directory_memberships", None)
    if cache is None:
        cache = {m.organisation_id: m for m in Membership.objects.filter(user=user)}
        user._directory_memberships = cache
    return cache.get(organisation.pk)


def is_member(user, organisation: Organisation) -> bool:
    return membership_of(user, organisation) is not None


def is_owner(user, organisation: Organisation) -> bool:
    membership = membership_of(user, organisation)
    return membership is not None and membership.role == Membership.Role.OWNER


def can_register_organisation(user) -> bool:
    return has_verified_email(user)


def can_see_organisation(user, organisation: Organisation) -> bool:
    return organisation.is_public or is_member(user, organisation) or is_staff_member(user)


def can_manage_organisation(user, organisation: Organisation) -> bool:
    """Members (owners and editors) with a verified email manage the organisation's listings."""
    return has_verified_email(user) and is_member(user, organisation)


def can_manage_members(user, organisation: Organisation) -> bool:
    return has_verified_email(user) and is_owner(user, organisation)


def can_change_organisation_details(user, organisation: Organisation) -> bool:
    """Owners change the details (of a verified organisation, as a change staff review)."""
    return can_manage_members(user, organisation)


def can_verify_organisations(user) -> bool:
    """Staff who may change organisations verify them, also while approving one of their listings."""
    return is_staff_member(user) and user.has_perm("directory.change_organisation")


def can_see_organisation_change(user, change: OrganisationChange) -> bool:
    """What a group proposed is for its members and staff only, until staff approve it."""
    return is_member(user, change.organisation) or is_staff_member(user)


def can_add_listing(user, organisation: Organisation) -> bool:
    return can_manage_organisation(user, organisation) and organisation.status != Organisation.Status.SUSPENDED


def can_see_listing(user, listing: Listing) -> bool:
    """The public see published listings of verified organisations; members and staff see the rest."""
    organisation = listing.organisation
    if listing.edit_of_id is None and listing.status == Listing.Status.PUBLISHED and organisation.is_public:
        return not listing.is_hidden_as_stale or is_member(user, organisation) or is_staff_member(user)
    return is_member(user, organisation) or is_staff_member(user)


def can_edit_listing(user, listing: Listing) -> bool:
    """Drafts, rejected listings and those sent back can be edited; a published one is edited as a copy."""
    return (
        can_add_listing(user, listing.organisation)
        and listing.status
        in (
            Listing.Status.DRAFT,
            Listing.Status.CHANGES_REQUESTED,
            Listing.Status.REJECTED,
            Listing.Status.PUBLISHED,
        )
        and (listing.status != Listing.Status.PUBLISHED or listing.edit_of_id is None)
    )


def can_submit_listing(user, listing: Listing) -> bool:
    return can_add_listing(user, listing.organisation) and listing.status in (
        Listing.Status.DRAFT,
        Listing.Status.CHANGES_REQUESTED,
        Listing.Status.REJECTED,
    )


def can_confirm_listing(user, listing: Listing) -> bool:
    return (
        can_add_listing(user, listing.organisation)
        and listing.status == Listing.Status.PUBLISHED
        and listing.edit_of_id is None
    )


def can_archive_listing(user, listing: Listing) -> bool:
    return can_manage_organisation(user, listing.organisation) and listing.status != Listing.Status.ARCHIVED


def can_report_problem(user, listing: Listing) -> bool:
    """Anyone who can see a listing may say it is wrong, signed in or not (the view limits the rate)."""
    return can_see_listing(user, listing)


# --- Enforcers: views call these -------------------------------------------------


def require(rule: bool) -> None:
    if not rule:
        raise PermissionDenied


def require_visible_listing(user, listing: Listing) -> None:
    """Drafts and hidden listings are not found for people who may not see them (no hint that they exist)."""
    if not can_see_listing(user, listing):
        raise Http404("No such listing")


def require_visible_organisation(user, organisation: Organisation) -> None:
    if not can_see_organisation(user, organisation):
        raise Http404("No such organisation")
