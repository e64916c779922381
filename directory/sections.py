"""The directory's sections on the home page and on every place page (a fixed number of queries each)."""

from __future__ import annotations

from django.db.models import Min
from django.http import HttpRequest

from directory.filters import venues_near
from directory.maps import venue_text
from directory.models import Listing, Location, listing_path
from localism.geo import MILES_TO_KM
from localism.links import path_for
from localism.maps import map_point

PLACE_RADIUS_MILES = 5


def home_context(request: HttpRequest) -> dict:
    # Rows of what the section shows, rather than model instances of listings and their organisations.
    listings = list(
        Listing.objects.published()
        .order_by("-published_at")
        .values("pk", "edit_of_id", "name", "summary", "organisation__name")[:5]
    )
    for listing in listings:
        listing["url"] = listing_path(listing["pk"], listing["edit_of_id"])
    return {"listings": listings}


def place_context(request: HttpRequest, place) -> dict:
    listings, points = [], []
    if place.latitude is not None and place.longitude is not None:
        km = PLACE_RADIUS_MILES * MILES_TO_KM
        listings = nearest_listings(place.latitude, place.longitude, km, count=6)
        points = nearest_venue_points(listings, place.latitude, place.longitude, km)
    return {"place": place, "listings": listings, "miles": PLACE_RADIUS_MILES, "map_points": points}


def nearest_listings(latitude: float, longitude: float, km: float, *, count: int) -> list[Listing]:
    """The public listings with a venue nearest the point (within km), nearest first, each with its distance.

    Grouped over the venues' narrow rows (a town centre has thousands of venues in reach),
    then only the few listings shown are loaded.
    """
    nearest = list(
        venues_near(Location.objects.public(), latitude, longitude, km)
        .values("listing_id")
        .annotate(nearest_km=Min("distance_km"))
        .order_by("nearest_km", "listing_id")[:count]
    )
    by_pk = (
        Listing.objects.select_related("organisation")
        .only("id", "edit_of_id", "name", "summary", "kind", "organisation__name", "organisation__slug")
        .in_bulk([row["listing_id"] for row in nearest])
    )
    listings = []
    for row in nearest:
        listing = by_pk[row["listing_id"]]
        listing.distance_km = row["nearest_km"]
        listings.append(listing)
    return listings


def nearest_venue_points(listings: list[Listing], latitude: float, longitude: float, km: float) -> list[dict]:
    """Map markers of the listed listings, each at its venue nearest the point (the one its distance is to)."""
    if not listings:
        return []
    venues = (
        venues_near(Location.objects.public().filter(listing__in=listings), latitude, longitude, km)
        .order_by("distance_km", "pk")
        .values("listing_id", "latitude", "longitude", "name", "address_1", "city")
    )
    nearest: dict = {}
    for venue in venues:
        nearest.setdefault(venue["listing_id"], venue)
    points = []
    for listing in listings:
        venue = nearest.get(listing.pk)
        if venue is not None:
            points.append(
                map_point(
                    latitude=venue["latitude"],
                    longitude=venue["longitude"],
                    name=listing.name,
                    venue=venue_text(venue["name"], venue["address_1"], venue["city"]),
                    url=listing.get_absolute_url(),
                )
            )
    return points


def search_listings(query, text):
    """Published listings, for the site search: the directory's own keyword search, best match first."""
    from django.db.models import F
    from django.db.models.functions import Coalesce

    from directory.filters import KeywordMatches
    from localism.search import SHOWN_PER_GROUP, SearchHit

    matches = KeywordMatches(
        text.strip(),
        {
            "hit_pk": Coalesce("edit_of_id", "pk"),
            "hit_name": F("name"),
            "hit_summary": F("summary"),
            "hit_organisation": F("organisation__name"),
        },
    )
    hits = [
        SearchHit(
            row["hit_name"],
            path_for("directory:listing_detail", pk=row["hit_pk"]),
            f"{row['hit_summary']} Run by {row['hit_organisation']}.",
        )
        for row in matches[:SHOWN_PER_GROUP]
    ]
    return matches.count(), hits


def sitemaps() -> dict:
    from directory.models import Organisation, TaxonomyTerm
    from localism.sitemaps import rows_sitemap

    return {
        "listings": rows_sitemap(
            "weekly",
            lambda: Listing.objects.published().only("id", "edit_of_id", "updated_at").order_by("pk"),
            "updated_at",
        ),
        "organisations": rows_sitemap(
            "monthly",
            lambda: Organisation.objects.filter(status=Organisation.Status.VERIFIED).only("slug").order_by("pk"),
        ),
        "categories": rows_sitemap("monthly", lambda: TaxonomyTerm.objects.only("slug").order_by("slug")),
    }
