"""Charts drawn on the server as SVG, from the same numbers as the table beside them.

Every chart is an image with a title that points to its table; pages write them with the Jinja2 templates
templates/jinja2/components/charts/ (a chart has dozens of marks of some eight figures each), the styles are
in static/css/localism.css (`.localism-chart`).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from localism.numbers import money

WIDTH = 640


@dataclass(frozen=True)
class Mark:
    """One drawn rectangle of a chart, with its label and its figure as people read it."""

    label: str
    value_text: str
    x: float
    y: float
    width: float
    height: float


@dataclass(frozen=True)
class Bar(Mark):
    label_y: float
    value_x: float
    href: str = ""
    highlighted: bool = False


def bar_chart(
    rows: list[tuple[str, Decimal, str]],
    *,
    value_text: Callable[[Decimal], str] = money,
    highlighted: Callable[[int], bool] | None = None,
) -> dict:
    """Horizontal bars: each row is (label, value, link). Negative totals draw no bar but keep their figure.

    `value_text` writes each figure (money by default); `highlighted(index)` marks bars drawn in
    the highlight colour (for example, the funded projects of a budgeting round).
    """
    row_height, bar_height, top = 44, 18, 4
    largest = max((max(value, 0) for _, value, _ in rows), default=0) or 1
    usable = WIDTH - 140
    bars = []
    for index, (label, value, href) in enumerate(rows):
        y = top + index * row_height
        width = float(max(value, 0)) / float(largest) * usable
        bars.append(
            Bar(
                label=label,
                value_text=value_text(value),
                x=0,
                y=y + 20,
                width=round(max(width, 1 if value > 0 else 0), 1),
                height=bar_height,
                label_y=y + 14,
                value_x=round(width + 8, 1),
                href=href,
                highlighted=bool(highlighted and highlighted(index)),
            )
        )
    return {"width": WIDTH, "height": top + len(rows) * row_height + 4, "bars": bars}


@dataclass(frozen=True)
class Column(Mark):
    label_x: float
    has_data: bool = True


NO_DATA = "no data"


def _next_month(month: datetime.date) -> datetime.date:
    return datetime.date(month.year + month.month // 12, month.month % 12 + 1, 1)


def months_with_gaps(rows: list[tuple[datetime.date, Decimal]]) -> list[tuple[datetime.date, Decimal | None]]:
    """Every month from the first to the last, with None for a month that has no records.

    A month without records is a gap in the data, not a month of £0: charts and tables say "no data".
    """
    totals = {month.replace(day=1): value for month, value in rows}
    if not totals:
        return []
    month, last = min(totals), max(totals)
    filled = []
    while month <= last:
        filled.append((month, totals.get(month)))
        month = _next_month(month)
    return filled


def month_chart(rows: list[tuple[datetime.date, Decimal]]) -> dict:
    """Columns, one a month; the axis shows the largest month's total. A month with no records is left
    as a gap, marked "no data" (never drawn as zero)."""
    height, bottom, left = 240, 40, 4
    plot_height = height - bottom - 24
    months = months_with_gaps(rows)
    largest = max((max(value, 0) for _, value in months if value is not None), default=0) or 1
    slot = (WIDTH - left) / max(len(months), 1)
    columns = []
    every = max(1, round(len(months) / 12))
    for index, (month, value) in enumerate(months):
        column_height = 0.0 if value is None else float(max(value, 0)) / float(largest) * plot_height
        columns.append(
            Column(
                label=f"{month:%b %y}" if index % every == 0 else "",
                value_text=f"{month:%B %Y}: {NO_DATA if value is None else money(value)}",
                x=round(left + index * slot + slot * 0.15, 1),
                y=round(24 + plot_height - column_height, 1),
                width=round(slot * 0.7, 1),
                height=round(column_height, 1),
                label_x=round(left + index * slot + slot / 2, 1),
                has_data=value is not None,
            )
        )
    return {
        "width": WIDTH,
        "height": height,
        "columns": columns,
        "months": months,
        "has_gaps": any(value is None for _, value in months),
        "baseline": 24 + plot_height,
        "gap_y": 24 + plot_height - 6,
        "label_y": 24 + plot_height + 22,
        "largest": money(largest),
    }
