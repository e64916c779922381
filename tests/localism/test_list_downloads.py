"""Every public list that offers a download (CSV or JSON) is served by the one download view of
localism/exports.py, from a ListDownload its app registered; nothing else serves a list as open data."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from django.urls import NoReverseMatch, Resolver404, resolve, reverse

from localism import exports
from tests.consultations.factories import ConsultationFactory
from tests.directory.factories import ListingFactory
from tests.partnerships.factories import PartnershipFactory
from tests.security.routes import routes
from tests.transparency import factories as transparency
from transparency.models import AssetNomination
from transparency.services import spending_facets_refresh

pytestmark = pytest.mark.django_db


class _Links(HTMLParser):
    """The links a person would take for a download: their text says CSV or JSON, or they carry `download`."""

    def __init__(self):
        super().__init__()
        self.all: list[str] = []
        self.downloads: list[str] = []
        self._open: tuple[str, bool] | None = None
        self._text = ""

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            attributes = dict(attrs)
            self._open, self._text = (attributes.get("href") or "", "download" in attributes), ""

    def handle_data(self, data):
        if self._open is not None:
            self._text += data

    def handle_endtag(self, tag):
        if tag == "a" and self._open is not None:
            href, is_download = self._open
            self.all.append(href)
            if is_download or re.match(r"\s*(CSV|JSON)\b", self._text):
                self.downloads.append(href)
            self._open = None


def _served_by(client, href: str):
    """The view that answers a link (following the redirect of an address a download had before)."""
    match = resolve(urlsplit(href).path)
    if match.func is not exports.download:
        response = client.get(href)
        if response.status_code in (301, 302):
            match = resolve(urlsplit(response["Location"]).path)
    return match


def _pages() -> list[str]:
    """Every page of the site that takes no argument (the staff admin aside)."""
    pages = []
    for route in routes():
        try:
            pages.append(reverse(route.name))
        except NoReverseMatch:
            continue
    return pages


@pytest.fixture
def lists_with_rows(db, request):
    ListingFactory(name="Memory café")
    ConsultationFactory(title="Library hours")
    transparency.SpendingRecordFactory()
    spending_facets_refresh()
    transparency.ContractFactory()
    transparency.GrantFactory()
    transparency.DecisionFactory()
    transparency.NoticeFactory()
    request.getfixturevalue("make_application")("business_case")
    request.getfixturevalue("make_plan")()
    for status in (AssetNomination.Status.LISTED, AssetNomination.Status.NOT_LISTED):
        transparency.AssetNominationFactory(status=status)
    PartnershipFactory()


def test_every_download_link_on_a_public_page_is_served_by_the_one_download_view(client, lists_with_rows):
    seen_pages, found = set(), {}
    queue = _pages()
    depth = dict.fromkeys(queue, 0)
    while queue:
        page = queue.pop(0)
        if page in seen_pages:
            continue
        seen_pages.add(page)
        response = client.get(page)
        if response.status_code != 200 or not response["Content-Type"].startswith("text/html"):
            continue
        links = _Links()
        links.feed(response.content.decode())
        for href in links.downloads:
            if href.startswith(("http://", "https://")):
                continue  # another site's page (a data standard, the licence)
            match = _served_by(client, href if href.startswith("/") else page + href)
            found.setdefault(match.view_name, set()).add(page)
            assert match.func is exports.download, f"{href} on {page} is served by {match.func.__module__}"
        if depth[page] < 1:
            # One step further: the pages the lists link to (a supplier, a listing, an asset).
            taken = set()
            for href in links.all:
                path = urlsplit(href).path
                if not path.startswith("/") or path in depth:
                    continue
                try:
                    match = resolve(path)
                except Resolver404:
                    continue
                if match.route in taken or match.namespace == "admin":
                    continue
                taken.add(match.route)
                depth[path] = depth[page] + 1
                queue.append(path)
    # Every list the download view serves is offered on a page; a budget simulator's choices are offered on its
    # results, deeper than this walk goes (tests/budget_simulator/test_results.py downloads them).
    served = {route.name for route in routes() if route.pattern.callback is exports.download}
    assert served - {"budget_simulator:download"} <= set(found)


def test_every_download_address_names_a_registered_list_and_every_list_has_an_address():
    served = {
        (route.pattern.default_args["name"], route.pattern.pattern.regex.groupindex.get("which") is not None)
        for route in routes()
        if route.pattern.callback is exports.download
    }
    names = {name for name, _ in served}
    registered = set(exports.DOWNLOADS)
    for name, has_which in served:
        if has_which:
            assert any(key.startswith(f"{name}-") for key in registered), name
        else:
            assert name in registered, name
    for key in registered:
        assert key in names or key.rsplit("-", 1)[0] in names, f"{key} has no address"
