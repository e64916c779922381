"""{% govuk_field %} writes a text box, select, text area or file input as a GOV.UK form group: the label (saying
when the field is optional), the hint, each error, then the control (after a prefix such as £), every text escaped.
The expected markup is what the field templates rendered before the form group was written out in Python."""

from django import forms
from django.template import Context, Template


class Proposal(forms.Form):
    title = forms.CharField(label="Title <short>", help_text="Say what & where", max_length=20)
    amount = forms.DecimalField(label="Cost", required=False)


def _fields(data=None) -> list[str]:
    page = Template(
        '{% load govuk %}{% govuk_field form.title label_class="govuk-label--m" width="20" %}|'
        '{% govuk_field form.amount prefix="£" width="5" %}'
    ).render(Context({"form": Proposal(data)}))
    return page.split("|")


def test_a_field_shows_its_label_hint_and_errors_escaped_before_its_control():
    title, _ = _fields({"title": "x" * 30, "amount": ""})

    assert title == (
        '<div class="govuk-form-group govuk-form-group--error">\n'
        '  <label class="govuk-label govuk-label--m" for="id_title">Title &lt;short&gt;</label>\n'
        '  <div id="id_title-hint" class="govuk-hint">Say what &amp; where</div>\n'
        '<p id="id_title-error" class="govuk-error-message"><span class="govuk-visually-hidden">Error:</span> '
        "Ensure this value has at most 20 characters (it has 30).</p>\n\n"
        f'  <input type="text" name="title" value="{"x" * 30}" maxlength="20" '
        'class="govuk-input govuk-input--error govuk-input--width-20" aria-describedby="id_title-hint id_title-error" '
        'required aria-invalid="true" id="id_title">\n'
        "</div>\n"
    )


def test_an_optional_field_says_so_and_its_prefix_stands_before_its_box():
    _, amount = _fields()

    assert amount == (
        '<div class="govuk-form-group">\n'
        '  <label class="govuk-label govuk-label--s" for="id_amount">Cost (optional)</label>\n'
        "  \n\n\n"
        '  <div class="govuk-input__wrapper"><div class="govuk-input__prefix" aria-hidden="true">£</div>'
        '<input type="number" name="amount" step="any" class="govuk-input govuk-input--width-5" id="id_amount">'
        "</div>\n"
        "</div>\n"
    )
