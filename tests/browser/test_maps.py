"""Maps in a real browser: each adds to a list beside it, is used with the keyboard, passes axe, loads its
tiles from the configured host (answered locally: no test touches the network), and the page works
without scripts."""

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from django.conf import settings
from django.urls import reverse
from playwright.sync_api import expect

from directory.models import Listing
from tests.browser.conftest import PHONE, fits_the_screen, intercept_tiles, press, press_button
from tests.directory.factories import ListingFactory, LocationFactory

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.map_tiles]

MAP_POINTS = reverse("directory:map_points")
TILE_HOST = re.match(r"https?://[^/]+/", settings.MAP_TILE_URL).group(0)


@pytest.fixture
def venues(reference_data):
    """Two clubs in Norwich a kilometre apart, one in Cromer and one in King's Lynn; a draft in Norwich."""
    places = [
        ("Norwich Lunch Club", 52.6300, 1.2860, "Norwich"),
        ("Norwich Chess Club", 52.6320, 1.3000, "Norwich"),
        ("Cromer Walking Group", 52.9310, 1.3010, "Cromer"),
        ("King's Lynn Choir", 52.7520, 0.4000, "King's Lynn"),
    ]
    listings = {}
    for name, latitude, longitude, city in places:
        listing = ListingFactory(name=name)
        LocationFactory(listing=listing, latitude=latitude, longitude=longitude, city=city, name=f"{city} Hall")
        listings[name] = listing
    draft = ListingFactory(name="Secret Draft Club", status=Listing.Status.DRAFT)
    LocationFactory(listing=draft, latitude=52.6310, longitude=1.2900)
    return listings


def watch_csp(page) -> list[str]:
    """The Content-Security-Policy violations the browser reports on the page."""
    reports: list[str] = []
    page.on("console", lambda message: "Content Security Policy" in message.text and reports.append(message.text))
    return reports


def markers(page):
    return page.locator(".localism-map .leaflet-marker-icon")


def test_the_results_map_shows_the_results_beside_the_list_with_tiles_from_the_configured_host(
    page, venues, assert_accessible
):
    csp = watch_csp(page)
    page.goto(reverse("directory:search"))
    expect(page.get_by_role("heading", name="4 results")).to_be_visible()
    results_map = page.get_by_role("region", name="Map of the results")
    expect(results_map).to_be_visible()
    # The county view: Norwich's two clubs are one group; Cromer's and King's Lynn's are markers of their own.
    expect(page.locator(".localism-map-cluster")).to_have_count(1)
    expect(page.get_by_role("button", name="2 places here: zoom in")).to_be_visible()
    expect(page.get_by_role("button", name="Cromer Walking Group")).to_be_visible()
    expect(page.get_by_role("button", name="King's Lynn Choir")).to_be_visible()
    expect(page.get_by_role("status")).to_have_text(
        "The map shows 2 places and 1 group of places, 4 places in all: zoom in on a group to see its places."
    )
    # The list beside it has the same results, and never the draft.
    for name in venues:
        expect(page.get_by_role("link", name=name)).to_be_visible()
    expect(page.get_by_text("Secret Draft Club")).to_have_count(0)

    expect(page.locator(".leaflet-tile-loaded").first).to_be_attached()
    assert page.tile_requests, "the map asked for no tiles"
    assert all(url.startswith(TILE_HOST) for url in page.tile_requests), page.tile_requests
    expect(page.locator(".leaflet-control-attribution")).to_contain_text("OpenStreetMap contributors")
    assert csp == []
    assert_accessible(page)


def map_views(page) -> list[dict]:
    """The views the results map asks points for, as they are asked: their bbox and zoom."""
    views: list[dict] = []

    def asked(request) -> None:
        if MAP_POINTS in request.url:
            query = parse_qs(urlsplit(request.url).query)
            views.append({"bbox": query["bbox"][0], "zoom": int(query["zoom"][0])})

    page.on("request", asked)
    return views


