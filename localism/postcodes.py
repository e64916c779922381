"""UK postcodes: normalising what people type, and finding their place."""

from __future__ import annotations

import math
import re

from localism.models import Place, Postcode

# The shape of a UK postcode (outward code, then inward code), spaces optional.
_POSTCODE = re.compile(r"^([A-Z]{1,2}[0-9][A-Z0-9]?)\s*([0-9][A-Z]{2})$")

# Beyond this distance from a town's centre, a postcode belongs to the district.
TOWN_RADIUS_KM = 6.0


def normalise_postcode(text: str) -> str | None:
    """'nr2 1ab ' -> 'NR2 1AB'; None when the text cannot be a UK postcode."""
    match = _POSTCODE.match(text.strip().upper()) if len(text) <= 16 else None
    if not match:
        return None
    return f"{match.group(1)} {match.group(2)}"


def place_for_postcode(postcode: Postcode) -> Place | None:
    """The town the postcode is in (within TOWN_RADIUS_KM of its centre), else its district."""
    district = Place.objects.districts().filter(ons_code=postcode.district_code).first()
    if district is None:
        return None
    town = (
        Place.objects.filter(parent=district, kind=Place.Kind.TOWN)
        .nearest_to(postcode.latitude, postcode.longitude)
        .first()
    )
    if town is not None and distance_km(postcode.latitude, postcode.longitude, town) <= TOWN_RADIUS_KM:
        return town
    return district


def distance_km(latitude: float, longitude: float, place: Place) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (latitude, longitude, place.latitude, place.longitude))
    a = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(a))


def councils_for_postcode(postcode: Postcode) -> dict | None:
    """Who represents a postcode: its councils from the county down, and which of them are known exactly.

    The district comes from the postcode data itself. A town or parish council is found through the
    nearest town centre (place_for_postcode), which is not an official parish boundary: it is returned
    with is_exact False so that pages can say so. None when the postcode is outside the county.
    """
    from localism.models import Council

    place = place_for_postcode(postcode)
    if place is None:
        return None
    councils = list(Council.objects.covering(place).by_tier().prefetch_related("responsibilities"))
    return {
        "postcode": postcode.postcode,
        "place": place,
        "councils": [{"council": council, "is_exact": council.tier != Council.Tier.PARISH} for council in councils],
        "has_parish": any(council.tier == Council.Tier.PARISH for council in councils),
    }
