"""Telephone numbers become links a phone can dial; anything else stays text."""

import pytest
from django.template import Context, Template

from localism.phone import tel_uri


@pytest.mark.parametrize(
    ("typed", "uri"),
    [
        ("01603 123456", "tel:+441603123456"),
        ("01603 223 344", "tel:+441603223344"),
        ("(01263) 555-555", "tel:+441263555555"),
        ("07700 900123", "tel:+447700900123"),
        ("0300 123 1234", "tel:+443001231234"),
        ("+44 (0)1603 123456", "tel:+441603123456"),
        ("+44 1603 123456", "tel:+441603123456"),
        ("0044 1603 123456", "tel:+441603123456"),
        ("+33 1 23 45 67 89", "tel:+33123456789"),
    ],
)
def test_a_phone_number_as_typed_has_a_dialable_address(typed, uri):
    assert tel_uri(typed) == uri


@pytest.mark.parametrize(
    "typed", ["", "ask at reception", "call us", "0160", "12345678901234567", "01603 123456 or 07700"]
)
def test_text_that_is_not_a_phone_number_has_no_address(typed):
    assert tel_uri(typed) is None


def _render(number: str) -> str:
    return Template("{% load phone %}{{ number|telephone }}").render(Context({"number": number}))


def test_the_filter_links_a_number_and_shows_it_as_typed():
    assert _render("01603 123456") == (
        '<a class="govuk-link localism-telephone" href="tel:+441603123456">01603 123456</a>'
    )


def test_the_filter_shows_nonsense_as_escaped_text():
    assert _render("ring <b>Bob</b>") == "ring &lt;b&gt;Bob&lt;/b&gt;"
