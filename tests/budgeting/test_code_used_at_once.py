"""A one-time code used twice at the same moment is used once: two real transactions on their own PostgreSQL
connections, the second made to run while the first holds the code, uncommitted."""

import threading
import time

import pytest
from django.db import connection, transaction

from budgeting.models import Ballot
from budgeting.services import ballot_cast_with_code, paper_ballot_enter
from participation_codes.models import ParticipationCode
from participation_codes.services import REFUSAL, CodeRefusedError
from tests.budgeting.factories import ProjectFactory, RoundFactory
from tests.factories import UserFactory
from tests.participation_codes.helpers import codes_for

pytestmark = pytest.mark.django_db(transaction=True)


def _while_the_first_holds_it(first, second) -> list:
    """Run `first` in a transaction that stays open until `second`, on another connection, is waiting for
    the row `first` changed; then commit. Returns each one's refusal (None when it succeeded)."""
    results: list = [None, None]
    first_done, second_waits = threading.Event(), threading.Event()

    def run_first():
        try:
            with transaction.atomic():
                first()
                first_done.set()
                assert second_waits.wait(timeout=30), "the second transaction never waited for the first"
        except CodeRefusedError as refusal:
            results[0] = refusal.messages[0]
            first_done.set()
        finally:
            connection.close()

    def run_second():
        try:
            first_done.wait(timeout=30)
            second()
        except CodeRefusedError as refusal:
            results[1] = refusal.messages[0]
        finally:
            connection.close()

    threads = [threading.Thread(target=run_first), threading.Thread(target=run_second)]
    for thread in threads:
        thread.start()
    assert first_done.wait(timeout=30)
    # The second is blocked on the first's row lock once PostgreSQL shows a session of this database waiting
    # for a lock.
    deadline = time.monotonic() + 30
    with connection.cursor() as cursor:
        while time.monotonic() < deadline:
            cursor.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'"
            )
            if cursor.fetchone()[0]:
                break
    second_waits.set()
    for thread in threads:
        thread.join(timeout=30)
    return results


def test_the_same_code_voting_twice_at_once_stores_one_ballot():
    budget_round = RoundFactory()
    project = ProjectFactory(round=budget_round)
    code = codes_for(budget_round, 1)[0]

    def vote():
        ballot_cast_with_code(round=budget_round, code=code, project_ids=[project.pk])

    results = _while_the_first_holds_it(vote, vote)

    assert results == [None, REFUSAL]
    assert Ballot.objects.filter(round=budget_round).count() == 1
    assert ParticipationCode.objects.filter(used_at__isnull=False).count() == 1


def test_the_same_code_online_and_on_a_paper_ballot_at_once_counts_once():
    budget_round = RoundFactory()
    project = ProjectFactory(round=budget_round)
    code = codes_for(budget_round, 1)[0]
    staff = UserFactory()

    results = _while_the_first_holds_it(
        lambda: paper_ballot_enter(round=budget_round, number="9", project_ids=[project.pk], by=staff, code=code),
        lambda: ballot_cast_with_code(round=budget_round, code=code, project_ids=[project.pk]),
    )

    assert results == [None, REFUSAL]
    assert list(Ballot.objects.filter(round=budget_round).values_list("channel", flat=True)) == ["paper"]
