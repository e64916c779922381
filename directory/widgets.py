"""A select that renders its options in Python: the search form has ~70 options on every results page,
and Django's template-per-option rendering of them cost more than the search's SQL."""

from __future__ import annotations

from html import escape

from django import forms
from django.forms.utils import flatatt
from django.utils.safestring import mark_safe


class FastSelect(forms.Select):
    def render(self, name, value, attrs=None, renderer=None):
        final_attrs = self.build_attrs(self.attrs, attrs)
        final_attrs["name"] = name
        selected = {str(v) for v in self.format_value(value)}
        options = "".join(
            f'<option value="{escape(str(option_value))}"{" selected" if str(option_value) in selected else ""}>'
            f"{escape(str(label))}</option>"
            for option_value, label in self.choices
        )
        # Every value and label is escaped above; flatatt escapes the attributes.
        return mark_safe(f"<select{flatatt(final_attrs)}>{options}</select>")  # noqa: S308
