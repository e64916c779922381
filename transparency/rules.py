"""Who may do what in transparency: `(user, obj)` predicates registered as `transparency.<action>_<model>`.

Views, the admin and the follow registry ask them through `user.has_perm(name, obj)`.
"""

from __future__ import annotations

import rules
from django.core.exceptions import PermissionDenied

from accounts.rules import (
    has_model_permission,
    has_verified_email,
    is_person_in,
    is_staff_for,
    is_staff_member,
    object_is,
)

is_decided_nomination = object_is("is_public")
is_nominator = is_person_in("nominated_by_id")
is_decided_expression = object_is("is_decided")
is_sender = is_person_in("submitted_by_id")
is_open_window = object_is("is_open")


# Anyone signed in with a verified email may nominate on behalf of an eligible community body.
rules.add_perm("transparency.nominate_asset", has_verified_email)
# Decided nominations are public; one awaiting a decision is seen by its nominator and staff only.
# (Staff of one district council see their own district's alone: `is_staff_for`.)
rules.add_perm("transparency.see_assetnomination", is_decided_nomination | is_nominator | is_staff_for)
# Supporting documents can name people and addresses: the nominator and staff only, even once decided.
rules.add_perm("transparency.see_nomination_documents", is_nominator | is_staff_for)
# Importing data, deciding nominations and recording notices are staff work (in the admin, with MFA).
rules.add_perm("transparency.import_data", is_staff_member)
# A person with a confirmed email may send an expression of interest while the window is open.
rules.add_perm("transparency.express_interest", has_verified_email & is_open_window)
# Decisions are published; an expression awaiting one is seen by its sender and staff only.
rules.add_perm("transparency.see_expressionofinterest", is_decided_expression | is_sender | is_staff_for)
# The deciding council's staff (or the county's team) decide, with the admin's permission to change them.
rules.add_perm(
    "transparency.decide_assetnomination",
    is_staff_for & has_model_permission("transparency.change_assetnomination"),
)
rules.add_perm(
    "transparency.decide_expressionofinterest",
    is_staff_for & has_model_permission("transparency.change_expressionofinterest"),
)
# A council's staff publish its windows for the Right to Challenge and its decisions.
rules.add_perm("transparency.run_challengewindow", is_staff_for)
rules.add_perm("transparency.publish_decision", is_staff_for)
# A council's staff (a parish clerk for the parish) give its public notices, and no other council's.
rules.add_perm("transparency.publish_notice", is_staff_for)


def ensure_can_decide(user, perm: str, obj) -> None:
    """The services' own check: nobody decides for another council, whichever way the call came."""
    if not user.has_perm(perm, obj):
        raise PermissionDenied("Only the deciding council's staff can do this.")
