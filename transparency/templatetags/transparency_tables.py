"""The rows of the spending pages' tables, written out in Python.

A page shows 50 payments of some ten figures each, and its charts' tables a row a month: through the
template engine (a variable look-up, a filter and an escape per cell) they cost the spending pages more
than their SQL. The markup is the same as the templates' was, escaped as their autoescape would.
"""

from __future__ import annotations

from html import escape

from django import template
from django.utils.html import format_html_join
from django.utils.safestring import mark_safe

from transparency.templatetags.transparency_money import pounds_pence, strftime

register = template.Library()

_DELIVERED = "transparency/partials/_what_it_delivered.html"


@register.simple_tag(takes_context=True)
def payment_rows(context, records, hide_supplier=False) -> str:
    """{% payment_rows page.object_list hide_supplier %}: a <tr> per payment (its date, supplier, service area,
    expense type, purpose with what it delivered, and amount). Each is the row of a payment's values
    (transparency.views._payments_page) with `delivered` (a list, see _with_what_they_delivered) and, unless
    hide_supplier, `supplier_url`."""
    delivered_template = None
    rows = []
    for record in records:
        supplier = ""
        if not hide_supplier:
            link = f'<a class="govuk-link" href="{escape(record.supplier_url)}">'
            supplier = f'<td class="govuk-table__cell">{link}{escape(record.beneficiary_name)}</a></td>'
        delivered = ""
        if record.delivered:
            # The same partial the decisions and contracts pages include, in this page's context.
            delivered_template = delivered_template or context.template.engine.get_template(_DELIVERED)
            with context.push(delivered=record.delivered):
                delivered = delivered_template.render(context)
        rows.append(
            f'\n    <tr class="govuk-table__row" id="payment-{record.pk}">\n'
            f'      <td class="govuk-table__cell">{strftime(record.payment_date, "%d/%m/%Y")}</td>\n'
            f"      {supplier}\n"
            f'      <td class="govuk-table__cell">{escape(record.service_area)}</td>\n'
            f'      <td class="govuk-table__cell">{escape(record.expense_type)}</td>\n'
            f'      <td class="govuk-table__cell">{escape(record.purpose)}{delivered}</td>\n'
            f'      <td class="govuk-table__cell govuk-table__cell--numeric">{pounds_pence(record.amount)}</td>\n'
            "    </tr>\n    "
        )
    # Every text from a record is escaped above; the delivered partial is escaped by its template.
    return mark_safe("".join(rows))  # noqa: S308


@register.simple_tag
def figure_rows(rows) -> str:
    """{% figure_rows charts.month_rows %}: a chart's table, a row for each (what it is, its figure in words)."""
    return format_html_join(
        "",
        '<tr class="govuk-table__row"><th scope="row" class="govuk-table__header">{}</th>'
        '<td class="govuk-table__cell govuk-table__cell--numeric">{}</td></tr>',
        rows,
    )
