"""Distance on the Earth's surface: the one great-circle (haversine) formula, in Python and in SQL.

Every "near a postcode", "nearest place" and "within N miles" in the portal asks these, so that a
listing 2.9 miles away is 2.9 miles away on the search page, the place page, the API and the map.
"""

from __future__ import annotations

import math

from django.db.models import F, FloatField, Value
from django.db.models.functions import ASin, Cos, Least, Power, Radians, Sin, Sqrt

EARTH_RADIUS_KM = 6371.0
MILES_TO_KM = 1.609344


def distance_km(latitude: float, longitude: float, other_latitude: float, other_longitude: float) -> float:
    """Kilometres between two points (haversine)."""
    lat1, lon1, lat2, lon2 = map(math.radians, (latitude, longitude, other_latitude, other_longitude))
    a = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return EARTH_RADIUS_KM * 2 * math.asin(min(1.0, math.sqrt(a)))


def distance_km_from(latitude: float, longitude: float, prefix: str = ""):
    """Kilometres from a point to each row's `<prefix>latitude`/`<prefix>longitude`, as an SQL expression
    (the same haversine as `distance_km`)."""
    row_latitude = Radians(F(f"{prefix}latitude"))
    half_dlat = (row_latitude - Value(math.radians(latitude))) / Value(2.0)
    half_dlng = (Radians(F(f"{prefix}longitude")) - Value(math.radians(longitude))) / Value(2.0)
    a = Power(Sin(half_dlat), 2) + Cos(row_latitude) * Value(math.cos(math.radians(latitude))) * Power(
        Sin(half_dlng), 2
    )
    return Value(EARTH_RADIUS_KM * 2) * ASin(Least(Sqrt(a), Value(1.0)), output_field=FloatField())


def bounding_box(latitude: float, longitude: float, km: float, prefix: str = "") -> dict:
    """The lookups of a box around a point that holds every point within km (so an index on
    latitude and longitude picks the candidates before the distance is worked out)."""
    dlat = math.degrees(km / EARTH_RADIUS_KM)
    dlng = math.degrees(km / (EARTH_RADIUS_KM * math.cos(math.radians(latitude))))
    return {
        f"{prefix}latitude__gte": latitude - dlat,
        f"{prefix}latitude__lte": latitude + dlat,
        f"{prefix}longitude__gte": longitude - dlng,
        f"{prefix}longitude__lte": longitude + dlng,
    }
