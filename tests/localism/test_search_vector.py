"""The site search's weighted vectors (localism.search.weighted) send PostgreSQL the very SQL of Django's own
SearchVector composition, and find what it finds."""

import pytest
from django.contrib.postgres.search import SearchQuery, SearchVector

from budgeting.models import Project
from localism.models import InformationPage, Place
from localism.search import ranked, weighted
from neighbourhood_plans.models import NeighbourhoodPlan
from tests.factories import InformationPageFactory, PlaceFactory

pytestmark = pytest.mark.django_db

QUERY = SearchQuery("lighthouse keepers", search_type="websearch", config="english")


def djangos_vector(*fields):
    vector = None
    for name, weight in fields:
        part = SearchVector(name, weight=weight, config="english")
        vector = part if vector is None else vector + part
    return vector


@pytest.mark.parametrize(
    ("model", "fields"),
    [
        (Place, (("name", "A"),)),
        (InformationPage, (("title", "A"), ("summary", "B"), ("body", "C"))),
        # Through a join, and a field that is not text (cast to text, as Django does).
        (Project, (("title", "A"), ("organisation__name", "B"), ("description", "C"))),
        (NeighbourhoodPlan, (("name", "A"), ("area__name", "A"), ("summary", "C"))),
        (Place, (("name", "A"), ("latitude", "D"))),
    ],
)
def test_the_vector_is_djangos_sql_byte_for_byte(model, fields):
    ours = ranked(model.objects.all(), weighted(*fields), QUERY).query.sql_with_params()
    djangos = ranked(model.objects.all(), djangos_vector(*fields), QUERY).query.sql_with_params()
    assert ours == djangos


def test_the_vector_finds_and_ranks_as_djangos_does():
    InformationPageFactory(title="Lighthouse keepers", summary="", body="")
    InformationPageFactory(title="Cliff walks", summary="Past the lighthouse, where the keepers lived.", body="")
    InformationPageFactory(title="Beach huts", summary="", body="Nothing about it.")
    fields = (("title", "A"), ("summary", "B"), ("body", "C"))

    def titles(vector):
        return [page.title for page in ranked(InformationPage.objects.all(), vector, QUERY)]

    assert titles(weighted(*fields)) == titles(djangos_vector(*fields)) == ["Lighthouse keepers", "Cliff walks"]


def test_the_vector_keeps_its_columns_inside_a_subquery():
    """A vector in a subquery is relabelled to the subquery's table alias, as any expression is."""
    place = PlaceFactory(name="Lighthouse keepers' cottages")
    PlaceFactory(name="Harbour", parent=place)
    inner = ranked(Place.objects.all(), weighted(("name", "A")), QUERY).values("pk")
    assert list(Place.objects.filter(parent__in=inner).values_list("name", flat=True)) == ["Harbour"]


def test_the_vector_keeps_its_columns_in_a_subquery_of_another_model():
    """A subquery's annotations are resolved again in the outer query, whose model has none of the fields."""
    fields = (("title", "A"), ("summary", "B"), ("body", "C"))

    def outer(vector):
        return Place.objects.filter(pk__in=ranked(InformationPage.objects.all(), vector, QUERY).values("pk"))

    assert outer(weighted(*fields)).query.sql_with_params() == outer(djangos_vector(*fields)).query.sql_with_params()
    list(outer(weighted(*fields)))
