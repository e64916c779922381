"""People's references for what they send (ACV-2026-0001, CAT-2026-0001, RTC-2026-0001): numbered per year."""

from __future__ import annotations

import datetime

from django.db import connection, models


def next_reference(model: type[models.Model], code: str, *, today: datetime.date, lock: str) -> str:
    """The next free "<code>-<year>-<number>" of `model.reference`, inside the caller's transaction.

    The advisory lock `lock`, held to the end of that transaction, serialises the numbering: two rows
    sent at the same moment never share a reference.
    """
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", [lock])
    prefix = f"{code}-{today.year}-"
    last = (
        model.objects.filter(reference__startswith=prefix)
        .order_by("-reference")
        .values_list("reference", flat=True)
        .first()
    )
    number = int(last.rsplit("-", 1)[1]) + 1 if last else 1
    return f"{prefix}{number:04d}"
