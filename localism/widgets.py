"""A select whose options, and a text box whose attributes, are written out in Python.

Django renders each option of a select through a template of its own. On the pages with filters (the
directory search with some 70 options, the spending explorer, the petitions list) that cost more than
the page's SQL, so every plain select of a GOV.UK form field (`{% govuk_field %}`) is written out here;
so is every plain text box, number box, tick box and hidden input, whose template includes two more (the
spending explorer's filters have five), and their attributes are written without format_html's lazy escapes.
A select of model rows reads them with one plain query (ChoicesAtOnce).
"""

from __future__ import annotations

from html import escape

from django import forms
from django.forms.models import ModelChoiceIterator
from django.utils.choices import BaseChoiceIterator
from django.utils.safestring import mark_safe


class ChoicesAtOnce(BaseChoiceIterator):
    """The choices of a select of model rows (Django's ModelChoiceIterator), read with one plain query: Django
    reads them through a server-side cursor (QuerySet.iterator(): DECLARE, FETCH and CLOSE, three round trips),
    which spares memory only on lists far longer than a select's. Each choice is still the iterator's own (its
    value and label rules)."""

    def __init__(self, choices: ModelChoiceIterator):
        self.choices = choices

    def __iter__(self):
        field = self.choices.field
        if field.empty_label is not None:
            yield ("", field.empty_label)
        for obj in self.choices.queryset.all():
            yield self.choices.choice(obj)


class FastSelect(forms.Select):
    """forms.Select with the same markup, written without a template per option."""

    @classmethod
    def like(cls, widget: forms.Select) -> FastSelect:
        """A FastSelect with a plain select's attributes and choices (the choices are not read until rendered;
        model rows are read at once)."""
        fast = cls(attrs=widget.attrs)
        choices = widget.choices
        fast.choices = ChoicesAtOnce(choices) if isinstance(choices, ModelChoiceIterator) else choices
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
        # Every value and label is escaped above, and the attributes in _attributes.
        return mark_safe(f"<select{_attributes(final_attrs)}>{''.join(options)}</select>")  # noqa: S308


class FastInput(forms.widgets.Input):
    """A text box, number box, tick box or hidden input (forms.TextInput, NumberInput, CheckboxInput, HiddenInput)
    with the same markup as Django's template for it (django/forms/widgets/input.html and attrs.html), written
    without the three templates."""

    KINDS = (forms.TextInput, forms.NumberInput, forms.CheckboxInput, forms.HiddenInput)

    @classmethod
    def like(cls, widget: forms.Widget) -> FastInput | None:
        """A FastInput in place of a plain text box, number box, tick box or hidden input; None for any other."""
        if type(widget) not in cls.KINDS or widget.template_name != type(widget).template_name:
            return None
        fast = cls(attrs=widget.attrs)
        fast.original = widget
        fast.input_type = widget.input_type
        fast.is_required = widget.is_required
        fast.is_localized = widget.is_localized
        return fast

    def render(self, name, value, attrs=None, renderer=None):
        # The widget's own context: the value as it writes it, its attributes (and a ticked box's "checked").
        context = self.original.get_context(name, value, attrs)["widget"]
        parts = [f'<input type="{escape(context["type"])}" name="{escape(name)}"']
        if context["value"] is not None:
            parts.append(f' value="{escape(str(context["value"]))}"')
        for attribute, setting in context["attrs"].items():
            if setting is True:
                parts.append(f" {escape(str(attribute))}")
            elif setting is not False:
                parts.append(f' {escape(str(attribute))}="{escape(str(setting))}"')
        # Every name and value is escaped above, as the template's autoescape would.
        return mark_safe("".join(parts) + ">")  # noqa: S308


def escaped(value) -> str:
    """Django's conditional_escape(value) (html.escape: `'` as `&#x27;`, `"` as `&quot;`), without its lazy
    wrapper: safe markup (a value with __html__, as SafeString and Jinja2's Markup have) is written as it is.
    The one escaping of the fast widgets and of the Jinja2 engine (localism/jinja.py)."""
    return value.__html__() if hasattr(value, "__html__") else escape(str(value))


def _attributes(attrs: dict) -> str:
    """django.forms.utils.flatatt(attrs), the same text: ' name="value"' in the names' order, then the names of
    the true booleans in order (None and False left out)."""
    pairs = sorted((name, value) for name, value in attrs.items() if value is not None and not isinstance(value, bool))
    flags = sorted(name for name, value in attrs.items() if value is True)
    written = [f' {escaped(name)}="{escaped(value)}"' for name, value in pairs]
    return "".join(written) + "".join(f" {escaped(name)}" for name in flags)
