"""The count, against hand-worked examples."""

from datetime import datetime, timedelta
from decimal import Decimal

from budgeting.counting import Tally, allocate

T0 = datetime(2026, 1, 1)


def tally(pid, votes, cost, minutes=0, paper=0):
    return Tally(
        project_id=pid,
        title=f"P{pid}",
        cost=Decimal(cost),
        proposed_at=T0 + timedelta(minutes=minutes),
        online_votes=votes,
        paper_votes=paper,
    )


def funded(outcomes):
    return [o.tally.project_id for o in outcomes if o.funded]


def test_projects_are_funded_by_votes_while_the_money_lasts():
    # Pot 10,000: A (50 votes, 6,000) funded, 4,000 left; B (40, 5,000) does not fit, skipped;
    # C (30, 3,000) fits, 1,000 left; D (20, 1,500) does not fit; E (10, 1,000) fits exactly.
    outcomes = allocate(
        [tally(1, 50, 6000), tally(2, 40, 5000), tally(3, 30, 3000), tally(4, 20, 1500), tally(5, 10, 1000)],
        Decimal("10000"),
    )
    assert funded(outcomes) == [1, 3, 5]
    assert [o.remaining_after for o in outcomes] == [Decimal(x) for x in (4000, 4000, 1000, 1000, 0)]


def test_a_tie_goes_to_the_cheaper_project():
    outcomes = allocate([tally(1, 30, 6000), tally(2, 30, 5000)], Decimal("8000"))
    assert [o.tally.project_id for o in outcomes] == [2, 1]
    assert funded(outcomes) == [2]


def test_a_tie_in_votes_and_cost_goes_to_the_earlier_proposal():
    outcomes = allocate([tally(1, 30, 5000, minutes=10), tally(2, 30, 5000, minutes=5)], Decimal("5000"))
    assert funded(outcomes) == [2]


def test_paper_votes_count_alongside_online_votes():
    outcomes = allocate([tally(1, 10, 4000, paper=25), tally(2, 30, 4000)], Decimal("4000"))
    assert funded(outcomes) == [1]  # 35 votes beat 30


def test_a_project_nobody_voted_for_is_not_funded_even_if_money_remains():
    assert funded(allocate([tally(1, 5, 1000), tally(2, 0, 1000)], Decimal("5000"))) == [1]
