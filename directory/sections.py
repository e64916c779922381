"""The directory's sections on the home page and on every place page (a fixed number of queries each)."""

from __future__ import annotations

from django.http import HttpRequest

from directory.filters import MILES_TO_KM, near
from directory.models import Listing

PLACE_RADIUS_MILES = 5


def home_context(request: HttpRequest) -> dict:
    listings = (
        Listing.objects.published()
        .select_related("organisation")
        .only(
            "id", "edit_of_id", "name", "summary", "kind", "organisation__name", "organisation__slug", "published_at"
        )
        .order_by("-published_at")[:5]
    )
    return {"listings": listings}


def place_context(request: HttpRequest, place) -> dict:
    listings = []
    if place.latitude is not None and place.longitude is not None:
        listings = list(
            near(Listing.objects.published(), place.latitude, place.longitude, PLACE_RADIUS_MILES * MILES_TO_KM)
            .select_related("organisation")
            .only("id", "edit_of_id", "name", "summary", "kind", "organisation__name", "organisation__slug")
            .order_by("distance_km", "name")[:6]
        )
    return {"place": place, "listings": listings, "miles": PLACE_RADIUS_MILES}
