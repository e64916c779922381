"""A person's data (UK GDPR): download it all, or delete the account.

Each app registers what it holds about a person, from its hooks.py: how to export
it, how to erase it, and which fields of which models that covers (its privacy.py's export, erase
and COVERS; a system check, accounts.checks, refuses a model that links to a person or holds an
email address and that no registration covers). Deleting an account keeps contributions (comments,
responses) but anonymises them: the user row stays as "Former participant" with
every personal field emptied, so that threads and counts keep their shape.
"""

from __future__ import annotations

import datetime
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db import transaction

from localism.audit import audit_record
from localism.registry import Registry, installed_model

FORMER_PARTICIPANT = "Former participant"


@dataclass(frozen=True)
class PersonalData:
    name: str
    export: Callable  # (user) -> JSON-serialisable data
    erase: Callable  # (user) -> None; runs inside the deletion's transaction
    # "app_label.Model" -> the fields the export and erasure take care of.
    covers: dict[str, frozenset[str]] = field(default_factory=dict)
    # "app_label.Model.field" -> why it holds nothing about an account holder.
    not_personal: dict[str, str] = field(default_factory=dict)


PERSONAL_DATA: Registry[PersonalData] = Registry("personal data export and erasure")


def register_personal_data(
    name: str,
    *,
    export: Callable,
    erase: Callable,
    covers: dict[type | str, Iterable[str]],
    not_personal: dict[type | str, dict[str, str]] | None = None,
) -> None:
    """Register an app's export and erasure, with the model fields they cover.

    Models are given as classes or as "app_label.Model". `not_personal` names fields that look personal
    (an email address) but hold nothing about an account holder, each with the reason.
    """

    def label(model: type | str) -> str:
        return installed_model(model, registration=f"register_personal_data({name!r})")._meta.label

    PERSONAL_DATA.add(
        name,
        PersonalData(
            name,
            export,
            erase,
            covers={label(model): frozenset(fields) for model, fields in covers.items()},
            not_personal={
                f"{label(model)}.{field_name}": reason
                for model, reasons in (not_personal or {}).items()
                for field_name, reason in reasons.items()
            },
        ),
    )


def register_privacy_module(name: str, module) -> None:
    """Register an app's privacy module: its `export(user)` and `erase(user)`, and the fields they cover,
    its `COVERS` ({model: [field names]})."""
    register_personal_data(name, export=module.export, erase=module.erase, covers=module.COVERS)


def erase_nothing_more(user) -> None:
    """An app's erase when it holds nothing about a person beyond links to the account, which the foreign keys
    empty (set to null) when the account is deleted."""


def personal_data_registry() -> dict[str, PersonalData]:
    return dict(PERSONAL_DATA)


def iso(moment) -> str | None:
    """A date or time as the download writes it (None when not set)."""
    return moment.isoformat() if moment is not None else None


def rows(queryset, *fields: str, **renamed: str) -> list[dict]:
    """Rows as the download writes them: a column for each field (named as the field) and each renamed field
    path (`listing="listing__name"`), dates and times as ISO 8601 (None when not set)."""
    columns = {name: name for name in fields} | renamed
    return [
        {
            name: iso(value) if isinstance(value, datetime.date) else value
            for name, value in zip(columns, values, strict=True)
        }
        for values in queryset.values_list(*columns.values())
    ]


def email_addresses_of(user) -> set[str]:
    """Every address the person signs in or is reached with, lower-cased (to find what was sent to them)."""
    from allauth.account.models import EmailAddress

    addresses = {user.email, *EmailAddress.objects.filter(user=user).values_list("email", flat=True)}
    return {address.lower() for address in addresses if address}


def personal_data_export(user) -> dict:
    """Everything the portal holds about this person, by app."""
    return {name: item.export(user) for name, item in sorted(PERSONAL_DATA.items())}


def readable(value, key: str = ""):
    """The export as a tree a page can show: maps of labelled rows, lists of items, and text."""
    if isinstance(value, dict):
        return {"kind": "map", "rows": [(_label(k), readable(v, k)) for k, v in value.items()]}
    if isinstance(value, list | tuple):
        if not value:
            return {"kind": "text", "text": "None"}
        return {"kind": "list", "items": [readable(item) for item in value]}
    if isinstance(value, bool):
        return {"kind": "text", "text": "Yes" if value else "No"}
    if value is None or value == "":
        return {"kind": "text", "text": "Not given"}
    return {"kind": "text", "text": str(value)}


def _label(key: str) -> str:
    words = str(key).replace("_", " ").strip()
    return words[:1].upper() + words[1:]


@transaction.atomic
def account_delete(*, user) -> None:
    """Erase the person's data and anonymise the account; logged without personal data."""
    User = get_user_model()  # noqa: N806
    user = User.objects.select_for_update().get(pk=user.pk)
    # The account's own rows go last: the other apps find the person's email addresses through them.
    for item in sorted(PERSONAL_DATA.values(), key=lambda item: item.name == "account"):
        item.erase(user)
    user.email = f"former-{uuid.uuid4().hex}@invalid"
    user.display_name = FORMER_PARTICIPANT
    user.home_postcode = ""
    user.home_place = None
    user.email_frequency = User.EmailFrequency.OFF
    user.is_active = False
    user.clear_staff_roles()
    user.set_unusable_password()
    user.save()
    user.interests.clear()
    user.groups.clear()
    user.user_permissions.clear()
    audit_record(action="accounts.user.deleted", actor=None, target=None, data={})


def export_account(user) -> dict:
    from allauth.account.models import EmailAddress
    from allauth.mfa.models import Authenticator
    from django.contrib.admin.models import LogEntry

    from localism.audit import action_label
    from localism.models import AuditEntry, ImportBatch

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
        "two_factor_methods": list(Authenticator.objects.filter(user=user).values_list("type", flat=True)),
        "councillor": (
            f"{user.councillor.name}, {user.councillor.council.name}" if hasattr(user, "councillor") else None
        ),
        "actions_recorded": [
            {"action": action_label(action), "on": target, "at": at.isoformat()}
            for action, target, at in AuditEntry.objects.filter(actor=user)
            .order_by("created_at", "id")
            .values_list("action", "target_repr", "created_at")
        ],
        "files_imported": [
            {"dataset": dataset, "file": name, "status": status, "imported": at.isoformat()}
            for dataset, name, status, at in ImportBatch.objects.filter(imported_by=user)
            .order_by("imported_at", "id")
            .values_list("dataset", "file_name", "status", "imported_at")
        ],
        "staff_admin_history": [
            {"object": target, "change": message, "at": at.isoformat()}
            for target, message, at in LogEntry.objects.filter(user=user)
            .order_by("action_time", "id")
            .values_list("object_repr", "change_message", "action_time")
        ],
    }


def erase_account(user) -> None:
    from allauth.account.models import EmailAddress
    from allauth.mfa.models import Authenticator

    from localism.models import Councillor

    EmailAddress.objects.filter(user=user).delete()
    Authenticator.objects.filter(user=user).delete()
    # The councillor's public record stays (it is the council's); only its link to the account goes.
    Councillor.objects.filter(user=user).update(user=None)
    # Other sessions end by themselves: they are bound to the password hash, which changes.
    # The audit trail and the admin history keep what was done, now by the "Former participant".
