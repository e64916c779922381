"""Site search: one box over everything. Each app registers what it can find, from its hooks.py.

A provider takes a SearchQuery (websearch_to_tsquery, so any input is safe) and the
raw text, and returns a SearchGroup: how many matches, and the first few as
(title, url, summary). Each provider runs one query (`first_matches`): the page
shows about twenty groups, so a second query each for the count would double them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db.models import F

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


@dataclass(frozen=True)
class SearchProvider:
    key: str
    search: Callable[[SearchQuery, str], SearchGroup]
    order: int = 100


SEARCHES: Registry[SearchProvider] = Registry("site search providers")


def register_search(key: str, provider: Callable[[SearchQuery, str], SearchGroup], order: int = 100) -> None:
    SEARCHES.add(key, SearchProvider(key, provider, order))


def registered_searches() -> list[str]:
    """The keys of the registered providers, in their order."""
    return [provider.key for provider in SEARCHES.ordered()]


def search_everything(text: str) -> list[SearchGroup]:
    """The groups with at least one match, in the registered order."""
    query = SearchQuery(text, search_type="websearch", config="english")
    groups = [provider.search(query, text) for provider in SEARCHES.ordered()]
    return [group for group in groups if group.count]


def ranked(queryset, vector, query):
    """Rows whose vector matches the query (`@@`), best first.

    The match is the filter: ts_rank is not zero for every row that fails a query of several words
    (it gives 1e-20), so a filter on the rank would let every row through.
    """
    return (
        queryset.annotate(search_document=vector)
        .filter(search_document=query)
        .annotate(rank=SearchRank(F("search_document"), query))
        .order_by("-rank", "pk")
    )


def first_matches(matches) -> tuple[list, int]:
    """The first SHOWN_PER_GROUP matches and how many match in all, in one query.

    The database ranks every match to find the first ones anyway, so counting them on the same
    query (`COUNT(*) OVER ()`) costs next to nothing, where a count of its own repeats the search.
    """
    shown, count = page_and_total(matches, 1, SHOWN_PER_GROUP)
    return shown, count or 0


def weighted(*fields: tuple[str, str]):
    """A weighted search vector from (field, weight) pairs."""
    vector = None
    for name, weight in fields:
        part = SearchVector(name, weight=weight, config="english")
        vector = part if vector is None else vector + part
    return vector


def search_places(query: SearchQuery, text: str) -> SearchGroup:
    from localism.models import Place

    matches = ranked(Place.objects.select_related("parent"), weighted(("name", "A")), query).order_by("-rank", "name")
    shown, count = first_matches(matches)
    hits = [
        SearchHit(
            p.name, p.get_absolute_url(), f"{p.get_kind_display()}" + (f" in {p.parent.name}" if p.parent else "")
        )
        for p in shown
    ]
    return SearchGroup("places", "Places", count, hits)


def search_pages(query: SearchQuery, text: str) -> SearchGroup:
    from localism.models import InformationPage

    matches = ranked(
        InformationPage.objects.published(), weighted(("title", "A"), ("summary", "B"), ("body", "C")), query
    )
    shown, count = first_matches(matches)
    hits = [SearchHit(p.title, p.get_absolute_url(), p.summary) for p in shown]
    return SearchGroup("pages", "Information pages", count, hits)


def search_resources(query: SearchQuery, text: str) -> SearchGroup:
    from localism.models import Resource

    matches = ranked(Resource.objects.published(), weighted(("title", "A"), ("summary", "B")), query)
    shown, count = first_matches(matches)
    hits = [SearchHit(r.title, r.get_absolute_url(), f"{r.file_type} document. {r.summary}") for r in shown]
    return SearchGroup("resources", "Documents", count, hits)


def search_topics(query: SearchQuery, text: str) -> SearchGroup:
    from django.urls import reverse

    from localism.models import Topic

    matches = ranked(Topic.objects.all(), weighted(("name", "A"), ("description", "B")), query)
    url = reverse("localism:resource_list")
    shown, count = first_matches(matches)
    hits = [SearchHit(t.name, f"{url}?topic={t.slug}", t.description) for t in shown]
    return SearchGroup("topics", "Topics", count, hits)
