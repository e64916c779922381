"""The budgeting parts of the home page and of place pages."""

from django.contrib.sitemaps import Sitemap
from django.utils import timezone

from budgeting.models import Round
from localism.numbers import money


def home(request) -> dict:
    now = timezone.now()
    rounds = Round.objects.visible().filter(voting_opens__lte=now, voting_closes__gt=now)
    # What the section shows of each round (not its counted results, the largest column).
    return {"rounds": list(rounds.only("title", "slug", "pot", "voting_closes")[:3])}


def place(request, place) -> dict:
    """Rounds open to this place's residents (the place, or a place it is in)."""
    rounds = (
        Round.objects.visible()
        .filter(place.content_filter("places", covering=True))
        .filter(voting_closes__gt=timezone.now() - timezone.timedelta(days=90))
        .distinct()
        .order_by("voting_closes")
    )
    return {"rounds": list(rounds[:5]), "place": place}


class RoundSitemap(Sitemap):
    changefreq = "daily"

    def items(self):
        return Round.objects.visible().only("slug").order_by("pk")


def search_projects(query, text):
    """Accepted budgeting projects, for the site search."""
    from budgeting.models import Project
    from localism.search import SearchHit, first_hits, ranked, weighted

    matches = ranked(
        Project.objects.filter(status=Project.Status.ACCEPTED, round__is_published=True).select_related("round"),
        weighted(("title", "A"), ("organisation__name", "B"), ("description", "C")),
        query,
    )
    return first_hits(
        matches, lambda p: SearchHit(p.title, p.get_absolute_url(), f"{money(p.cost)} · {p.round.title}")
    )


def project_discussion(project, user):
    """Comments on a project: seen where the project is, open until voting closes."""
    from budgeting.models import Round
    from discussions.registry import DiscussionPolicy

    stage = project.round.stage()
    return DiscussionPolicy(
        is_visible=user.has_perm("budgeting.see_project", project),
        is_open=stage in (Round.Stage.PROPOSALS, Round.Stage.CHECKING, Round.Stage.VOTING),
        closed_message="Comments closed when voting closed.",
    )
