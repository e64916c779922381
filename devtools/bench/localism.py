"""The shared pages: home, a place page and the site search; and the frame alone, as a baseline."""

from django.urls import reverse

from devtools.bench import Runner, register


@register("localism", order=10)
def measure_shared_pages(runner: Runner) -> None:
    runner.page("localism.home", "/")
    runner.page("localism.place", "/places/norwich/")
    runner.page("localism.search", "/search/?q=community+rights")
    # The site's frame (header, navigation, footer) around one small query, the about page's list of pages:
    # what any page costs beyond its SQL before it shows anything of its own.
    runner.page("localism.frame_baseline", reverse("localism:about"), baseline=True)
