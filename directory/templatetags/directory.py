from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

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


@register.simple_tag
def listing_results(results) -> str:
    """{% listing_results page.object_list %}: an <li> per directory.views.ListingResult (its name linking to the
    listing, kind, group, summary, opening days, and distance and town from a postcode), as the search and the
    category pages list them.

    Written out in Python: a page lists twenty, and through the template engine (a look-up and an escape per
    figure) they cost the search more than its SQL. Every text from a result is escaped, as autoescape would.
    """
    items = []
    for result in results:
        open_days = (
            f'<p class="govuk-body-s govuk-!-margin-bottom-1">{conditional_escape(result.open_days)}</p>'
            if result.open_days
            else ""
        )
        distance = ""
        if result.distance_km is not None:
            town = f", in {conditional_escape(result.town)}" if result.town else ""
            distance = (
                '<p class="govuk-body-s govuk-!-margin-bottom-0">'
                f"<strong>{conditional_escape(miles(result.distance_km))}</strong> away{town}</p>"
            )
        url, name = conditional_escape(result.url), conditional_escape(result.name)
        items.append(
            '\n<li class="localism-directory-result">\n'
            '  <h3 class="govuk-heading-s govuk-!-margin-bottom-1">'
            f'<a class="govuk-link" href="{url}">{name}</a></h3>\n'
            '  <p class="govuk-body-s govuk-!-margin-bottom-1"><span class="govuk-tag govuk-tag--grey">'
            f"{conditional_escape(result.kind)}</span> run by {conditional_escape(result.organisation_name)}</p>\n"
            f'  <p class="govuk-body govuk-!-margin-bottom-1">{conditional_escape(result.summary)}</p>\n'
            f"  {open_days}\n"
            f"  {distance}\n"
            "</li>\n"
        )
    return mark_safe("".join(items))  # noqa: S308 (every text from a result is escaped above)
