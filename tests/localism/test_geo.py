"""Distances: one haversine, the same in Python and in SQL, against a published reference."""

import ast
import math
from pathlib import Path

import pytest
from django.db.models import F, FloatField, Min, Value
from django.db.models.functions import ASin, Cos, Least, Power, Radians, Sin, Sqrt

from directory.models import Listing, Location
from localism.geo import EARTH_RADIUS_KM, bounding_box, distance_km, distance_km_from
from localism.models import Place
from tests.factories import PlaceFactory

# London (Charing Cross) to Paris (Notre-Dame): the great-circle distance on a sphere of radius 6371 km
# is 343.5 km, the textbook haversine example.
LONDON = (51.5074, -0.1278)
PARIS = (48.8566, 2.3522)


def test_distance_in_python_matches_the_haversine_reference():
    assert distance_km(*LONDON, *PARIS) == pytest.approx(343.5, abs=0.1)
    assert distance_km(*LONDON, *LONDON) == 0.0


@pytest.mark.django_db
def test_distance_in_sql_is_the_same_as_in_python():
    towns = {
        "Geo Cromer": (52.9312, 1.3006),
        "Geo Norwich": (52.6309, 1.2974),
        "Geo King's Lynn": (52.7543, 0.3976),
        "Geo Paris": PARIS,
    }
    for name, (latitude, longitude) in towns.items():
        PlaceFactory(name=name, latitude=latitude, longitude=longitude)
    rows = Place.objects.filter(name__in=towns).annotate(km=distance_km_from(*LONDON)).values_list("name", "km")
    for name, km in rows:
        assert km == pytest.approx(distance_km(*LONDON, *towns[name]), abs=1e-6), name


@pytest.mark.django_db
def test_nearest_places_come_first():
    for name, latitude in (("Geo Far", 53.5), ("Geo Near", 52.64), ("Geo Middle", 53.0)):
        PlaceFactory(name=name, latitude=latitude, longitude=1.3)
    places = Place.objects.filter(name__in=["Geo Far", "Geo Near", "Geo Middle"]).nearest_to(52.63, 1.3)
    assert [place.name for place in places] == ["Geo Near", "Geo Middle", "Geo Far"]


def djangos_haversine(latitude: float, longitude: float, prefix: str = ""):
    """The haversine in Django's database functions: the reference whose SQL distance_km_from writes."""
    row_latitude = Radians(F(f"{prefix}latitude"))
    half_dlat = (row_latitude - Value(math.radians(latitude))) / Value(2.0)
    half_dlng = (Radians(F(f"{prefix}longitude")) - Value(math.radians(longitude))) / Value(2.0)
    a = Power(Sin(half_dlat), 2) + Cos(row_latitude) * Value(math.cos(math.radians(latitude))) * Power(
        Sin(half_dlng), 2
    )
    return Value(EARTH_RADIUS_KM * 2) * ASin(Least(Sqrt(a), Value(1.0)), output_field=FloatField())


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query",
    [
        lambda km: Place.objects.annotate(km=km()).filter(km__lte=5).order_by("km"),
        # Through a join, inside an aggregate, and inside a subquery (relabelled to its alias).
        lambda km: Listing.objects.annotate(km=Min(km("locations__"))).filter(km__lte=5),
        # A subquery's annotations are resolved again in the outer query, whose model has no such fields.
        lambda km: Listing.objects.filter(
            locations__in=Location.objects.alias(km=km()).filter(km__lte=5).values("pk")
        ),
        lambda km: Location.objects.filter(
            listing__in=Listing.objects.annotate(km=Min(km("locations__"))).filter(km__lte=5).values("pk")
        ),
    ],
)
def test_the_sql_is_that_of_djangos_functions_byte_for_byte(query):
    ours = query(lambda prefix="": distance_km_from(*LONDON, prefix=prefix)).query.sql_with_params()
    djangos = query(lambda prefix="": djangos_haversine(*LONDON, prefix=prefix)).query.sql_with_params()
    assert ours == djangos
    list(query(lambda prefix="": distance_km_from(*LONDON, prefix=prefix)))


def test_the_bounding_box_holds_every_point_within_the_distance():
    latitude, longitude, km = 52.63, 1.29, 10.0
    box = bounding_box(latitude, longitude, km)
    for bearing in range(0, 360, 15):
        # A point km away on each bearing, by the spherical destination formula.
        lat1, lng1, angle, theta = map(math.radians, (latitude, longitude, math.degrees(km / 6371.0), bearing))
        lat2 = math.asin(math.sin(lat1) * math.cos(angle) + math.cos(lat1) * math.sin(angle) * math.cos(theta))
        lng2 = lng1 + math.atan2(
            math.sin(theta) * math.sin(angle) * math.cos(lat1), math.cos(angle) - math.sin(lat1) * math.sin(lat2)
        )
        point = math.degrees(lat2), math.degrees(lng2)
        assert distance_km(latitude, longitude, *point) == pytest.approx(km, rel=1e-9)
        assert box["latitude__gte"] <= point[0] <= box["latitude__lte"]
        assert box["longitude__gte"] - 1e-9 <= point[1] <= box["longitude__lte"] + 1e-9


def test_distance_is_worked_out_in_one_module():
    """No other module does its own trigonometry on latitudes and longitudes."""
    root = Path(__file__).resolve().parents[2]
    offenders = []
    for path in root.glob("*/**/*.py"):
        relative = path.relative_to(root)
        if relative.parts[0] in {"tests", ".venv", "devtools"} or "migrations" in relative.parts:
            continue
        if relative == Path("localism/geo.py"):
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            name = getattr(node, "attr", None) or getattr(node, "id", None)
            if name in {"radians", "Radians", "haversine", "asin", "ASin"}:
                offenders.append(f"{relative}:{node.lineno}")
    assert offenders == []
