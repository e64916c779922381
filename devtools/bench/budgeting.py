from devtools.bench import Runner, register


@register("budgeting", order=60)
def measure_count(runner: Runner) -> None:
    from budgeting.counting import allocate
    from budgeting.models import Round
    from budgeting.services import round_count
    from devtools.demo.budgeting import BENCH_ROUND_SLUG

    budget_round = Round.objects.get(slug=BENCH_ROUND_SLUG)
    runner.call("budgeting.count", lambda: allocate(round_count(budget_round), budget_round.pot), n=10)
    runner.page("budgeting.round", budget_round.get_absolute_url())
