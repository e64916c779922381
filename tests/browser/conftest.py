"""Playwright driving Debian's Chromium against a live server: one browser per test worker."""

from __future__ import annotations

import json
import struct
import zlib
from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.conf import settings
from playwright.sync_api import sync_playwright

from localism.env import tile_sources
from tests.services import chromium_path

# WCAG 2.2 A and AA, plus axe's best practices.
AXE_OPTIONS = {
    "runOnly": {
        "type": "tag",
        "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"],
    },
    "resultTypes": ["violations"],
}

CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
    # No test touches the network: a map tile's host resolves to nothing, unless the test answers its tiles itself
    # (intercept_tiles).
    "--host-resolver-rules="
    + ", ".join(f"MAP {urlsplit(source).hostname} ~NOTFOUND" for source in tile_sources(settings.MAP_TILE_URL)),
]

# The sizes pages are checked at on a phone: a common phone, and 320 CSS pixels wide (WCAG 2.2, 1.4.10 Reflow).
PHONE = {"width": 375, "height": 812}
NARROWEST = {"width": 320, "height": 640}
SIZES = pytest.mark.parametrize("size", [PHONE, NARROWEST], ids=["375x812", "320"])


def _grey_png() -> bytes:
    """A one-pixel grey PNG."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0)  # 1x1, 8-bit greyscale
    pixels = zlib.compress(b"\x00\xdd")  # one row: no filter, light grey
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")


# Every map tile, answered here where a test looks at the tiles.
TILE_PNG = _grey_png()


def intercept_tiles(context) -> list[str]:
    """Answer the context's requests to the map tile host (MAP_TILE_URL's) locally; returns the URLs asked.

    Routing turns off the context's HTTP cache (Playwright's rule, so that every request reaches the routes): each
    page then fetches its stylesheets, scripts and fonts from the live server again, which doubles the time a page
    takes to load. Only the tests marked `map_tiles` have their page's tiles answered.
    """
    asked: list[str] = []

    def fulfil(route) -> None:
        asked.append(route.request.url)
        route.fulfill(status=200, content_type="image/png", body=TILE_PNG)

    for origin in tile_sources(settings.MAP_TILE_URL):
        context.route(f"{origin}/**", fulfil)
    return asked


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    executable = chromium_path()
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, live_server, request):
    context = browser.new_context(base_url=live_server.url, locale="en-GB", timezone_id="Europe/London")
    context.set_default_timeout(10_000)
    page = context.new_page()
    page.tile_requests = intercept_tiles(context) if request.node.get_closest_marker("map_tiles") else []
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    yield page
    context.close()
    assert errors == [], f"JavaScript errors on the page: {errors}"


@pytest.fixture(scope="session")
def _axe():
    return Axe()


@pytest.fixture
def assert_accessible(_axe):
    """Run axe-core on the whole page; fail with each violation's rule and nodes."""

    def check(page) -> None:
        # A page is scanned as people see it: its stylesheets applied (after a key press the heading can be
        # there before the styles are, and unstyled links are too small to tap).
        page.wait_for_load_state("load")
        if not getattr(page.context, "has_axe", False):
            # Sent to the browser once: each page the context opens from now on has axe-core before its own scripts.
            page.context.add_init_script(_axe.axe_script)
            page.context.has_axe = True
        if page.evaluate("typeof axe === 'undefined'"):
            page.evaluate(_axe.axe_script)
        results = page.evaluate("options => axe.run(document, options)", AXE_OPTIONS)
        violations = results["violations"]
        details = [
            {"rule": v["id"], "impact": v["impact"], "help": v["help"], "nodes": [n["target"] for n in v["nodes"]][:5]}
            for v in violations
        ]
        assert violations == [] or not details, json.dumps(details, indent=1)

    return check


@pytest.fixture
def sign_in(client, live_server):
    """Sign a person in to the browser page (a real session in the database, its cookie in the browser)."""

    def do(page, user) -> None:
        client.force_login(user)
        page.context.add_cookies(
            [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
        )

    return do


@pytest.fixture
def cromer_round(reference_data):
    """A participatory budgeting round for Cromer, voting now: £10,000 for three projects of £3,000 to £6,000."""
    from decimal import Decimal

    from localism.models import Place
    from tests.budgeting.factories import ProjectFactory, RoundFactory

    budget_round = RoundFactory(places=[Place.objects.get(slug="cromer")], title="Cromer community fund")
    ProjectFactory(round=budget_round, title="Benches on the prom", cost=Decimal("6000"))
    ProjectFactory(round=budget_round, title="Community fridge", cost=Decimal("3000"))
    ProjectFactory(round=budget_round, title="Youth music", cost=Decimal("5000"))
    return budget_round


def expect_success(page, text: str) -> None:
    """Wait for the success banner with this text, and for the page's scripts to have run.

    GOV.UK Frontend's deferred script moves focus to a success banner; typing before
    it has run would lose keystrokes to that focus move.
    """
    from playwright.sync_api import expect

    expect(page.locator(".govuk-notification-banner--success", has_text=text)).to_be_visible()
    page.wait_for_load_state("load")


def press(page, control, key: str = "Enter") -> None:
    """Reach a control with the keyboard and press a key on it (Enter, or Space for a radio or checkbox),
    as a keyboard user does."""
    control.focus()
    page.keyboard.press(key)


def press_button(page, name: str) -> None:
    press(page, page.get_by_role("button", name=name))


def type_into(page, field, text: str) -> None:
    """Reach a field with the keyboard and type into it key by key, as a keyboard user does."""
    field.focus()
    page.keyboard.type(text)


def type_in_turn(page, *texts: str) -> None:
    """Type each text in turn, from the field that has focus, pressing Tab to reach the next field."""
    for number, text in enumerate(texts):
        if number:
            page.keyboard.press("Tab")
        page.keyboard.type(text)


def expect_heading(page, text, assert_accessible) -> None:
    """The page now shown has this main heading, and axe-core finds no violation on it."""
    from playwright.sync_api import expect

    expect(page.get_by_role("heading", level=1)).to_have_text(text)
    assert_accessible(page)


def expect_error_summary(page, assert_accessible) -> None:
    """The form came back with the GOV.UK error summary, which has focus, and axe-core finds no violation."""
    from playwright.sync_api import expect

    expect(page.locator(".govuk-error-summary")).to_be_focused()
    assert_accessible(page)


def fits_the_screen(page) -> None:
    """Nothing scrolls sideways: the document is no wider than the viewport."""
    assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]


def list_the_nomination_in_the_admin(page, nomination) -> None:
    """Staff (signed in on this page) decide in the admin to list a nominated asset, today."""
    import re

    from django.urls import reverse
    from django.utils import timezone

    page.goto(reverse("admin:transparency_assetnomination_change", kwargs={"object_id": nomination.pk}))
    page.get_by_role("link", name=re.compile("Decide the nomination")).click()
    page.get_by_label("List the asset (for 5 years)").check()
    page.get_by_label("Decision date").fill(timezone.localdate().strftime("%d/%m/%Y"))
    page.get_by_role("button", name="Save").click()
