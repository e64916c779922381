"""Render Django forms with GOV.UK Design System markup, and write dates, times, counts and money in its style."""

from __future__ import annotations

import datetime
from decimal import Decimal, InvalidOperation

from django import forms, template
from django.template.loader import render_to_string
from django.utils.html import format_html_join
from django.utils.safestring import mark_safe

from localism import dates, jinja, numbers
from localism.forms import error_anchor
from localism.widgets import FastInput, FastSelect

register = template.Library()

# How each kind of widget is shown, the first that matches: its template in components/fields/ (Jinja2's
# components/ for the labelled fields and the date), and the GOV.UK classes of the control the widget renders,
# then with an error ("" where the template draws the controls itself; a tick box shows its error on the form
# group, not on the box).
_WIDGET_KINDS: tuple[tuple[type[forms.Widget], str, str, str], ...] = (
    (dates.DatePartsWidget, "date", "", ""),
    (forms.CheckboxSelectMultiple, "checkboxes", "", ""),
    (forms.RadioSelect, "radios", "", ""),
    (forms.CheckboxInput, "checkbox", "govuk-checkboxes__input", "govuk-checkboxes__input"),
    (forms.Textarea, "textarea", "govuk-textarea", "govuk-textarea govuk-textarea--error"),
    (forms.Select, "select", "govuk-select", "govuk-select govuk-select--error"),
    (forms.FileInput, "file", "govuk-file-upload", "govuk-file-upload govuk-file-upload--error"),
    (forms.Widget, "input", "govuk-input", "govuk-input govuk-input--error"),
)


def _kind_of(widget: forms.Widget, has_errors: bool) -> tuple[str, str]:
    """The widget's template and the class of the control it renders."""
    template, css, error_css = next(kind[1:] for kind in _WIDGET_KINDS if isinstance(widget, kind[0]))
    return template, error_css if has_errors else css


@register.simple_tag
def govuk_field(
    bound_field,
    label_class: str = "govuk-label--s",
    width: str = "",
    show_hint: bool = True,
    prefix: str = "",
    groups=None,
) -> str:
    """One form field as a GOV.UK form group with label, hint and error message (and a prefix such as £).

    groups: for tick boxes, [{"heading": ..., "options": [the field's options]}] to show them under headings.
    """
    widget = bound_field.field.widget
    if isinstance(widget, forms.HiddenInput):
        if bound_field.field.show_hidden_initial:
            return mark_safe(str(bound_field))  # noqa: S308 (Django renders and escapes the widget)
        return bound_field.as_widget(widget=FastInput.like(widget))
    has_errors = bool(bound_field.errors)
    hint_id = f"{bound_field.auto_id}-hint" if bound_field.help_text and show_hint else ""
    error_id = f"{bound_field.auto_id}-error" if has_errors else ""
    described_by = " ".join(part for part in (hint_id, error_id) if part)
    template, css = _kind_of(widget, has_errors)
    attrs = {"class": css + (f" govuk-input--width-{width}" if width else "")}
    if described_by:
        attrs["aria-describedby"] = described_by
    parts = []
    if isinstance(widget, dates.DatePartsWidget):
        parts = widget.parts(bound_field.html_name, bound_field.auto_id, bound_field.value(), errors=has_errors)
    if css:
        # A plain select or text box is written out in Python (FastSelect, FastInput): the same markup
        # without a template per option or attribute.
        fast = FastSelect.like(widget) if type(widget) is forms.Select else FastInput.like(widget)
        rendered_widget = bound_field.as_widget(widget=fast, attrs=attrs)
    else:
        rendered_widget = ""
    errors = bound_field.errors
    hint_and_errors = _hint_and_errors(bound_field.help_text if show_hint else "", hint_id, errors, error_id)
    if template in _LABELLED:
        return _labelled_field(bound_field, label_class, hint_and_errors, rendered_widget, prefix)
    if template == "date":
        return jinja.render(
            "components/_date_field.html",
            has_errors=has_errors,
            described_by=described_by,
            label=bound_field.label,
            optional=not bound_field.field.required,
            hint_and_errors=hint_and_errors,
            id=bound_field.auto_id,
            parts=parts,
        )
    # What the templates show of the field, read here once: through the template engine each look-up on a
    # bound field first tries it as an index, and fails.
    return render_to_string(
        f"components/fields/{template}.html",
        {
            "field": bound_field,
            "label": bound_field.label,
            "label_for": bound_field.id_for_label,
            "optional": not bound_field.field.required,
            "errors": errors,
            "hint_and_errors": hint_and_errors,
            "widget_html": rendered_widget,
            "described_by": described_by,
            "groups": groups,
            "parts": parts,
        },
    )


