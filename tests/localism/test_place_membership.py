"""What belongs to a place: one rule (`Place.content_filter`), and its reverse for the emails
(`PlaceQuerySet.showing`), asked by every app's place section."""

import ast
import itertools
from pathlib import Path

import pytest

from consultations.models import Consultation
from localism.models import Place
from tests.consultations.factories import ConsultationFactory
from tests.factories import PlaceFactory


@pytest.fixture
def hierarchy(db):
    """A county, two districts, a town in each, and a ward in one town."""
    county = PlaceFactory(name="Membership County", kind=Place.Kind.COUNTY)
    east = PlaceFactory(name="Membership East", kind=Place.Kind.DISTRICT, parent=county)
    west = PlaceFactory(name="Membership West", kind=Place.Kind.DISTRICT, parent=county)
    town = PlaceFactory(name="Membership Town", kind=Place.Kind.TOWN, parent=east)
    other_town = PlaceFactory(name="Membership Other Town", kind=Place.Kind.TOWN, parent=west)
    ward = PlaceFactory(name="Membership Ward", kind=Place.Kind.WARD, parent=town)
    return {"county": county, "east": east, "west": west, "town": town, "other_town": other_town, "ward": ward}


def _belongs(content_place, page_place, covering):
    tied = Place.objects.filter(pk=content_place.pk)
    return tied.filter(page_place.content_filter("pk", covering=covering)).exists()


@pytest.mark.parametrize("covering", [True, False])
def test_content_in_an_area_inside_the_place_belongs_to_it(hierarchy, covering):
    for inner in ("east", "town", "ward"):
        assert _belongs(hierarchy[inner], hierarchy["county"], covering), inner
    assert _belongs(hierarchy["ward"], hierarchy["east"], covering)
    assert not _belongs(hierarchy["other_town"], hierarchy["east"], covering)
    assert not _belongs(hierarchy["west"], hierarchy["town"], covering)


def test_only_covering_content_of_an_area_around_the_place_belongs_to_it(hierarchy):
    assert _belongs(hierarchy["county"], hierarchy["ward"], covering=True)
    assert _belongs(hierarchy["east"], hierarchy["town"], covering=True)
    assert not _belongs(hierarchy["west"], hierarchy["town"], covering=True)
    assert not _belongs(hierarchy["county"], hierarchy["ward"], covering=False)
    assert not _belongs(hierarchy["east"], hierarchy["town"], covering=False)


@pytest.mark.parametrize("covering", [True, False])
def test_the_places_shown_content_are_exactly_the_places_it_belongs_to(hierarchy, covering):
    """`showing` (who hears of new content) is the reverse of `content_filter` (what a page shows)."""
    places = list(hierarchy.values())
    for content_place, page_place in itertools.product(places, places):
        shown = Place.objects.showing([content_place], covering=covering).filter(pk=page_place.pk).exists()
        assert shown == _belongs(content_place, page_place, covering), (content_place.name, page_place.name)


def test_a_consultation_for_a_ward_is_on_the_town_district_and_county_pages_only(hierarchy):
    consultation = ConsultationFactory()
    consultation.places.add(hierarchy["ward"])
    for name in ("ward", "town", "east", "county"):
        assert consultation in Consultation.objects.in_place(hierarchy[name]), name
    for name in ("west", "other_town"):
        assert consultation not in Consultation.objects.in_place(hierarchy[name]), name


def test_no_other_module_walks_the_place_hierarchy_in_a_filter():
    """Membership is asked of the place (`content_filter`, `showing`, `Council.objects.covering`)."""
    root = Path(__file__).resolve().parents[2]
    offenders = []
    for path in root.glob("*/**/*.py"):
        relative = path.relative_to(root)
        if relative.parts[0] in {"tests", ".venv"} or "migrations" in relative.parts:
            continue
        if relative == Path("localism/models.py"):
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            # A lookup through a place's parent: `places__parent=place`, `place__parent__parent=place`.
            if isinstance(node, ast.keyword) and node.arg and "__parent" in node.arg:
                offenders.append(f"{relative}:{node.value.lineno}")
    assert offenders == []
