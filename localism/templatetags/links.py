"""`{% fixed_url 'localism:home' %}`: a link that is the same on every page (localism.links.fixed_reverse)."""

from django import template

from localism.links import fixed_reverse

register = template.Library()


@register.simple_tag
def fixed_url(viewname: str, *args: str) -> str:
    """Like `{% url %}` for a view and constant arguments, reversed once rather than on every page."""
    return fixed_reverse(viewname, *args)
