"""What accounts add to the shared pages and services (imported once at start-up; see localism.registry)."""

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.contrib.admin.models import LogEntry
from django.contrib.auth import get_user_model

from accounts import privacy
from accounts.privacy import register_personal_data
from localism.audit import register_actions
from localism.models import AuditEntry, Council, Councillor, ImportBatch, PlaceContact

register_actions({"accounts.user.deleted": "Account deleted and its personal data erased"})

# The account's own data, and that of the shared models of `localism` (which does not depend on accounts).
User = get_user_model()
register_personal_data(
    "account",
    export=privacy.export_account,
    erase=privacy.erase_account,
    covers={
        User: ["email", "email_frequency"],
        EmailAddress: ["user", "email"],
        Authenticator: ["user"],
        AuditEntry: ["actor"],
        ImportBatch: ["imported_by"],
        LogEntry: ["user"],
        Councillor: ["user"],
    },
    not_personal={
        PlaceContact: {
            "email": "a councillor's or officer's published work address, kept by staff; linked to no account"
        },
        Council: {"email": "a council's published public address, kept by staff; linked to no account"},
        Councillor: {"email": "a councillor's published public address, kept by staff; linked to no account"},
    },
)
