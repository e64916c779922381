"""Who may see and revoke a batch of codes: the staff of the council whose round or consultation it is (the
county's team for all). Making codes is asked of the target's own rule (see participation_codes.registry)."""

import rules

from accounts.rules import is_staff_for

rules.add_perm("participation_codes.manage_codebatch", is_staff_for)
