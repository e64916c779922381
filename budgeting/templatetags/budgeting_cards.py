"""The cards of a round's projects, written out in Python.

A round lists every accepted project (the bench round has forty): through the template engine (a variable
look-up, a filter and an escape per figure) the cards cost the round's page more than its SQL. The markup is
the same as the template's was, escaped as its autoescape would.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

register = template.Library()


def whole_pounds(amount: Decimal) -> str:
    """1234.5 -> '1,235': as |floatformat:"0g" writes it (half up, the thousands grouped)."""
    return f"{Decimal(amount).quantize(Decimal(1), rounding=ROUND_HALF_UP):,}"


@register.simple_tag
def project_cards(projects) -> str:
    """{% project_cards projects %}: an <li> per project (its title linking to its page, cost, place and group),
    each project with `url` (Round.with_addresses) and its place and organisation."""
    cards = []
    for project in projects:
        url, title = conditional_escape(project.url), conditional_escape(project.title)
        place, organisation = conditional_escape(project.place.name), conditional_escape(project.organisation.name)
        cards.append(
            "\n      <li>\n"
            '        <h3 class="govuk-heading-s govuk-!-margin-bottom-1">'
            f'<a class="govuk-link" href="{url}">{title}</a></h3>\n'
            '        <p class="govuk-body govuk-!-margin-bottom-0">'
            f"£{whole_pounds(project.cost)} · {place} · {organisation}</p>\n"
            "      </li>\n      "
        )
    # Every text from a project is escaped above.
    return mark_safe("".join(cards))  # noqa: S308
