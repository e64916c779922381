"""Money in UK format: £1,234 and £1,234.56 (credit notes keep their minus sign)."""

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
