"""A person's data (UK GDPR): download it all, or delete the account.

Each app registers what it holds about a person: how to export it and how to
erase it. Deleting an account keeps contributions (comments, responses) but
anonymises them: the user row stays as "Former participant" with every personal
field emptied, so that threads and counts keep their shape.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import transaction

from localism.audit import audit_record

FORMER_PARTICIPANT = "Former participant"


@dataclass(frozen=True)
class PersonalData:
    name: str
    export: Callable  # (user) -> JSON-serialisable data
    erase: Callable  # (user) -> None; runs inside the deletion's transaction


_REGISTRY: dict[str, PersonalData] = {}


def register_personal_data(name: str, *, export: Callable, erase: Callable) -> None:
    _REGISTRY[name] = PersonalData(name, export, erase)


def personal_data_export(user) -> dict:
    """Everything the portal holds about this person, by app."""
    return {name: item.export(user) for name, item in sorted(_REGISTRY.items())}


@transaction.atomic
def account_delete(*, user) -> None:
    """Erase the person's data and anonymise the account; logged without personal data."""
    User = get_user_model()  # noqa: N806
    user = User.objects.select_for_update().get(pk=user.pk)
    for item in _REGISTRY.values():
        item.erase(user)
    user.email = f"former-{uuid.uuid4().hex}@invalid"
    user.display_name = FORMER_PARTICIPANT
    user.home_postcode = ""
    user.home_place = None
    user.email_frequency = User.EmailFrequency.OFF
    user.is_active = False
    user.is_staff = False
    user.is_superuser = False
    user.set_unusable_password()
    user.save()
    user.interests.clear()
    user.groups.clear()
    user.user_permissions.clear()
    audit_record(action="accounts.user.deleted", actor=None, target=None, data={})


def _export_account(user) -> dict:
    from allauth.account.models import EmailAddress

    return {
        "email": user.email,
        "display_name": user.display_name,
        "home_postcode": user.home_postcode,
        "home_place": user.home_place.name if user.home_place else None,
        "interests": [topic.name for topic in user.interests.all()],
        "email_frequency": user.email_frequency,
        "date_joined": user.date_joined.isoformat(),
        "last_login": user.last_login.isoformat() if user.last_login else None,
        "email_addresses": [
            {"email": e.email, "verified": e.verified, "primary": e.primary}
            for e in EmailAddress.objects.filter(user=user)
        ],
    }


def _erase_account(user) -> None:
    from allauth.account.models import EmailAddress
    from allauth.mfa.models import Authenticator

    EmailAddress.objects.filter(user=user).delete()
    Authenticator.objects.filter(user=user).delete()
    # Other sessions end by themselves: they are bound to the password hash, which changes.


register_personal_data("account", export=_export_account, erase=_erase_account)
