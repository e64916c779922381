"""Who may do what with partnerships: everyone reads a published partnership; the staff of the partnership's
council keep it (the county's team every council's), in the admin.

`(user, obj)` predicates registered as `partnerships.<action>_<model>` and asked with has_perm; an object
that belongs to a partnership (a member, priority, meeting, paper or action) names its council through its
`council_path`, so `is_staff_for` answers for it too.
"""

from __future__ import annotations

import rules

from accounts.rules import is_staff_for
from partnerships.models import Partnership


@rules.predicate
def is_published(user, partnership: Partnership) -> bool:
    return isinstance(partnership, Partnership) and partnership.is_published


rules.add_perm("partnerships.see_partnership", is_published | is_staff_for)
# Members, priorities and their progress, meetings and papers, the action log: the council's own staff.
rules.add_perm("partnerships.keep_partnership", is_staff_for)
