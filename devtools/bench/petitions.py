from django.urls import reverse

from devtools.bench import Runner, register


@register("petitions", order=65)
def measure_petitions(runner: Runner) -> None:
    from devtools.demo.petitions import BENCH_PETITION_TITLE
    from petitions.models import Petition

    petition = Petition.objects.get(title=BENCH_PETITION_TITLE)
    runner.page("petitions.detail", petition.get_absolute_url())
    runner.page("petitions.list", reverse("petitions:list"))
