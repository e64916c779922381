"""Who may do what in the directory: `(user, obj)` predicates, registered as permissions.

Views, templates (`{% has_perm %}`), the admin and the follow registry ask these by name
(`user.has_perm("directory.edit_listing", listing)`), so each rule is written once here.
"""

from __future__ import annotations

import rules

from accounts.rules import has_model_permission, has_verified_email, is_staff_member, object_is
from directory.models import Listing, Membership, Organisation, OrganisationChange


def membership_of(user, organisation: Organisation) -> Membership | None:
    """The person's membership of the organisation (their memberships are read once per request)."""
    if not user.is_authenticated:
        return None
    cache = getattr(user, "_directory_memberships", None)
    if cache is None:
        cache = {m.organisation_id: m for m in Membership.objects.filter(user=user)}
        user._directory_memberships = cache
    return cache.get(organisation.pk)


# --- Predicates: the person and an organisation -----------------------------------


@rules.predicate
def is_member(user, organisation: Organisation) -> bool:
    return membership_of(user, organisation) is not None


@rules.predicate
def is_owner(user, organisation: Organisation) -> bool:
    membership = membership_of(user, organisation)
    return membership is not None and membership.role == Membership.Role.OWNER


is_public_organisation = object_is("is_public")


@rules.predicate
def is_not_suspended(user, organisation: Organisation) -> bool:
    return organisation.status != Organisation.Status.SUSPENDED


# Members (owners and editors) with a verified email manage the organisation's listings.
may_manage_organisation = has_verified_email & is_member
may_manage_members = has_verified_email & is_owner
may_add_listing = may_manage_organisation & is_not_suspended


# --- Predicates: the person and a listing (through its organisation) ---------------


@rules.predicate
def is_member_of_listing_organisation(user, listing: Listing) -> bool:
    return is_member(user, listing.organisation)


@rules.predicate
def may_add_listing_to_its_organisation(user, listing: Listing) -> bool:
    return may_add_listing(user, listing.organisation)


@rules.predicate
def may_manage_its_organisation(user, listing: Listing) -> bool:
    return may_manage_organisation(user, listing.organisation)


# What everyone sees: the single-listing form of `Listing.objects.published()`.
is_public_listing = object_is("is_public")


@rules.predicate
def is_editable_state(user, listing: Listing) -> bool:
    """Drafts, rejected listings and those sent back can be edited; a published one is edited as a copy."""
    if listing.status == Listing.Status.PUBLISHED:
        return listing.edit_of_id is None
    return listing.status in (Listing.Status.DRAFT, Listing.Status.CHANGES_REQUESTED, Listing.Status.REJECTED)


@rules.predicate
def is_submittable_state(user, listing: Listing) -> bool:
    return listing.status in (Listing.Status.DRAFT, Listing.Status.CHANGES_REQUESTED, Listing.Status.REJECTED)


@rules.predicate
def is_published_original(user, listing: Listing) -> bool:
    return listing.status == Listing.Status.PUBLISHED and listing.edit_of_id is None


@rules.predicate
def is_not_archived(user, listing: Listing) -> bool:
    return listing.status != Listing.Status.ARCHIVED


@rules.predicate
def is_member_of_changed_organisation(user, change: OrganisationChange) -> bool:
    return is_member(user, change.organisation)


# The public see published listings of verified organisations; members and staff see the rest.
may_see_listing = is_public_listing | is_member_of_listing_organisation | is_staff_member

# --- Permissions -------------------------------------------------------------------

rules.add_perm("directory.register_organisation", has_verified_email)
rules.add_perm("directory.see_organisation", is_public_organisation | is_member | is_staff_member)
rules.add_perm("directory.manage_organisation", may_manage_organisation)
rules.add_perm("directory.manage_organisation_members", may_manage_members)
# Owners change the details (of a verified organisation, as a change staff review).
rules.add_perm("directory.edit_organisation", may_manage_members)
# Staff who may change organisations verify them, also while approving one of their listings.
may_change_organisations = has_model_permission("directory.change_organisation")
rules.add_perm("directory.verify_organisation", is_staff_member & may_change_organisations)
# What a group proposed is for its members and staff only, until staff approve it.
rules.add_perm("directory.see_organisationchange", is_member_of_changed_organisation | is_staff_member)
rules.add_perm("directory.create_listing", may_add_listing)
rules.add_perm("directory.see_listing", may_see_listing)
rules.add_perm("directory.edit_listing", may_add_listing_to_its_organisation & is_editable_state)
rules.add_perm("directory.submit_listing", may_add_listing_to_its_organisation & is_submittable_state)
rules.add_perm("directory.confirm_listing", may_add_listing_to_its_organisation & is_published_original)
rules.add_perm("directory.archive_listing", may_manage_its_organisation & is_not_archived)
# Anyone who can see a listing may say it is wrong, signed in or not (the view limits the rate).
rules.add_perm("directory.report_listing", may_see_listing)
