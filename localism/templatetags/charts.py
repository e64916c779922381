"""`{% month_svg %}` and `{% bar_svg %}`: the charts of localism.charts as SVG (templates/components/charts/)."""

from __future__ import annotations

from django import template

from localism import charts

register = template.Library()
register.simple_tag(charts.month_svg, name="month_svg")
register.simple_tag(charts.bar_svg, name="bar_svg")
