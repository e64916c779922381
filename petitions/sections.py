"""The petitions parts of place pages, the site search and the sitemap."""

from localism.sitemaps import rows_sitemap
from petitions.models import Petition


def place(request, place) -> dict:
    """Open petitions to the councils covering this place."""
    petitions = (
        Petition.objects.filter(place.content_filter("council__places", covering=True), status=Petition.Status.OPEN)
        .select_related("council")
        .only("title", "signature_count", "council__name")
        .distinct()
        .order_by("-opened_at", "-pk")
    )
    return {"petitions": list(petitions[:5]), "place": place}


PetitionSitemap = rows_sitemap("daily", lambda: Petition.objects.public().only("pk").order_by("pk"))


def search_petitions(query, text):
    """Petitions that passed the checks, for the site search."""
    from localism.search import SearchHit, first_hits, ranked, weighted

    matches = ranked(
        Petition.objects.public().select_related("council"),
        weighted(("title", "A"), ("action", "B"), ("background", "C")),
        query,
    )
    return first_hits(
        matches, lambda p: SearchHit(p.title, p.get_absolute_url(), f"{p.get_status_display()} · {p.council.name}")
    )
