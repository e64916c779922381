"""Odd values in whatever a page's own forms send never give a 500, on every page of the portal outside the admin.

The pages are not a list written here: they are every route from the URL resolver that needs no argument, and
one page of every other kind reached by following their links. The parameters tried on each are the names of
the fields of its own GET forms (its filters, its search box, its postcode box), as a browser would send them,
those of its links to itself, and the paging and format parameters any list reads. A new page or a new filter
is tried without this file knowing of it. (test_odd_input.py tries the same values one parameter at a time on
the best-known pages.)
"""

from __future__ import annotations

from collections import deque
from html.parser import HTMLParser
from urllib.parse import parse_qs, urlsplit

import pytest
from django.test import Client
from django.urls import reverse

from tests.budget_simulator.factories import BudgetSimulatorFactory
from tests.budgeting.factories import ProjectFactory
from tests.events.factories import EventFactory
from tests.partnerships.factories import MeetingFactory, PartnershipFactory
from tests.petitions.factories import PetitionFactory
from tests.security.payloads import (
    LONGER_THAN_ANY_FIELD,
    ODD_NUMBERS_AND_DATES,
    ODD_TEXT_COMBINED,
    no_500,
    query_string,
)
from tests.security.routes import kind_of, routes
from tests.security.test_odd_input import QUERY_PAGES
from tests.transparency.factories import NoticeFactory

pytestmark = pytest.mark.django_db

# Read by lists and downloads whether or not a form on the page names them.
ANY_LIST = ("page", "per_page", "format", "sort", "q")
ODD_VALUES = ODD_TEXT_COMBINED | {"long": LONGER_THAN_ANY_FIELD} | ODD_NUMBERS_AND_DATES


@pytest.fixture
def everywhere(populated, make_plan):
    """The filters' rows, and one public thing of each kind more, so that every kind of page is linked to."""
    PetitionFactory()
    ProjectFactory()
    EventFactory()
    MeetingFactory(partnership=PartnershipFactory())
    BudgetSimulatorFactory(consultation=populated["consultation"])
    make_plan()
    NoticeFactory()


class _Page(HTMLParser):
    """A page's same-site links, and the names of the fields of its GET forms."""

    def __init__(self):
        super().__init__()
        self.hrefs: list[str] = []
        self.fields: set[str] = set()
        self._in_get_form = False

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "a" and attributes.get("href"):
            self.hrefs.append(attributes["href"])
        elif tag == "form":
            self._in_get_form = (attributes.get("method") or "get").lower() == "get"
        elif self._in_get_form and tag in ("input", "select", "textarea") and attributes.get("name"):
            self.fields.add(attributes["name"])

    def handle_endtag(self, tag):
        if tag == "form":
            self._in_get_form = False


def _starting_pages() -> list[str]:
    """Every route outside the staff admin that takes no argument."""
    return [reverse(route.name) for route in routes() if not route.arguments]


def public_pages(client: Client) -> dict[str, tuple[str, set[str]]]:
    """One page of each kind (URL name) that answers someone signed out: its path and the fields of its GET forms.
    Breadth first from the starting pages, along same-site links (a download's link is followed without its
    query)."""
    found: dict[str, tuple[str, set[str]]] = {}
    queue = deque(_starting_pages())
    seen = {kind_of(path) for path in queue}
    while queue:
        path = queue.popleft()
        response = client.get(path)
        if response.status_code != 200:
            continue
        page = _Page()
        if "text/html" in response.get("Content-Type", ""):
            page.feed(response.content.decode())
        # A page's links to itself with a query (a table's "?area=north-norfolk") are filters too.
        here = {name for link in map(urlsplit, page.hrefs) if link.path in ("", path) for name in parse_qs(link.query)}
        found[kind_of(path)] = (path, page.fields | here)
        for href in page.hrefs:
            link = urlsplit(href)
            if link.netloc or not link.path.startswith("/"):
                continue
            kind = kind_of(link.path)
            if kind is not None and kind not in seen and not kind.startswith("admin:"):
                seen.add(kind)
                queue.append(link.path)
    return found


def test_the_pages_found_include_every_page_tried_one_parameter_at_a_time(everywhere):
    pages = public_pages(Client())

    html_pages = {kind_of(path) for path in QUERY_PAGES if not path.startswith(("/api/", "/accounts/"))}
    html_pages -= {kind_of(reverse("transparency:spending_download", kwargs={"fmt": "csv"}))}
    missing = {kind for kind in html_pages if kind not in pages and "download" not in kind and "search_" not in kind}
    assert not missing, f"not reached by the crawl: {sorted(missing)}"
    assert len(pages) >= 85, sorted(pages)
    assert {"q", "postcode", "category"} <= pages["directory:search"][1]


@pytest.fixture(params=["visitor", "staff member"])
def asker(request, everywhere) -> Client:
    """Somebody signed out, and a staff member (who is also shown the portal's pages for staff)."""
    client = Client() if request.param == "visitor" else request.getfixturevalue("staff_client")
    client.raise_request_exception = False
    return client


def test_a_staff_member_is_also_shown_pages_for_staff(asker):
    pages = public_pages(asker)

    assert ("events:people" in pages) == (asker.session.get("_auth_user_id") is not None)


@pytest.mark.parametrize("kind", ODD_VALUES)
def test_odd_values_in_every_pages_own_filters_never_give_a_500(asker, kind):
    value = ODD_VALUES[kind]
    problems = []
    for path, fields in public_pages(asker).values():
        query = query_string(dict.fromkeys(sorted(fields | set(ANY_LIST)), value))
        if problem := no_500(asker, f"{path}?{query}"):
            problems.append(problem)
    assert not problems, "\n".join(problems)
