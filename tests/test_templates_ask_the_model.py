"""Templates ask the model what state a thing is in (`petition.is_open`), never spell a status value.

A template that compares a status with a string keeps rendering the day the value is renamed, and
shows the wrong thing without an error.
"""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
STATUS_AGAINST_A_STRING = re.compile(r"""status\w*\s*(==|!=|\bin\b|\bnot in\b)\s*["']""")


def test_no_template_compares_a_status_with_a_string():
    offenders = []
    for path in ROOT.glob("**/templates/**/*.html"):
        if ".venv" in path.parts:
            continue
        for number, line in enumerate(path.read_text().splitlines(), start=1):
            if STATUS_AGAINST_A_STRING.search(line):
                offenders.append(f"{path.relative_to(ROOT)}:{number}")
    assert offenders == []
