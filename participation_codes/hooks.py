"""What one-time codes add to the shared services (imported once at start-up; see localism.registry)."""

from accounts.privacy import register_privacy_module
from localism.audit import register_actions
from participation_codes import privacy

register_actions(
    {
        "participation_codes.batch.made": "One-time codes made",
        "participation_codes.batch.revoked": "One-time codes revoked",
    }
)

register_privacy_module("participation_codes", privacy)
