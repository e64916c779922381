"""A consultation's status as a tag, and server-drawn SVG bar charts: the same numbers as the table beside them."""

from __future__ import annotations

from django import template
from django.utils.html import format_html

from consultations.models import Consultation

register = template.Library()

# The GOV.UK tag colour of each status.
STATUS_COLOURS = {
    Consultation.Status.OPEN: "green",
    Consultation.Status.UPCOMING: "blue",
    Consultation.Status.OUTCOME: "purple",
    Consultation.Status.DRAFT: "yellow",
    Consultation.Status.CLOSED: "grey",
}


@register.filter
def status_tag(status: str) -> str:
    """`{{ consultation.status|status_tag }}`: the status as a GOV.UK tag."""
    if status not in STATUS_COLOURS:
        status = Consultation.Status.CLOSED
    label = Consultation.Status(status).label
    return format_html('<strong class="govuk-tag govuk-tag--{}">{}</strong>', STATUS_COLOURS[status], label)


CHART_WIDTH = 640
LABEL_WIDTH = 260
BAR_HEIGHT = 24
ROW_HEIGHT = 36


@register.inclusion_tag("consultations/partials/_bar_chart.html")
def bar_chart(result, number: int):
    """A horizontal bar for each option (ranking: its score), longest bar = the biggest value."""
    biggest = result.biggest
    space = CHART_WIDTH - LABEL_WIDTH - 90
    bars = []
    for row, option in enumerate(result.options):
        value = option.score if result.is_ranking else option.count
        label = option.label if len(option.label) <= 34 else option.label[:33] + "…"
        bars.append(
            {
                "label": label,
                "value": value,
                "shown": f"{value:,}" if result.is_ranking else f"{option.count:,} ({option.percent:g}%)",
                "y": row * ROW_HEIGHT + 6,
                "text_y": row * ROW_HEIGHT + 6 + BAR_HEIGHT * 0.7,
                "width": max(1, round(space * value / biggest)) if value else 0,
                "value_x": LABEL_WIDTH + (round(space * value / biggest) if value else 0) + 6,
            }
        )
    return {
        "chart_id": f"chart-{number}",
        "result": result,
        "bars": bars,
        "width": CHART_WIDTH,
        "height": len(bars) * ROW_HEIGHT + 12,
        "label_width": LABEL_WIDTH,
        "label_x": LABEL_WIDTH - 8,
        "bar_height": BAR_HEIGHT,
    }
