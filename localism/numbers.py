"""Counts as GOV.UK writes them: a comma in each thousand ("10,200"), and the noun of a count of one in the
singular ("1 signature", "10,200 signatures"). Pages ask `number` through the `number` template filter
(localism/templatetags/govuk.py); emails, feeds, charts and staff messages ask `counted`."""

from __future__ import annotations

from decimal import Decimal


def number(value) -> str:
    """'10,200' for a count, whether it comes as an int, a sum's Decimal or a text of digits; any other text
    (such as "Fewer than 5") as it is, and None as nothing."""
    if isinstance(value, str) and value.lstrip("-").isdigit():
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        return "" if value is None else str(value)
    return f"{int(value):,}" if value == int(value) else f"{value:,}"


def counted(count, singular: str, plural: str = "") -> str:
    """'1 signature', '10,200 signatures': the count and its noun (plural: when it is not the singular and "s")."""
    return f"{number(count)} {singular if count == 1 else plural or singular + 's'}"
