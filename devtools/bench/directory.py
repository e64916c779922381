"""`make bench` measurements of the directory: search, a listing page, the results map and the ORUK API."""

from __future__ import annotations

from devtools.bench import Runner, register


@register("directory", order=30)
def measure_directory(runner: Runner) -> None:
    from django.db.models import Max, Min
    from django.test import Client
    from django.urls import reverse

    from directory.models import Listing, Location, TaxonomyTerm
    from localism.maps import MAX_MARKERS

    term = TaxonomyTerm.objects.filter(parent__isnull=False).order_by("slug").first()
    category = f"&category={term.slug}" if term else ""
    runner.page("directory.search", f"/directory/?q=community&postcode=NR2+1AB&miles=5{category}")
    # Keywords alone, the most common search: each word is in about two thirds of the bench listings,
    # both of them in about half.
    runner.page("directory.search_keyword", "/directory/?q=support")
    runner.page("directory.search_two_words", "/directory/?q=support+group")
    listing = Listing.objects.published().order_by("pk").first()
    runner.page("directory.listing", f"/directory/listings/{listing.pk}/")
    runner.page("oruk.services", "/api/oruk/services?page=3&per_page=20")
    runner.page(
        "oruk.service_at_locations", "/api/oruk/service_at_locations?postcode=NR2+1AB&proximity=8000&per_page=20"
    )

    # The results map: the whole county at the zoom that fits it in a map some 700 pixels wide (9), and a
    # street-level view (zoom 15, about 700 by 450 pixels) of the city centre, where the venues are densest.
    points = reverse("directory:map_points")
    edges = Location.objects.aggregate(
        west=Min("longitude"), south=Min("latitude"), east=Max("longitude"), north=Max("latitude")
    )
    county = f"{edges['west'] - 0.01},{edges['south'] - 0.01},{edges['east'] + 0.01},{edges['north'] + 0.01}"
    runner.page("directory.map_clusters_county", f"{points}?bbox={county}&zoom=9")
    zoomed = f"{points}?bbox=1.262,52.618,1.322,52.643&zoom=15"
    runner.page("directory.map_points_zoomed", zoomed)
    answer = Client().get(zoomed).json()
    markers = len(answer["clusters"]) + len(answer["points"])
    if markers > MAX_MARKERS:
        runner.fail("directory.map_points_zoomed", RuntimeError(f"{markers} markers, more than {MAX_MARKERS}"))
