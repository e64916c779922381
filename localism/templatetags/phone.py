"""`{{ number|telephone }}`: a phone number as a link a phone can dial, or as text when it is not a number."""

from django import template
from django.utils.html import format_html

from localism.phone import tel_uri

register = template.Library()


@register.filter
def telephone(text: str) -> str:
    uri = tel_uri(text)
    if uri is None:
        return text  # escaped by the template, like any other text
    return format_html('<a class="govuk-link localism-telephone" href="{}">{}</a>', uri, text)