def zoom_in_on_norwich_with_the_keyboard(page):
    """From the directory's county view, with the keyboard alone, until Norwich's two clubs are markers of their
    own; returns the Chess Club's marker."""
    views = map_views(page)
    page.goto(reverse("directory:search"))
    results_map = page.get_by_role("region", name="Map of the results")
    expect(page.locator(".localism-map-cluster")).to_have_count(1)
    first_zoom = views[-1]["zoom"]

    # The map takes the focus from the keyboard; a group of places zooms in with Enter, and the focus
    # comes back to the map, redrawn nearer.
    tab_until(page, "[data-localism-map]")
    expect(results_map).to_be_focused()
    tab_until(page, ".localism-map-cluster")
    expect(page.locator(":focus")).to_have_accessible_name("2 places here: zoom in")
    page.keyboard.press("Enter")
    expect(results_map).to_be_focused()
    assert views[-1]["zoom"] == first_zoom + 2
    # Plus zooms in further, until Norwich's two clubs are apart (at zoom 13 they are 80 pixels apart).
    while views[-1]["zoom"] < 13:
        with page.expect_response(lambda response: MAP_POINTS in response.url):
            page.keyboard.press("+")
    norwich = page.get_by_role("button", name="Norwich Chess Club")
    expect(norwich).to_be_visible()
    expect(page.get_by_role("button", name="Norwich Lunch Club")).to_be_visible()
    return norwich


def test_the_results_map_is_used_with_the_keyboard(page, venues, assert_accessible):
    norwich = zoom_in_on_norwich_with_the_keyboard(page)

    # Enter on a marker shows what is there, with the focus on its link; Escape gives the focus back.
    tab_until(page, "[title='Norwich Chess Club']")
    page.keyboard.press("Enter")
    link = page.locator(".leaflet-popup").get_by_role("link", name="Norwich Chess Club")
    expect(link).to_be_focused()
    expect(page.locator(".leaflet-popup")).to_contain_text("Norwich Hall, 1 Church Lane, Norwich")
    assert_accessible(page)
    page.keyboard.press("Escape")
    expect(page.locator(".leaflet-popup")).to_have_count(0)
    expect(norwich).to_be_focused()
    page.keyboard.press("Enter")
    expect(link).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Norwich Chess Club")


def test_the_keyboard_moves_and_zooms_the_map(page, venues):
    views = map_views(page)
    page.goto(reverse("directory:search"))
    results_map = page.get_by_role("region", name="Map of the results")
    expect(page.locator(".localism-map-cluster")).to_have_count(1)
    first = views[-1]
    results_map.focus()
    with page.expect_response(lambda response: MAP_POINTS in response.url) as zoomed:
        page.keyboard.press("+")
    assert zoomed.value.ok
    assert views[-1]["zoom"] == first["zoom"] + 1
    with page.expect_response(lambda response: MAP_POINTS in response.url) as moved:
        page.keyboard.press("ArrowRight")
    assert moved.value.ok
    assert views[-1]["zoom"] == first["zoom"] + 1
    west = float(views[-1]["bbox"].split(",")[0])
    assert west > float(views[-2]["bbox"].split(",")[0])  # moved east


def draw_the_view_again(page, size: dict) -> None:
    """Resize the window, as turning a phone or a tablet does: the map asks for its view again and draws every
    marker anew. Returns once the Chess Club's marker that was on the page has been replaced."""
    before = page.locator("[title='Norwich Chess Club']").element_handle()
    with page.expect_response(lambda response: MAP_POINTS in response.url):
        page.set_viewport_size(size)
    page.wait_for_function("marker => !marker.isConnected", arg=before)
    expect(page.locator("[title='Norwich Chess Club']")).to_be_attached()


def test_a_marker_drawn_again_in_its_place_keeps_the_keyboard_focus(page, venues):
    """Opening a popup may pan the map, and a panned view is drawn again behind the popup: closing it must still
    give the focus back to its marker (the one drawn in its place), and a focused marker drawn again keeps it."""
    norwich = zoom_in_on_norwich_with_the_keyboard(page)
    tab_until(page, "[title='Norwich Chess Club']")
    page.keyboard.press("Enter")
    link = page.locator(".leaflet-popup").get_by_role("link", name="Norwich Chess Club")
    expect(link).to_be_focused()

    draw_the_view_again(page, {"width": 900, "height": 720})
    expect(link).to_be_focused()
    page.keyboard.press("Escape")
    expect(page.locator(".leaflet-popup")).to_have_count(0)
    expect(norwich).to_be_focused()

    draw_the_view_again(page, {"width": 1280, "height": 720})
    expect(norwich).to_be_focused()
    page.keyboard.press("Enter")
    expect(link).to_be_focused()


