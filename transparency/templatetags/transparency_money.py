"""Money in UK format: £1,234 and £1,234.56 (credit notes keep their minus sign); dates in long tables."""

import datetime
from decimal import Decimal, InvalidOperation

from django import template

from localism.charts import money

register = template.Library()


def _decimal(value) -> Decimal | None:
    try:
        return Decimal(value)
    except (InvalidOperation, TypeError, ValueError):
        return None


@register.filter
def pounds(value) -> str:
    amount = _decimal(value)
    return "" if amount is None else money(amount)


@register.filter
def pounds_pence(value) -> str:
    amount = _decimal(value)
    return "" if amount is None else money(amount, pence=True)


@register.filter
def strftime(value, style: str) -> str:
    """{{ record.payment_date|strftime:"%d/%m/%Y" }}: the same text as the date filter's "d/m/Y" (or "F Y" with
    "%B %Y"), for the rows of a long table: the date filter looks up its localised formats on every call."""
    return value.strftime(style) if isinstance(value, datetime.date) else ""
