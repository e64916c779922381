"""`make bench` measurements for consultations: the page with its first comments, the results, a later page."""

from __future__ import annotations

from devtools.bench import Runner, register


@register("consultations", order=40)
def measure(runner: Runner) -> None:
    from accounts.models import User
    from consultations.models import Consultation
    from devtools.demo.consultations import BENCH_SLUG
    from discussions.selectors import PAGE_SIZE, Sort, thread_comments

    consultation = Consultation.objects.get(slug=BENCH_SLUG)
    staff = User.objects.filter(is_staff=True).first()
    runner.page("consultations.list", "/consultations/")
    runner.page("consultations.detail", consultation.get_absolute_url())
    runner.page("consultations.results", f"/consultations/{consultation.slug}/results/", user=staff)
    # A page deep into the 5,000 comments (keyset pagination: as fast as the first).
    middle = (
        thread_comments(consultation).top_level().order_by("-created_at", "-id")[PAGE_SIZE * 100 : PAGE_SIZE * 100 + 1]
    )
    cursor = ""
    for comment in middle:
        cursor = f"{int(comment.created_at.timestamp() * 1_000_000)}.{comment.pk}"
    runner.page(
        "consultations.comments_page",
        f"/discussions/consultation/{consultation.pk}/?sort={Sort.NEWEST}&after={cursor}",
    )
    runner.page(
        "consultations.comments_most_agreed", f"/discussions/consultation/{consultation.pk}/?sort={Sort.MOST_AGREED}"
    )
