"""The directory's search results as open data (ORUK-flat CSV and JSON), registered in hooks.py and served
by the one download view of localism/exports.py."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponseRedirect
from django.urls import reverse

from directory import views
from directory.serializers import FLAT_HEADER, flat_rows
from localism.exports import ListDownload, licence_meta_with_filters

MAX_DOWNLOAD = 5000


def _search_page(request: HttpRequest) -> HttpResponseRedirect:
    """A filter the search cannot read: the search page says what is wrong with it."""
    return HttpResponseRedirect(f"{reverse('directory:search')}?{request.GET.urlencode()}")


def _listings(listings, request: HttpRequest):
    return flat_rows(listings.prefetch_related("locations", "categories")[:MAX_DOWNLOAD], request)


LISTINGS = ListDownload(
    filename="directory",
    columns=tuple((name, name) for name in FLAT_HEADER),
    filterset=views.search_filter,
    page=_search_page,
    json_key="listings",
    json_meta=licence_meta_with_filters("Services, clubs and activities"),
    records=_listings,
)