# The kinds of field written by one Jinja2 template (components/_labelled_field.html): a label, the hint and
# errors, then the control. A page of filters has ten, and through Django's engine each cost more than a query
# (so did a date, now components/_date_field.html).
_LABELLED = {"input", "select", "textarea", "file"}


def _hint_and_errors(help_text, hint_id: str, errors, error_id: str) -> str:
    """The field's hint (when shown) and its error messages, the first one with error_id, then a line each."""
    return jinja.render(
        "components/_hint_and_errors.html", help_text=help_text, hint_id=hint_id, errors=errors, error_id=error_id
    )


def _labelled_field(bound_field, label_class: str, hint_and_errors: str, widget_html: str, prefix: str) -> str:
    """A GOV.UK form group: the label (saying when the field is optional), the hint and errors, the control
    (after a prefix such as £)."""
    return jinja.render(
        "components/_labelled_field.html",
        has_errors=bool(bound_field.errors),
        label_class=label_class,
        target=bound_field.id_for_label,
        label=bound_field.label,
        optional=not bound_field.field.required,
        hint_and_errors=hint_and_errors,
        control=widget_html,
        prefix=prefix,
    )


@register.inclusion_tag("components/error_summary.html")
def govuk_error_summary(*forms_to_summarise):
    """The GOV.UK error summary for one or more forms (nothing when they are valid)."""
    items = []
    for form in forms_to_summarise:
        if not form or not getattr(form, "is_bound", False) or not form.errors:
            continue
        visible = [f for f in form if not f.is_hidden]
        first_anchor = error_anchor(visible[0]) if visible else ""
        for error in form.non_field_errors():
            items.append({"href": f"#{first_anchor}" if first_anchor else "", "text": error})
        for bound_field in visible:
            for error in bound_field.errors:
                items.append({"href": f"#{error_anchor(bound_field)}", "text": error})
    return {"items": items}


@register.filter(name="data_attributes")
def data_attributes(attrs: dict) -> str:
    """The data-* attributes a widget gave an option (for progressive enhancement), escaped."""
    return format_html_join("", ' {}="{}"', ((k, v) for k, v in (attrs or {}).items() if k.startswith("data-")))


@register.filter(name="clock")
def clock_filter(value) -> str:
    """{{ meeting.starts_at|clock }}: '6:30pm', 'midday' (localism.dates.clock)."""
    return dates.clock(value)


@register.filter(name="long_date")
def long_date_filter(value) -> str:
    """{{ petition.closes_at|long_date }}: '14 March 2026' (localism.dates.long_date)."""
    return dates.long_date(value)


@register.filter(name="iso_time")
def iso_time_filter(value) -> str:
    """{{ comment.created_at|iso_time }}: '2026-03-14T11:56:00+00:00' (localism.dates.iso_time)."""
    return dates.iso_time(value)


@register.filter(name="date_and_time")
def date_and_time_filter(value, style: str = "") -> str:
    """{{ consultation.closes_at|date_and_time }}: '14 March 2026, 11:56am'; with "weekday", the day's name first."""
    return dates.date_and_time(value, weekday=style == "weekday")


@register.filter
def strftime(value, style: str) -> str:
    """{{ record.payment_date|strftime:"%d/%m/%Y" }}: the same text as the date filter's "d/m/Y" (or "F Y" with
    "%B %Y"), for the rows of a long table: the date filter looks up its localised formats on every call."""
    return value.strftime(style) if isinstance(value, datetime.date) else ""


@register.filter(name="number")
def number_filter(value) -> str:
    """{{ petition.signature_count|number }}: '10,200' (localism.numbers.number)."""
    return numbers.number(value)


def _amount(value) -> Decimal | None:
    try:
        return Decimal(value)
    except (InvalidOperation, TypeError, ValueError):
        return None


@register.filter
def pounds(value) -> str:
    """{{ round.pot|pounds }}: '£1,235' in whole pounds, a half rounded up (localism.numbers.money); '' for none."""
    amount = _amount(value)
    return "" if amount is None else numbers.money(amount)


@register.filter
def pounds_pence(value) -> str:
    """{{ payment.amount|pounds_pence }}: '£1,234.50', a credit note '-£50.00' (localism.numbers.money)."""
    amount = _amount(value)
    return "" if amount is None else numbers.money(amount, pence=True)
