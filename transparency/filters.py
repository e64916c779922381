"""The explore pages' filters: GET parameters, so every filtered view has a shareable address."""

from __future__ import annotations

import datetime
import functools
import operator

from django import forms
from django.core.exceptions import ValidationError
from django.db import connection
from django.db.models import Q, QuerySet

from localism import dates
from localism.forms import ListFilterForm
from localism.models import Council, Place
from transparency.models import (
    Notice,
    SpendingFacet,
    Supplier,
)

DATE_FORMATS = dates.DATE_FORMATS


DATE_HINT = "For example, 27 3 2026"


def chosen_date(params, name: str) -> datetime.date | None:
    """The date a filter's GET parameters name, in either form; None when there is none or it is wrong."""
    try:
        return dates.DatePartsField(required=False).clean(
            dates.DatePartsWidget().value_from_datadict(params, {}, name)
        )
    except ValidationError:
        return None


def date_parameters(*names: str) -> list[str]:
    """Every GET parameter a date filter reads: its own name (older links) and its day, month and year."""
    return [f"{name}{suffix}" for name in names for suffix in ("", "_day", "_month", "_year")]


class AmountField(forms.Field):
    """An amount in pounds as people type it (£5,000, 5000.50, -200); one clear message when it is not one."""

    message = "Enter an amount in pounds, like 5000 or 5000.50"

    def to_python(self, value):
        text = (value or "").strip() if isinstance(value, str) else ""
        if not text:
            return None
        if len(text) > 30:
            raise ValidationError(self.message, code="invalid")
        from localism.imports import LineError, parse_money

        try:
            return parse_money(text)
        except LineError:
            raise ValidationError(self.message, code="invalid") from None


AMOUNT_ATTRS = {"inputmode": "decimal", "spellcheck": "false"}


def _too_long(max_length: int) -> dict[str, str]:
    return {"max_length": f"Enter no more than {max_length} characters"}


def clean_text(value: str) -> str:
    """Search text as the filters and the rollups both read it: no NUL characters, single spaces."""
    return " ".join(value.replace("\x00", "").split())


def _text(label: str, max_length: int = 100, **kwargs) -> forms.CharField:
    return forms.CharField(
        label=label, max_length=max_length, required=False, error_messages=_too_long(max_length), **kwargs
    )


def contains(rows: QuerySet, fields: tuple[str, ...], text: str) -> QuerySet:
    """Rows where any of the fields contains the search text (cleaned), whatever the case."""
    text = clean_text(text)
    if not text:
        return rows
    return rows.filter(functools.reduce(operator.or_, (Q(**{f"{f}__icontains": text}) for f in fields)))


class TextSearchFilterForm(ListFilterForm):
    """A list whose search box (`q`) keeps the rows where any of the `searched` fields contains the text."""

    searched: tuple[str, ...] = ()

    def filter_q(self, rows: QuerySet, text: str) -> QuerySet:
        return contains(rows, self.searched, text)


def _date(label: str) -> dates.DatePartsField:
    return dates.DatePartsField(label=label, help_text=DATE_HINT, required=False)


def _choose_from(label: str, what: str = "options") -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label, required=False, error_messages={"invalid_choice": f"Choose one of the {what} in the list"}
    )


class SpendingFilterForm(ListFilterForm):
    """The spending explorer's filters (and its downloads')."""

    date_from = _date("Paid on or after")
    date_to = _date("Paid on or before")
    service_area = _choose_from("Service area")
    expense_type = _choose_from("Expense type")
    amount_min = AmountField(label="Amount from (£)", required=False, widget=forms.TextInput(attrs=AMOUNT_ATTRS))
    amount_max = AmountField(label="Amount up to (£)", required=False, widget=forms.TextInput(attrs=AMOUNT_ATTRS))
    q = _text("Supplier name contains")
    supplier = _text("Supplier", widget=forms.HiddenInput)

    range_pairs = (
        ("date_from", "date_to", "The “paid on or before” date must be after the “paid on or after” date"),
        ("amount_min", "amount_max", "The “up to” amount must be more than the “from” amount"),
    )
    lookups = {
        "date_from": "payment_date__gte",
        "date_to": "payment_date__lte",
        "service_area": "service_area",
        "expense_type": "expense_type",
        "amount_min": "amount__gte",
        "amount_max": "amount__lte",
        "supplier": "supplier_slug",
    }

    def __init__(self, data, *, facets: dict[str, list[str]]):
        super().__init__(data)
        for name, everything in (("service_area", "All service areas"), ("expense_type", "All expense types")):
            self.fields[name].choices = [("", everything)] + [(value, value) for value in facets.get(name, [])]

    def filter_q(self, records: QuerySet, text: str) -> QuerySet:
        return supplier_search(records, text)


