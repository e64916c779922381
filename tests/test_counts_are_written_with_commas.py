"""Counts read as GOV.UK writes numbers over 999, with a comma in each thousand ("10,200 signatures"), on every page
as in the emails; the pages of each app check it with a count in the thousands (petitions, spending)."""

import re
from decimal import Decimal
from pathlib import Path

import pytest
from django.template import engines

ROOT = Path(__file__).resolve().parents[1]

# A count written as it is (`{{ results.total }}`, `{{ count|stringformat:"d" }}`) rather than through `|number`.
BARE_COUNT = re.compile(
    r"\{\{\s*[\w.]*(count|total|votes|signatures_for_\w+|to_petition|to_debate|places_left|capacity|answered)"
    r"\s*(\|\s*stringformat[^}]*)?\}\}"
)


def test_no_template_writes_a_count_without_its_commas():
    offenders = []
    for path in (ROOT / "templates").glob("**/*.*"):
        for number, line in enumerate(path.read_text().splitlines(), start=1):
            offenders += [f"{path.relative_to(ROOT)}:{number}: {m.group(0)}" for m in BARE_COUNT.finditer(line)]
    assert offenders == []


@pytest.mark.parametrize(
    ("value", "written"),
    [
        (0, "0"),
        (999, "999"),
        (1000, "1,000"),
        (10200, "10,200"),
        (1001200, "1,001,200"),
        (-1200, "-1,200"),
        ("4500", "4,500"),
        (Decimal("1203"), "1,203"),
        (1203.0, "1,203"),
        (Decimal("1234.5"), "1,234.5"),
        ("Fewer than 5", "Fewer than 5"),
        (None, ""),
    ],
)
@pytest.mark.parametrize("engine", ["django", "jinja2"])
def test_a_count_is_written_with_a_comma_in_each_thousand_by_either_template_engine(engine, value, written):
    template = "{% load govuk %}{{ value|number }}" if engine == "django" else "{{ value|number }}"

    assert engines[engine].from_string(template).render({"value": value}) == written
