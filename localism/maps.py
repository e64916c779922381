"""What every map shares: the views and zooms a map may ask for, and points grouped into a grid by zoom.

Where the tiles come from is a setting (MAP_TILE_URL, MAP_ATTRIBUTION; see localism.env.tile_sources)."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, F, QuerySet, Sum
from django.db.models.functions import Floor

# Leaflet's zoom levels: 0 shows the world in one tile, 19 a few streets (OpenStreetMap's deepest).
MIN_ZOOM = 0
MAX_ZOOM = 19


# A cell of the grid is about a quarter of a 256-pixel tile wide, so clusters sit some 64 pixels apart.
CELLS_PER_TILE = 4
# However large a view is asked for, its grid is at most 20 cells across and high: with the cells it
# straddles at each edge, at most 21 x 21 = 441 markers, within the 500 a map is ever sent.
MAX_CELLS_ACROSS = 20
MAX_MARKERS = 500


@dataclass(frozen=True)
class Bounds:
    """A map's view: longitudes west to east, latitudes south to north, in degrees."""

    west: float
    south: float
    east: float
    north: float

    def lookups(self, prefix: str = "") -> dict:
        """The filter of the points inside (reads a latitude/longitude index)."""
        return {
            f"{prefix}latitude__gte": self.south,
            f"{prefix}latitude__lte": self.north,
            f"{prefix}longitude__gte": self.west,
            f"{prefix}longitude__lte": self.east,
        }

    def as_list(self) -> list[float]:
        return [self.west, self.south, self.east, self.north]


def extent(points) -> Bounds | None:
    """The smallest view holding every (latitude, longitude), or None for no points."""
    points = list(points)
    if not points:
        return None
    latitudes = [latitude for latitude, _ in points]
    longitudes = [longitude for _, longitude in points]
    return Bounds(min(longitudes), min(latitudes), max(longitudes), max(latitudes))


def cell_degrees(bounds: Bounds, zoom: int) -> float:
    """The side of a grid cell at this zoom, widened so that the view is at most MAX_CELLS_ACROSS cells."""
    tile = 360.0 / 2**zoom
    return max(
        tile / CELLS_PER_TILE,
        (bounds.east - bounds.west) / MAX_CELLS_ACROSS,
        (bounds.north - bounds.south) / MAX_CELLS_ACROSS,
    )


@dataclass(frozen=True)
class GridCell:
    """Points of one grid cell: how many, and their mean position (the point's own, when it is alone)."""

    count: int
    latitude: float
    longitude: float


def grid_cells(points: QuerySet, bounds: Bounds, zoom: int) -> list[GridCell]:
    """The points (rows with latitude and longitude) inside bounds, grouped into a grid by zoom: one query.

    The database does the grouping, so a county of points costs one pass over the index, and
    the answer holds at most MAX_MARKERS cells, the fullest first.
    """
    cell = cell_degrees(bounds, zoom)
    rows = (
        points.filter(**bounds.lookups())
        .annotate(cell_y=Floor(F("latitude") / cell), cell_x=Floor(F("longitude") / cell))
        .values("cell_y", "cell_x")
        .annotate(
            # Sums rather than averages: avg() of a float also keeps the sum of squares, for nothing here.
            count=Count("*"),
            sum_latitude=Sum("latitude"),
            sum_longitude=Sum("longitude"),
        )
        .order_by("-count", "cell_y", "cell_x")[:MAX_MARKERS]
    )
    return [
        GridCell(
            count=row["count"],
            latitude=row["sum_latitude"] / row["count"],
            longitude=row["sum_longitude"] / row["count"],
        )
        for row in rows
    ]


def map_point(
    *, latitude: float, longitude: float, name: str, venue: str = "", url: str = "", links: list[dict] | None = None
) -> dict:
    """One marker of a map drawn from a list (what `{% map_of points=... %}` takes): name is its accessible
    name, and its popup shows name linked to url (or the links, each a dict of name and url) and venue."""
    point = {"latitude": latitude, "longitude": longitude, "name": name, "venue": venue, "url": url}
    if links is not None:
        point["links"] = links
    return point
