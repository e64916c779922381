"""Who may see, apply for and move on community asset transfers, decided on the server.

`(user, application)` predicates registered as `asset_transfers.<action>_application`, asked with has_perm by
the views, templates and the admin. A group acts through its members: whether a person acts for the
applying organisation is the directory's `directory.manage_organisation` permission.
"""

from __future__ import annotations

import rules

from accounts.rules import has_verified_email, is_staff_member, object_is
from asset_transfers.models import Stage, TransferApplication


@rules.predicate
def acts_for_a_verified_group(user) -> bool:
    from directory.selectors import verified_organisations_of

    return verified_organisations_of(user).exists()


is_public = object_is("is_public")


@rules.predicate
def acts_for_applicant(user, application: TransferApplication) -> bool:
    return user.is_authenticated and user.has_perm("directory.manage_organisation", application.organisation)


def _at(*stages: str):
    @rules.predicate(name=f"at_stage:{'|'.join(stages)}")
    def predicate(user, application: TransferApplication) -> bool:
        return application.stage in stages

    return predicate


@rules.predicate
def is_approved(user, application: TransferApplication) -> bool:
    return application.outcome == TransferApplication.Outcome.APPROVED


def apply_refusal(user) -> str | None:
    """Why this person cannot apply, or None if they can."""
    if not user.is_authenticated:
        return "Sign in to apply for a community asset transfer."
    if not has_verified_email(user):
        return "Confirm your email address before you apply."
    if not acts_for_a_verified_group(user):
        return (
            "Community asset transfers are applied for by groups: register your group in the directory (or ask to "
            "join it) and wait for it to be verified."
        )
    return None


# Members of a verified group in the directory apply on its behalf.
rules.add_perm("asset_transfers.apply", has_verified_email & acts_for_a_verified_group)
# Once the council takes an expression of interest forward it is public; before, the group and staff see it.
rules.add_perm("asset_transfers.see_application", is_public | acts_for_applicant | is_staff_member)
# The group adds documents while it prepares its case, and sends the business case at that stage.
rules.add_perm(
    "asset_transfers.add_document_application",
    has_verified_email & acts_for_applicant & _at(Stage.INTEREST, Stage.BUSINESS_CASE),
)
rules.add_perm(
    "asset_transfers.send_business_case_application",
    has_verified_email & acts_for_applicant & _at(Stage.BUSINESS_CASE),
)
# Staff take each step in the admin, one stage after another.
rules.add_perm("asset_transfers.accept_interest_application", is_staff_member & _at(Stage.INTEREST))
rules.add_perm("asset_transfers.decide_application", is_staff_member & _at(Stage.ASSESSMENT))
rules.add_perm("asset_transfers.complete_application", is_staff_member & _at(Stage.DECISION) & is_approved)
