"""Counts of people reported in aggregate with small numbers suppressed: one rule for every report of
who took part or who sits where (consultations' equality monitoring, partnerships' membership).

A group of fewer than SUPPRESS_BELOW people (but not none) is shown as "Fewer than 5", so that nobody can
be picked out; and when any group is hidden, the total is rounded down to a multiple of 5, so that the
hidden count cannot be worked out by subtracting the others from it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

SUPPRESS_BELOW = 5


@dataclass
class CountRow:
    label: str
    count: int | None  # None: suppressed (fewer than SUPPRESS_BELOW)
    value: str = ""

    @property
    def is_suppressed(self) -> bool:
        return self.count is None

    @property
    def shown(self) -> str:
        return f"Fewer than {SUPPRESS_BELOW}" if self.count is None else str(self.count)


@dataclass
class CountTable:
    question: str
    rows: list[CountRow]
    answered: int

    @property
    def has_suppressed(self) -> bool:
        """Some group is hidden, so `answered` is rounded down (a lower bound)."""
        return any(row.is_suppressed for row in self.rows)

    def row(self, value: str) -> CountRow | None:
        return next((row for row in self.rows if row.value == value), None)


def suppressed(count: int) -> int | None:
    """The count as it may be shown: None for a small group (1 to SUPPRESS_BELOW - 1 people)."""
    return None if 0 < count < SUPPRESS_BELOW else count


def count_table(question: str, choices: Iterable[tuple[str, str]], counts: dict[str, int]) -> CountTable:
    """One row per choice, small groups suppressed, and the total of those who answered (rounded down to a
    multiple of 5 when any group is hidden)."""
    rows = [CountRow(label=label, count=suppressed(counts.get(value, 0)), value=value) for value, label in choices]
    answered = sum(counts.values())
    table = CountTable(question=question, rows=rows, answered=answered)
    if table.has_suppressed:
        table.answered = (answered // SUPPRESS_BELOW) * SUPPRESS_BELOW
    return table
