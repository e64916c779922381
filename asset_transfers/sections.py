"""Community asset transfers on place pages, in the site search and in the sitemap."""

from asset_transfers.models import TransferApplication
from localism.sitemaps import rows_sitemap

SHOWN = 5


def place(request, place) -> dict:
    """Public applications for buildings and land in this place (and the places inside it)."""
    applications = (
        TransferApplication.objects.public()
        .in_place(place)
        .select_related("organisation")
        .order_by("-submitted_at", "-pk")
    )
    return {"applications": list(applications[:SHOWN]), "place": place}


ApplicationSitemap = rows_sitemap(
    "weekly", lambda: TransferApplication.objects.public().only("pk", "reference").order_by("pk")
)


def search_applications(query, text):
    """Public applications, for the site search."""
    from localism.search import SearchHit, first_hits, ranked, weighted

    matches = ranked(
        TransferApplication.objects.public().select_related("organisation"),
        weighted(("asset_name", "A"), ("address", "B"), ("proposal", "C")),
        query,
    )
    return first_hits(
        matches, lambda a: SearchHit(a.asset_name, a.get_absolute_url(), f"{a.status_label} · {a.organisation.name}")
    )
