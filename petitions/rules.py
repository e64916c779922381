"""Who may see, start, submit and sign petitions, decided on the server.

`(user, petition)` predicates registered as `petitions.<action>_petition` and asked with has_perm. Where a
person is refused, the `*_refusal` functions say why in words for them.
"""

from __future__ import annotations

import rules

from accounts.permissions import has_verified_email
from accounts.rules import is_person_in, is_staff_for, object_is
from petitions.models import Petition

# Everyone sees a petition that passed the checks.
is_public = object_is("is_public")
is_creator = is_person_in("creator_id")


def start_refusal(user) -> str | None:
    """Why this person cannot start a petition, or None if they can."""
    if not user.is_authenticated:
        return "Sign in to start a petition."
    if not has_verified_email(user):
        return "Confirm your email address before you start a petition."
    return None


@rules.predicate
def is_draft(user, petition: Petition) -> bool:
    return petition.status == Petition.Status.DRAFT


def signing_refusal(user, petition: Petition) -> str | None:
    """Why this person cannot sign this petition now, or None if they can (the postcode is checked on signing)."""
    if not petition.is_signable():
        return "This petition is not open for signatures."
    if not user.is_authenticated:
        return "Sign in to sign this petition."
    if not has_verified_email(user):
        return "Confirm your email address before you sign: we need to know each signature is a real person."
    return None


# Its creator and the council's staff (or the county's team) see a petition at every stage; everyone once
# it passed the checks.
rules.add_perm("petitions.see_petition", is_public | is_creator | is_staff_for)
# The council the petition goes to checks, answers and closes it, and sets its own petition scheme.
rules.add_perm("petitions.handle_petition", is_staff_for)
# The creator changes their own draft, and sends it to be checked.
rules.add_perm("petitions.edit_petition", is_creator & is_draft)
rules.add_perm("petitions.submit_petition", is_creator & is_draft)
