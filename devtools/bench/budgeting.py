from devtools.bench import Runner, register

# The count of 50,000 ballots (online, with codes, on paper) must stay under this.
COUNT_LIMIT_MS = 1000


@register("budgeting", order=60)
def measure_count(runner: Runner) -> None:
    from budgeting.models import Round
    from budgeting.services import round_results
    from devtools.demo.budgeting import BENCH_ROUND_SLUG

    budget_round = Round.objects.get(slug=BENCH_ROUND_SLUG)
    # The whole count as results publish it: who took part by channel, votes per project, the allocation.
    result = runner.call("budgeting.count", lambda: round_results(budget_round), n=10)
    took_part = round_results(budget_round)["took_part"]
    if not all(took_part.values()):
        runner.fail("budgeting.count", RuntimeError(f"the bench round should mix every channel: {took_part}"))
    elif result.get("median_ms", 0) > COUNT_LIMIT_MS:
        runner.fail("budgeting.count", RuntimeError(f"{result['median_ms']} ms, more than {COUNT_LIMIT_MS} ms"))
    runner.page("budgeting.round", budget_round.get_absolute_url())
