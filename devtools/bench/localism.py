"""The shared pages: home, a place page and the site search."""

from devtools.bench import Runner, register


@register("localism", order=10)
def measure_shared_pages(runner: Runner) -> None:
    runner.page("localism.home", "/")
    runner.page("localism.place", "/places/norwich/")
    runner.page("localism.search", "/search/?q=community+rights")
