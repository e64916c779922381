"""What accounts add to the shared pages and services (imported once at start-up; see localism.registry)."""

from localism.audit import register_actions

register_actions({"accounts.user.deleted": "Account deleted and its personal data erased"})
