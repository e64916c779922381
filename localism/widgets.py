"""A select whose options are written out in Python.

Django renders each option of a select through a template of its own. On the pages with filters (the
directory search with some 70 options, the spending explorer, the petitions list) that cost more than
the page's SQL, so every plain select of a GOV.UK form field (`{% govuk_field %}`) is written out here.
"""

from __future__ import annotations

from html import escape

from django import forms
from django.forms.utils import flatatt
from django.utils.safestring import mark_safe


class FastSelect(forms.Select):
    """forms.Select with the same markup, written without a template per option."""

    @classmethod
    def like(cls, widget: forms.Select) -> FastSelect:
        """A FastSelect with a plain select's attributes and choices (the choices are not read until rendered)."""
        fast = cls(attrs=widget.attrs)
        fast.choices = widget.choices
        fast.is_required = widget.is_required
        return fast

    def render(self, name, value, attrs=None, renderer=None):
        final_attrs = self.build_attrs(self.attrs, attrs)
        final_attrs["name"] = name
        selected = {str(v) for v in self.format_value(value)}

        def option(option_value, label) -> str:
            option_value = "" if option_value is None else str(option_value)
            chosen = " selected" if option_value in selected else ""
            return f'<option value="{escape(option_value)}"{chosen}>{escape(str(label))}</option>'

        options = []
        for option_value, label in self.choices:
            if isinstance(label, (list, tuple)):  # a group of options under a heading
                inner = "".join(option(value, text) for value, text in label)
                options.append(f'<optgroup label="{escape(str(option_value))}">{inner}</optgroup>')
            else:
                options.append(option(option_value, label))
        # Every value and label is escaped above; flatatt escapes the attributes.
        return mark_safe(f"<select{flatatt(final_attrs)}>{''.join(options)}</select>")  # noqa: S308
