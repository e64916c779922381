"""Budgeting's template filters."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from django import template

register = template.Library()


@register.filter
def whole_pounds(amount: Decimal) -> str:
    """1234.5 -> '1,235': as |floatformat:"0g" writes it (half up, the thousands grouped)."""
    return f"{Decimal(amount).quantize(Decimal(1), rounding=ROUND_HALF_UP):,}"
