"""A plain text box, number box, tick box or hidden input in a GOV.UK form field is written out by
localism.widgets.FastInput: the very markup Django's own templates render (type, name, value, attributes in
order), escaped the same way."""

import pytest
from django import forms
from django.template import Context, Template

from localism.widgets import FastInput

pytestmark = pytest.mark.django_db


class Filters(forms.Form):
    q = forms.CharField(label="Name contains", max_length=100, required=False, help_text="Part of a name")
    amount = forms.CharField(
        widget=forms.TextInput(attrs={"inputmode": "decimal", "spellcheck": "false", "autofocus": True, "x": False})
    )
    supplier = forms.CharField(widget=forms.HiddenInput, required=False)


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"q": "Wells \"next\" the <Sea> & 'Co'", "amount": "£5,000", "supplier": "a&b"},
        {"q": "", "amount": "12", "supplier": ""},
    ],
)
def test_a_text_box_or_hidden_input_in_a_govuk_field_is_the_markup_django_renders(data):
    form = Filters(data or None)
    fields = '{% govuk_field form.q width="20" %}{% govuk_field form.amount %}{% govuk_field form.supplier %}'
    page = Template("{% load govuk %}" + fields).render(Context({"form": form}))

    q, amount = form["q"], form["amount"]
    error = " govuk-input--error" if amount.errors else ""
    assert q.as_widget(attrs={"class": "govuk-input govuk-input--width-20", "aria-describedby": "id_q-hint"}) in page
    described = {"aria-describedby": "id_amount-error"} if amount.errors else {}
    assert amount.as_widget(attrs={"class": f"govuk-input{error}", **described}) in page
    assert page.endswith(str(form["supplier"]))


def test_each_value_and_attribute_is_escaped_as_djangos_template_escapes_it():
    text_box = forms.TextInput(attrs={"data-x": "\"<&>'", "required": True, "hidden": False})
    number_box = forms.NumberInput(attrs={"min": 0, "max": 120, "inputmode": "numeric"})
    tick_box = forms.CheckboxInput(attrs={"value": "on"})
    for widget in (text_box, number_box, tick_box, forms.CheckboxInput(), forms.HiddenInput()):
        fast = FastInput.like(widget)
        for value in (None, "", "\"<&>'", 5, True, False, "on"):
            attrs = {"id": "id_<x>", "aria-describedby": 'a"b'}
            assert fast.render("n<&", value, attrs) == widget.render("n<&", value, attrs)


def test_other_inputs_are_left_to_their_own_rendering():
    class Own(forms.TextInput):
        def render(self, *args, **kwargs):
            return "<input data-own>"

    for widget in (Own(), forms.EmailInput(), forms.PasswordInput(), forms.Textarea()):
        assert FastInput.like(widget) is None