def supplier_search(records: QuerySet, text: str) -> QuerySet:
    """Payments to the suppliers whose names contain the text (cleaned)."""
    text = clean_text(text)
    if not text:
        return records
    # Matching suppliers first (a small table), then their payments through the supplier index.
    return records.filter(supplier_slug__in=Supplier.objects.filter(name__icontains=text).values("slug"))


def spending_facets() -> dict[str, list[str]]:
    """The service areas and expense types to choose from (one small query, written as SQL: on every spending
    page, the ORM took longer to build it than the database to answer it)."""
    facets: dict[str, list[str]] = {SpendingFacet.Kind.SERVICE_AREA: [], SpendingFacet.Kind.EXPENSE_TYPE: []}
    table = connection.ops.quote_name(SpendingFacet._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT kind, value FROM {table} ORDER BY kind, value")  # noqa: S608 (the model's table)
        for kind, value in cursor.fetchall():
            facets.setdefault(kind, []).append(value)
    return facets


# What a register's "on or before" date earlier than its "on or after" date is told (contracts, grants, decisions).
DATES_OUT_OF_ORDER = "The “on or before” date must be after the “on or after” date"


class ContractFilterForm(TextSearchFilterForm):
    """The contracts register's filters (and its downloads')."""

    q = _text("Title or supplier contains")
    searched = ("title", "supplier_name")
    department = _text("Department", max_length=200, widget=forms.HiddenInput)
    starts_from = _date("Starts on or after")
    starts_to = _date("Starts on or before")
    is_sme = forms.BooleanField(label="Only small or medium-sized suppliers", required=False)
    is_vcse = forms.BooleanField(label="Only voluntary, community and social enterprise suppliers", required=False)
    range_pairs = (("starts_from", "starts_to", DATES_OUT_OF_ORDER),)
    lookups = {
        "department": "department__iexact",
        "starts_from": "start_date__gte",
        "starts_to": "start_date__lte",
        "is_sme": "is_sme",
        "is_vcse": "is_vcse",
    }


class GrantFilterForm(TextSearchFilterForm):
    """The grants register's filters (and its downloads')."""

    q = _text("Recipient or title contains")
    searched = ("title", "recipient_org_name")
    awarded_from = _date("Awarded on or after")
    awarded_to = _date("Awarded on or before")
    range_pairs = (("awarded_from", "awarded_to", DATES_OUT_OF_ORDER),)
    lookups = {"awarded_from": "award_date__gte", "awarded_to": "award_date__lte"}


class DecisionFilterForm(TextSearchFilterForm):
    """The published decisions' filters (and their downloads')."""

    q = _text("Search decisions")
    searched = ("title", "summary", "decision_maker")
    decided_from = _date("Decided on or after")
    decided_to = _date("Decided on or before")
    range_pairs = (("decided_from", "decided_to", DATES_OUT_OF_ORDER),)
    lookups = {"decided_from": "decision_date__gte", "decided_to": "decision_date__lte"}


class NoticeFilterForm(TextSearchFilterForm):
    """The public notices' filters (and their downloads')."""

    q = _text("Search notices")
    searched = ("title", "body", "venue")
    council = forms.ModelChoiceField(
        label="Council",
        queryset=Council.objects.order_by("tier", "name"),
        to_field_name="slug",
        empty_label="All councils",
        required=False,
        error_messages={"invalid_choice": "Choose one of the councils in the list"},
    )
    kind = forms.ChoiceField(
        label="Kind of notice",
        choices=[("", "All kinds"), *Notice.Kind.choices],
        required=False,
        error_messages={"invalid_choice": "Choose one of the kinds of notice in the list"},
    )
    shown = forms.ChoiceField(
        label="Show",
        choices=[("", "Current and earlier notices"), ("current", "Current notices"), ("past", "Earlier notices")],
        required=False,
        error_messages={"invalid_choice": "Choose current or earlier notices"},
    )
    lookups = {"council": "council", "kind": "kind"}

    def filter_shown(self, notices: QuerySet, shown: str) -> QuerySet:
        return notices & (Notice.objects.current() if shown == "current" else Notice.objects.past())


class AssetFilterForm(ListFilterForm):
    """The register of assets' filters (and its downloads')."""

    place = forms.ModelChoiceField(
        label="District",
        queryset=Place.objects.districts(),
        to_field_name="slug",
        empty_label="All of Norfolk",
        required=False,
        error_messages={"invalid_choice": "Choose one of the districts in the list"},
    )

    def filter_place(self, assets: QuerySet, district: Place) -> QuerySet:
        """A district's list: what its district council decided (before routing, by the asset's place)."""
        return assets.filter(council__places=district) | assets.filter(council=None).in_place(district)


def validate_no_nul(value: str) -> None:
    if "\x00" in value:
        raise ValidationError("Remove the invisible characters from the text")
