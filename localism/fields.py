"""Model fields and attributes that every app uses: councils, page addresses, states, orders by a list."""

from __future__ import annotations

from collections.abc import Sequence

from django.contrib.postgres.fields import ArrayField
from django.core.validators import RegexValidator
from django.db import models


def council_link(related_name: str = "+", *, blank: bool = True, **options) -> models.ForeignKey:
    """The council that publishes, runs or decides something (its own staff act on it, `accounts.rules.is_staff_for`):
    a council that has any cannot be deleted; none yet while a record waits to be routed to one."""
    return models.ForeignKey(
        "localism.Council",
        null=True,
        blank=blank,
        on_delete=models.PROTECT,
        related_name=related_name,
        **options,
    )


# A link people follow from our pages: a path on this portal, or an https:// address elsewhere.
PAGE_ADDRESS = RegexValidator(r"^(/|https://)", "Enter a path on this site (/consultations/…) or an https:// address")


def page_address(verbose_name: str, **options) -> models.CharField:
    """The address of a page (a consultation on this portal or on a plan's own website), never javascript: or http:."""
    return models.CharField(verbose_name, max_length=300, blank=True, validators=[PAGE_ADDRESS], **options)


def status_is(*statuses: str) -> property:
    """A row's `is_<state>` property, for templates and rules to ask instead of comparing status strings:
    whether the row's status is one of these."""
    return property(lambda row: row.status in statuses)


def position_in(values: Sequence[str], expression) -> models.Func:
    """The place of the expression's value in values, from 1 (none, which sorts after them, when it is not
    there): to order rows by a list of values. One function call, which costs much less to compile, for each
    query, than a CASE with a lookup for each value."""
    return models.Func(
        models.Value(list(values), output_field=ArrayField(models.TextField())),
        expression,
        function="array_position",
        output_field=models.IntegerField(),
    )