def tab_until(page, selector: str, limit: int = 40) -> None:
    """Press Tab until an element matching selector has the focus."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("selector => document.activeElement.matches(selector)", selector):
            return
    raise AssertionError(f"Could not reach {selector} with the Tab key")


def test_a_search_near_a_postcode_maps_only_its_results(page, venues):
    from tests.factories import PostcodeFactory

    PostcodeFactory(postcode="NR27 9AB", latitude=52.9310, longitude=1.3010)
    page.goto(reverse("directory:search") + "?postcode=NR27+9AB&miles=1")
    expect(page.get_by_role("heading", name="1 result")).to_be_visible()
    expect(page.get_by_role("button", name="Cromer Walking Group")).to_be_visible()
    expect(markers(page)).to_have_count(1)


def test_without_scripts_the_search_and_its_list_work_and_no_map_is_shown(browser, live_server, venues):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False, locale="en-GB")
    tiles = intercept_tiles(context)
    page = context.new_page()
    try:
        page.goto(reverse("directory:search"))
        expect(page.get_by_role("heading", name="4 results")).to_be_visible()
        expect(page.locator("[data-localism-map-wrapper]")).to_be_hidden()
        page.get_by_label("Keywords").fill("chess")
        page.get_by_role("button", name="Search", exact=True).click()
        expect(page.get_by_role("heading", name="1 result")).to_be_visible()
        page.get_by_role("link", name="Norwich Chess Club").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Norwich Chess Club")
        expect(page.get_by_text("Norwich Hall")).to_be_visible()
        expect(page.locator("[data-localism-map-wrapper]")).to_be_hidden()
        assert tiles == []
    finally:
        context.close()


def test_the_results_map_on_a_phone(page, venues, assert_accessible):
    page.set_viewport_size(PHONE)
    page.goto(reverse("directory:search"))
    results_map = page.get_by_role("region", name="Map of the results")
    expect(results_map).to_be_visible()
    expect(page.locator(".localism-map-cluster")).to_have_count(1)
    box = results_map.bounding_box()
    assert box["width"] <= PHONE["width"]
    fits_the_screen(page)
    assert_accessible(page)


def test_a_listing_page_maps_its_venues(page, venues, assert_accessible):
    csp = watch_csp(page)
    page.goto(venues["Cromer Walking Group"].get_absolute_url())
    listing_map = page.get_by_role("region", name="Map of where it happens")
    expect(listing_map).to_be_visible()
    marker = page.get_by_role("button", name="Cromer Walking Group")
    expect(marker).to_be_visible()
    press(page, marker)
    expect(page.locator(".leaflet-popup")).to_contain_text("Cromer Hall, 1 Church Lane, Cromer, NR2 1AB")
    assert page.tile_requests and all(url.startswith(TILE_HOST) for url in page.tile_requests)
    assert csp == []
    assert_accessible(page)


def test_a_place_page_maps_the_listings_it_lists(page, venues, assert_accessible):
    page.goto(reverse("localism:place_detail", kwargs={"slug": "norwich"}))
    place_map = page.get_by_role("region", name="Map of the services, clubs and activities near Norwich")
    expect(place_map).to_be_visible()
    # Within 5 miles of Norwich: its two clubs, on the map as in the list beside it.
    expect(markers(page)).to_have_count(2)
    for name in ("Norwich Lunch Club", "Norwich Chess Club"):
        expect(page.get_by_role("button", name=name)).to_be_visible()
        expect(page.locator(".localism-card-list").get_by_role("link", name=name)).to_be_visible()
    expect(page.get_by_role("button", name="Secret Draft Club")).to_have_count(0)
    press_button(page, "Norwich Lunch Club")
    expect(page.locator(".leaflet-popup").get_by_role("link", name="Norwich Lunch Club")).to_be_focused()
    assert page.tile_requests
    assert_accessible(page)


def test_the_register_of_assets_maps_the_assets_it_lists(page, reference_data, assert_accessible):
    from tests.transparency.factories import AssetNominationFactory
    from transparency.models import AssetNomination

    AssetNominationFactory(
        asset_name="The Red Lion", status=AssetNomination.Status.LISTED, latitude=52.9305, longitude=1.3015
    )
    AssetNominationFactory(asset_name="The Old Forge", status=AssetNomination.Status.LISTED)  # no position known
    AssetNominationFactory(asset_name="The Undecided Inn", latitude=52.93, longitude=1.30)  # awaiting a decision
    page.goto(reverse("transparency:assets"))
    expect(page.get_by_role("region", name="Map of the assets of community value")).to_be_visible()
    expect(markers(page)).to_have_count(1)
    marker = page.get_by_role("button", name="The Red Lion")
    expect(marker).to_be_visible()
    expect(page.get_by_role("link", name="The Old Forge")).to_be_visible()
    expect(page.get_by_text("The Undecided Inn")).to_have_count(0)
    press(page, marker)
    link = page.locator(".leaflet-popup").get_by_role("link", name="The Red Lion")
    expect(link).to_be_focused()
    assert_accessible(page)
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile("The Red Lion"))


def test_a_budgeting_round_maps_its_projects_by_place(page, reference_data, assert_accessible):
    from budgeting.models import Project
    from localism.models import Place
    from tests.budgeting.factories import ProjectFactory, RoundFactory

    cromer = Place.objects.get(slug="cromer")
    sheringham = Place.objects.get(slug="sheringham")
    budget_round = RoundFactory(places=[cromer, sheringham], title="Coast community fund")
    ProjectFactory(round=budget_round, title="Benches on the prom", place=cromer)
    ProjectFactory(round=budget_round, title="Community fridge", place=cromer)
    ProjectFactory(round=budget_round, title="Sheringham youth music", place=sheringham)
    ProjectFactory(
        round=budget_round,
        title="Declined idea",
        place=sheringham,
        status=Project.Status.DECLINED,
        decline_reason="Not in the area",
    )

    page.goto(budget_round.get_absolute_url())
    expect(page.get_by_role("region", name="Map of the projects")).to_be_visible()
    expect(markers(page)).to_have_count(2)
    marker = page.get_by_role("button", name="Cromer: 2 projects")
    expect(page.get_by_role("button", name="Sheringham: 1 project")).to_be_visible()
    press(page, marker)
    popup = page.locator(".leaflet-popup")
    expect(popup.get_by_role("link", name="Benches on the prom")).to_be_focused()
    expect(popup.get_by_role("link", name="Community fridge")).to_be_visible()
    expect(page.get_by_text("Declined idea")).to_have_count(0)
    assert_accessible(page)


def test_markers_that_would_hide_each_other_become_one_that_lists_both(page, venues, assert_accessible):
    knitting = ListingFactory(name="Norwich Knitting Circle")
    LocationFactory(listing=knitting, latitude=52.6300, longitude=1.2860, city="Norwich", name="Norwich Hall")
    page.goto(reverse("localism:place_detail", kwargs={"slug": "norwich"}))
    expect(page.get_by_role("region", name="Map of the services, clubs and activities near Norwich")).to_be_visible()
    together = page.get_by_role("button", name="2 places here")
    expect(together).to_be_visible()
    expect(page.get_by_role("button", name="Norwich Chess Club")).to_be_visible()
    expect(markers(page)).to_have_count(2)
    press(page, together)
    popup = page.locator(".leaflet-popup")
    expect(popup.get_by_role("link")).to_have_count(2)
    expect(popup.get_by_role("link").first).to_be_focused()
    expect(popup.get_by_role("link", name="Norwich Knitting Circle")).to_be_visible()
    expect(popup.get_by_role("link", name="Norwich Lunch Club")).to_be_visible()
    assert_accessible(page)
