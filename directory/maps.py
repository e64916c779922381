"""The directory on a map: the venues of what a search finds, grouped into a grid by zoom."""

from __future__ import annotations

from collections.abc import Iterable

from django.http import QueryDict

from directory.filters import ListingSearchForm, venues_near
from directory.models import Listing, Location
from localism.geo import MILES_TO_KM
from localism.links import path_for_each
from localism.maps import Bounds, grid_cells, map_point


def venue_text(*parts: str) -> str:
    """A venue's name and address on one line."""
    return ", ".join(part for part in parts if part)


def listing_points(listing: Listing, locations: Iterable[Location]) -> list[dict]:
    """The listing's venues (locations) as map markers."""
    return [
        map_point(
            latitude=location.latitude,
            longitude=location.longitude,
            name=listing.name,
            venue=venue_text(location.name, location.address_1, location.city, location.postcode),
        )
        for location in locations
    ]


def _is_filtered(query: QueryDict) -> bool:
    """Whether the map is of a search (any filter given) rather than of the whole directory."""
    return any(query.get(name, "").strip() for name in ListingSearchForm.base_fields if name not in ("miles", "sort"))


def search_venues(query: QueryDict):
    """The venues of the listings a search finds, and the search's form (None when nothing is filtered).

    Only what residents see: the public venues of published listings (Location.objects.public()),
    narrowed to those of the listings the search finds, and to the distance asked for from a postcode.
    """
    venues = Location.objects.public()
    if not _is_filtered(query):
        return venues, None
    search = ListingSearchForm(query)
    if not search.is_valid():
        return venues.none(), search
    venues = venues.filter(listing__in=search.filter(Listing.objects.published()).order_by().values("pk"))
    postcode = search.postcode
    if postcode is not None:
        km = float(search.cleaned_data.get("miles") or 5) * MILES_TO_KM
        venues = venues_near(venues, postcode.latitude, postcode.longitude, km)
    return venues, search


def venue_map(venues, bounds: Bounds, zoom: int) -> dict:
    """The map's answer for a view: clusters (a count at their mean position) and the venues alone in their cell.

    Two queries: the grid, then the names of the venues that are alone in their cell.
    """
    cells = grid_cells(venues, bounds, zoom)
    # A cell's mean position is its one venue's own: found again by its position (among the same venues).
    alone = {(cell.latitude, cell.longitude) for cell in cells if cell.count == 1}
    points = []
    if alone:
        listing_path = path_for_each("directory:listing_detail", "pk")
        rows = (
            venues.filter(latitude__in={lat for lat, _ in alone}, longitude__in={lng for _, lng in alone})
            .order_by("listing__name", "pk")
            .values("latitude", "longitude", "name", "address_1", "city", "listing_id", "listing__name")
        )
        points = [
            map_point(
                latitude=row["latitude"],
                longitude=row["longitude"],
                name=row["listing__name"],
                venue=venue_text(row["name"], row["address_1"], row["city"]),
                url=listing_path(row["listing_id"]),
            )
            for row in rows
            if (row["latitude"], row["longitude"]) in alone
        ]
    clusters = [
        {"latitude": cell.latitude, "longitude": cell.longitude, "count": cell.count}
        for cell in cells
        if cell.count > 1
    ]
    return {
        "bbox": bounds.as_list(),
        "zoom": zoom,
        "venues": sum(cell.count for cell in cells),
        "clusters": clusters,
        "points": points,
    }
