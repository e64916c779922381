"""`{% map_of %}`: a map that adds to a list beside it (see templates/components/map.html)."""

from __future__ import annotations

from django import template
from django.conf import settings

register = template.Library()


@register.inclusion_tag("components/map.html")
def map_of(label: str, *, map_id: str = "map", points=None, points_url: str = "", bounds=None, about: str = ""):
    """A map labelled label, of points (dicts with latitude, longitude, name, url and venue) or of the
    points_url answering for each view, first showing bounds (a localism.maps.Bounds) or all its points.

    about says what it shows, in words: the list beside it says the same.
    """
    return {
        "label": label,
        "map_id": map_id,
        "points": points,
        "points_id": f"{map_id}-points",
        "points_url": points_url,
        "bounds": ",".join(f"{value:.5f}" for value in bounds.as_list()) if bounds else "",
        "about": about,
        "tile_url": settings.MAP_TILE_URL,
        "attribution": settings.MAP_ATTRIBUTION,
    }
