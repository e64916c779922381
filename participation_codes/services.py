"""Making, using and revoking one-time codes.

A code is 12 characters from an alphabet without look-alikes (no 0/O, 1/I/L): 31^12, about 2^59, so
even a million live codes leave a guess a chance below one in 10^11, and guessing is rate limited on
top. Only `code_digest(code)`, a keyed SHA-256 (HMAC) under `PARTICIPATION_CODE_PEPPER`, is stored;
with that much entropy a fast keyed hash is enough (no password stretching needed).
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.crypto import salted_hmac

from accounts.permissions import council_id_of
from localism.audit import audit_record
from participation_codes.models import CodeBatch, ParticipationCode

ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
CODE_LENGTH = 12
BATCH_MAX = 200  # the sheet is drawn within the request: about 0.1 s a card on a busy 2-core machine
# The one answer to a code that cannot be used, whatever the reason (never issued, used, revoked, for
# something else), so that trying codes tells nobody which exist.
REFUSAL = "This code cannot be used. Check you typed it as printed on your card; each code works only once."


class CodeRefusedError(ValidationError):
    def __init__(self) -> None:
        super().__init__(REFUSAL, code="code_refused")


def _pepper() -> bytes:
    configured = getattr(settings, "PARTICIPATION_CODE_PEPPER", "")
    if configured:
        return configured.encode()
    return salted_hmac("participation_codes", "pepper", algorithm="sha256").digest()


def normalise(code: str) -> str:
    """What was typed, as the code: capitals, without the spaces and dashes printed to make it readable."""
    return "".join(ch for ch in code.upper() if ch.isalnum())


def code_digest(code: str) -> str:
    return hmac.new(_pepper(), normalise(code).encode(), hashlib.sha256).hexdigest()


def printed(code: str) -> str:
    """The code in groups of four, as on the card: 7KQM-3XPA-HC9T."""
    return "-".join(code[i : i + 4] for i in range(0, len(code), 4))


def _new_code() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))


def _target_filter(target) -> Q:
    return Q(batch__content_type=ContentType.objects.get_for_model(target), batch__object_id=target.pk)


@transaction.atomic
def batch_create(*, target, size: int, label: str, by) -> tuple[CodeBatch, list[str]]:
    """Make `size` codes for the target; the codes are returned once, for the sheet, and never kept."""
    if not 1 <= size <= BATCH_MAX:
        raise ValidationError(f"Make between 1 and {BATCH_MAX:,} codes at a time.")
    batch = CodeBatch.objects.create(
        content_type=ContentType.objects.get_for_model(target),
        object_id=target.pk,
        council_id=council_id_of(target),
        label=label.strip(),
        size=size,
        created_by=by,
    )
    codes: set[str] = set()
    while len(codes) < size:
        codes.add(_new_code())
    ParticipationCode.objects.bulk_create([ParticipationCode(batch=batch, digest=code_digest(c)) for c in codes])
    audit_record(action="participation_codes.batch.made", actor=by, target=batch, data={"size": size})
    return batch, sorted(codes)


@transaction.atomic
def batch_revoke(*, batch: CodeBatch, by) -> CodeBatch:
    """Stop every unused code of the batch from working (those used stay counted)."""
    batch = CodeBatch.objects.select_for_update().get(pk=batch.pk)
    if batch.revoked_at is None:
        batch.revoked_at = timezone.now()
        batch.revoked_by = by
        batch.save(update_fields=["revoked_at", "revoked_by"])
        audit_record(action="participation_codes.batch.revoked", actor=by, target=batch)
    return batch


def code_use(*, target, code: str) -> None:
    """Use a code for the target, in the caller's transaction; CodeRefusedError (one message for every reason)
    if it is not a live, unused code of a batch made for this target.

    One conditional UPDATE: of two people using the same code at once, PostgreSQL makes the second wait
    for the first's row lock and then finds the code used, so exactly one succeeds."""
    if len(normalise(code)) != CODE_LENGTH:
        raise CodeRefusedError()
    found = ParticipationCode.objects.filter(
        _target_filter(target), digest=code_digest(code), used_at__isnull=True, batch__revoked_at__isnull=True
    ).values_list("pk", flat=True)
    # Django cannot UPDATE through a join: the row is named by a subquery, re-checked under its lock.
    used = ParticipationCode.objects.filter(pk__in=found, used_at__isnull=True).update(used_at=timezone.now())
    if used != 1:
        raise CodeRefusedError()


def batches_of(target) -> list[CodeBatch]:
    """The target's batches, each with `used`: how many of its codes have been used."""
    return list(
        CodeBatch.objects.filter(content_type=ContentType.objects.get_for_model(target), object_id=target.pk)
        .annotate(used=Count("codes", filter=Q(codes__used_at__isnull=False)))
        .select_related("created_by")
    )
