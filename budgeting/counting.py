"""The count: votes per project, and which projects the pot funds.

The rule, as the results page explains it: projects are taken in order of votes,
most first (a tie goes to the cheaper project, then to the one proposed first);
each is funded if its cost fits in what is left of the pot, and skipped if not,
and the count carries on down the list while money remains.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal


@dataclass(frozen=True)
class Tally:
    project_id: int
    title: str
    cost: Decimal
    proposed_at: datetime
    online_votes: int
    paper_votes: int
    code_votes: int = 0
    # Paper votes counted per project at events before paper ballots were entered one by one.
    tallied_votes: int = 0

    @property
    def votes(self) -> int:
        return self.online_votes + self.code_votes + self.paper_votes + self.tallied_votes


@dataclass(frozen=True)
class Outcome:
    tally: Tally
    funded: bool
    remaining_after: Decimal


def ranked(tallies: list[Tally]) -> list[Tally]:
    return sorted(tallies, key=lambda t: (-t.votes, t.cost, t.proposed_at, t.project_id))


def allocate(tallies: list[Tally], pot: Decimal) -> list[Outcome]:
    """Every project in ranked order, each marked funded or not, with the money left after it."""
    remaining = pot
    outcomes = []
    for tally in ranked(tallies):
        funded = tally.votes > 0 and tally.cost <= remaining
        if funded:
            remaining -= tally.cost
        outcomes.append(Outcome(tally=tally, funded=funded, remaining_after=remaining))
    return outcomes
