"""Pages of results with their total in one query.

Django's Paginator counts (one query) and then fetches the page (another), and on a
search both run the whole filter, ranking and distance work. Here the page's query
carries `COUNT(*) OVER ()`, the number of rows the query matches before LIMIT, so
one query gives both. Only a page past the end needs a separate count.
"""

from __future__ import annotations

from django.core.paginator import Page, Paginator
from django.db.models import Count, QuerySet, Window
from django.http import HttpRequest

TOTAL = "matching_total"
LAST_PAGE = 10_000  # a page number past any real list: larger ones are read as this


def page_number(request: HttpRequest) -> int:
    """The page asked for in `?page=`, from 1 to LAST_PAGE; anything that is not a number is page 1."""
    try:
        return max(1, min(int(request.GET.get("page", "1")), LAST_PAGE))
    except (TypeError, ValueError):
        return 1


def query_without(request: HttpRequest, *names: str) -> str:
    """The request's query string less these parameters: the filters, for links that change the others."""
    query = request.GET.copy()
    for name in names:
        query.pop(name, None)
    return query.urlencode()


def query_without_page(request: HttpRequest) -> str:
    """The request's query string less its page: the filters, for the links to other pages."""
    return query_without(request, "page")


def page_and_total(queryset: QuerySet, number: int, per_page: int) -> tuple[list, int | None]:
    """The rows of page `number` (from 1) and how many rows match in all; None when the page is empty.

    Works for model, values() and values_list() querysets; the total is taken off each row.
    """
    offset = (number - 1) * per_page
    rows = list(queryset.annotate(**{TOTAL: Window(Count("pk"))})[offset : offset + per_page])
    if not rows:
        return [], None
    first = rows[0]
    if isinstance(first, dict):
        total = first[TOTAL]
        for row in rows:
            del row[TOTAL]
    elif isinstance(first, tuple):
        total = first[-1]
        rows = [row[:-1] for row in rows]
    else:
        total = getattr(first, TOTAL)
    return rows, total


class OneQueryPaginator(Paginator):
    """A Paginator whose get_page() fetches the page and the count together (see page_and_total)."""

    def get_page(self, number) -> Page:
        try:
            number = max(int(number), 1)
        except (TypeError, ValueError):
            number = 1
        rows, total = page_and_total(self.object_list, number, self.per_page)
        if total is None:
            # Past the end, or nothing matches: count the plain way and show the last page.
            return super().get_page(number)
        self.count = total  # what Paginator would have counted
        return self._get_page(rows, number, self)
