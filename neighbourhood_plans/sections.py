"""Neighbourhood plans on place pages, in the site search and in the sitemap."""

from localism.models import Place
from localism.sitemaps import rows_sitemap
from neighbourhood_plans.models import NeighbourhoodPlan

SHOWN = 5


def place(request, place) -> dict:
    """The place's own plan, or the plans of the areas inside it."""
    plans = list(NeighbourhoodPlan.objects.in_place(place).select_related("area").order_by("area__name")[: SHOWN + 1])
    return {
        "plans": plans[:SHOWN],
        "more": len(plans) > SHOWN,
        "place": place,
        "district_slug": place.slug if place.kind == Place.Kind.DISTRICT else "",
    }


PlanSitemap = rows_sitemap(
    "monthly", lambda: NeighbourhoodPlan.objects.select_related("area").only("pk", "area__slug").order_by("pk")
)


def search_plans(query, text):
    """Neighbourhood plans, for the site search."""
    from localism.search import SearchHit, first_hits, ranked, weighted

    matches = ranked(
        NeighbourhoodPlan.objects.select_related("area"),
        weighted(("name", "A"), ("area__name", "A"), ("summary", "C")),
        query,
    )
    return first_hits(matches, lambda p: SearchHit(p.name, p.get_absolute_url(), p.status_label))
