"""The bench's budgeting round mixes ballots cast online, with codes and on paper, and `make bench` times its
whole count (failed if it takes more than a second)."""

import io
import json

import pytest
from django.core.management import call_command

from budgeting.models import Ballot, Round
from budgeting.services import round_results
from devtools.bench import budgeting as bench
from devtools.demo import budgeting as demo
from participation_codes.models import ParticipationCode
from tests.directory.factories import OrganisationFactory
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def bench_round(reference_data, monkeypatch):
    monkeypatch.setitem(demo.BENCH_BALLOTS, "small", 500)
    out = io.StringIO()
    demo.seed_bench(out, "small", organisation=OrganisationFactory(), proposer=UserFactory())
    assert "with 500 ballots (online, with codes, on paper)" in out.getvalue()
    return Round.objects.get(slug=demo.BENCH_ROUND_SLUG)


def test_the_bench_round_mixes_online_code_and_paper_ballots(bench_round):
    assert round_results(bench_round)["took_part"] == {"online": 350, "code": 100, "paper": 50}
    assert ParticipationCode.objects.filter(used_at__isnull=False).count() == 100
    assert Ballot.objects.filter(channel="paper").values("paper_number").distinct().count() == 50


def test_make_bench_times_the_whole_count_in_a_fixed_number_of_queries(bench_round, settings, tmp_path):
    settings.DATA_DIR = tmp_path
    call_command("bench", only=["budgeting"], requests=2, stdout=io.StringIO())

    figures = json.loads((tmp_path / "bench-only.json").read_text())
    count = figures["budgeting.count"]
    assert count["n"] == 10 and count["queries"] == 5
    assert count["median_ms"] < bench.COUNT_LIMIT_MS


def test_a_count_slower_than_a_second_is_recorded_as_failed(bench_round, settings, tmp_path, monkeypatch):
    settings.DATA_DIR = tmp_path
    monkeypatch.setattr(bench, "COUNT_LIMIT_MS", 0)
    with pytest.raises(Exception, match="1 measurement"):
        call_command("bench", only=["budgeting"], requests=2, stdout=io.StringIO())
    figures = json.loads((tmp_path / "bench-only.json").read_text())
    assert "more than 0 ms" in figures["budgeting.count"]["failed"]
