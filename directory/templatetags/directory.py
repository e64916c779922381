from django import template

from directory.languages import language_name

register = template.Library()


@register.filter
def miles(km) -> str:
    """1.6 (km) -> '1 mile'; 0.2 -> 'less than half a mile'."""
    if km is None:
        return ""
    value = km / 1.609344
    if value < 0.5:
        return "less than half a mile"
    if value < 1.5:
        return "1 mile"
    return f"{value:.0f} miles" if value >= 10 else f"{value:.1f} miles"


@register.filter
def language_names(codes) -> str:
    return ", ".join(language_name(code) for code in codes)
