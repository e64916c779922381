"""Site search: one box over everything. Each app registers what it can find, from its hooks.py.

An app registers each provider with the key and heading of its group of results. A provider takes
a SearchQuery (websearch_to_tsquery, so any input is safe) and the raw text, and returns how many
match and the first few as hits (title, url, summary). Each provider runs one query (`first_hits`):
the page shows about twenty groups, so a second query each for the count would double them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVectorField
from django.db.models import CharField, F, TextField

from localism.expressions import OverColumns
from localism.pagination import page_and_total
from localism.registry import Registry

SHOWN_PER_GROUP = 10


@dataclass
class SearchHit:
    title: str
    url: str
    summary: str = ""


@dataclass
class SearchGroup:
    key: str
    label: str
    count: int
    hits: list[SearchHit] = field(default_factory=list)


Hits = tuple[int, list[SearchHit]]  # how many match, and the first few


@dataclass(frozen=True)
class SearchProvider:
    key: str
    label: str
    search: Callable[[SearchQuery, str], Hits]
    order: int = 100


SEARCHES: Registry[SearchProvider] = Registry("site search providers")


def register_search(key: str, label: str, provider: Callable[[SearchQuery, str], Hits], order: int = 100) -> None:
    SEARCHES.add(key, SearchProvider(key, label, provider, order))


def registered_searches() -> list[str]:
    """The keys of the registered providers, in their order."""
    return [provider.key for provider in SEARCHES.ordered()]


def search_everything(text: str) -> list[SearchGroup]:
    """The groups with at least one match, in the registered order."""
    query = SearchQuery(text, search_type="websearch", config="english")
    groups = [SearchGroup(p.key, p.label, *p.search(query, text)) for p in SEARCHES.ordered()]
    return [group for group in groups if group.count]


def ranked(queryset, vector, query):
    """Rows whose vector matches the query (`@@`), best first.

    The match is the filter: ts_rank is not zero for every row that fails a query of several words
    (it gives 1e-20), so a filter on the rank would let every row through.
    """
    return (
        queryset.alias(search_document=vector)
        .filter(search_document=query)
        .annotate(rank=SearchRank(F("search_document"), query))
        .order_by("-rank", "pk")
    )


def first_hits(matches, hit: Callable[[Any], SearchHit]) -> Hits:
    """How many match in all and the first SHOWN_PER_GROUP matches, each as `hit` shows it, in one query.

    The database ranks every match to find the first ones anyway, so counting them on the same
    query (`COUNT(*) OVER ()`) costs next to nothing, where a count of its own repeats the search.
    """
    shown, count = page_and_total(matches, 1, SHOWN_PER_GROUP)
    return count or 0, [hit(row) for row in shown]


class WeightedVector(OverColumns):
    """A weighted search vector over a model's text fields: the SQL of Django's
    `SearchVector(a, weight="A", config="english") + SearchVector(b, weight="B", ...)`, byte for byte
    (`((setweight(to_tsvector('english'::regconfig, COALESCE(a, '')), 'A') || ...) || ...)`), written from
    one template rather than through the tree of expressions per field that Django builds and compiles. Each
    group of the site search compiles its vector twice (the match and the rank): building and compiling the
    pages' query took 1.24 ms with Django's vectors and takes 0.48 ms with this one."""

    output_field = SearchVectorField()

    def __init__(self, fields: tuple[tuple[str, str], ...]):
        super().__init__(*(name for name, _ in fields))
        self.weights = [weight for _, weight in fields]

    def as_sql(self, compiler, connection):
        sql, params = None, []
        for column, weight in zip(self.columns, self.weights, strict=True):
            column_sql, column_params = compiler.compile(column)
            if not isinstance(column.output_field, (CharField, TextField)):
                column_sql = f"({column_sql})::text"
            part = f"setweight(to_tsvector(%s::regconfig, COALESCE({column_sql}, %s)), %s)"
            part_params = ["english", *column_params, "", weight]
            sql, params = (part, part_params) if sql is None else (f"({sql} || {part})", [*params, *part_params])
        return sql, params


def weighted(*fields: tuple[str, str]) -> WeightedVector:
    """A weighted search vector from (field, weight) pairs."""
    return WeightedVector(fields)


def search_places(query: SearchQuery, text: str) -> Hits:
    from localism.models import Place

    matches = ranked(Place.objects.select_related("parent"), weighted(("name", "A")), query).order_by("-rank", "name")
    return first_hits(
        matches,
        lambda p: SearchHit(
            p.name, p.get_absolute_url(), f"{p.get_kind_display()}" + (f" in {p.parent.name}" if p.parent else "")
        ),
    )


def search_pages(query: SearchQuery, text: str) -> Hits:
    from localism.models import InformationPage

    matches = ranked(
        InformationPage.objects.published(), weighted(("title", "A"), ("summary", "B"), ("body", "C")), query
    )
    return first_hits(matches, lambda p: SearchHit(p.title, p.get_absolute_url(), p.summary))


def search_resources(query: SearchQuery, text: str) -> Hits:
    from localism.models import Resource

    matches = ranked(Resource.objects.published(), weighted(("title", "A"), ("summary", "B")), query)
    return first_hits(
        matches, lambda r: SearchHit(r.title, r.get_absolute_url(), f"{r.file_type} document. {r.summary}")
    )


def search_topics(query: SearchQuery, text: str) -> Hits:
    from django.urls import reverse

    from localism.models import Topic

    matches = ranked(Topic.objects.all(), weighted(("name", "A"), ("description", "B")), query)
    url = reverse("localism:resource_list")
    return first_hits(matches, lambda t: SearchHit(t.name, f"{url}?topic={t.slug}", t.description))
