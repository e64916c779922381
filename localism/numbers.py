"""Counts and money as GOV.UK writes them: a comma in each thousand ("10,200", "£4,796,887"), and the noun of a
count of one in the singular ("1 signature", "10,200 signatures"). Pages ask `number`, `pounds` and
`pounds_pence` through the template filters of the same names (localism/templatetags/govuk.py); emails, feeds,
charts, forms and staff messages ask `number`, `counted` and `money`."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, localcontext


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


def money(value: Decimal | int | float | None, *, pence: bool = False) -> str:
    """'£1,235' for 1234.5 (whole pounds, a half rounded up), or '£1,234.50' with pence; a credit note keeps its
    minus sign in front ('-£50.00'). Formatting rounds without the context's 28-digit limit, so any number given
    is written, however large."""
    value = Decimal(value or 0)
    with localcontext(rounding=ROUND_HALF_UP):
        text = f"{value.copy_abs():,.{2 if pence else 0}f}"
    sign = "-" if value < 0 and text.strip("0.,") else ""
    return f"{sign}£{text}"
