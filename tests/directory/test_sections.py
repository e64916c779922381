import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from directory.models import Listing
from tests.directory.factories import ListingFactory, LocationFactory
from tests.factories import PlaceFactory

pytestmark = pytest.mark.django_db


def queries(client, url) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as captured:
        html = client.get(url).content.decode()
    return len(captured), html


def test_the_home_page_shows_new_listings_and_a_directory_search(client, reference_data):
    ListingFactory(name="First club")
    few, _ = queries(client, reverse("localism:home"))
    for n in range(10):
        ListingFactory(name=f"New club {n}")
    ListingFactory(name="Draft club", status=Listing.Status.DRAFT)

    many, html = queries(client, reverse("localism:home"))

    assert many == few

    assert "New in the directory" in html
    assert "New club 9" in html
    assert "Draft club" not in html
    assert 'action="/directory/"' in html


def test_a_place_page_shows_services_near_the_place(client):
    place = PlaceFactory(name="Aylsham", latitude=52.7966, longitude=1.2530)
    LocationFactory(listing=ListingFactory(name="Aylsham first"), latitude=52.80, longitude=1.25)
    few, _ = queries(client, place.get_absolute_url())
    for n in range(10):
        LocationFactory(listing=ListingFactory(name=f"Aylsham club {n}"), latitude=52.80, longitude=1.25)
    LocationFactory(listing=ListingFactory(name="Far club"), latitude=52.41, longitude=0.75)

    many, html = queries(client, place.get_absolute_url())

    assert many == few

    assert "Services, clubs and activities near Aylsham" in html
    # The six nearest (all tied), in the list and on its map.
    assert html.count(">Aylsham club ") + html.count(">Aylsham first<") == 6
    assert html.count('"name": "Aylsham club ') + html.count('"name": "Aylsham first"') == 6
    assert "Far club" not in html
    assert 'name="place" value="aylsham"' in html


def test_a_place_page_lists_each_public_listing_once_nearest_first(client):
    place = PlaceFactory(name="Aylsham", latitude=52.7966, longitude=1.2530)
    two_venues = ListingFactory(name="Two venues")
    LocationFactory(listing=two_venues, latitude=52.8400, longitude=1.2530)
    LocationFactory(listing=two_venues, latitude=52.7967, longitude=1.2531)
    LocationFactory(listing=ListingFactory(name="A mile away"), latitude=52.8100, longitude=1.2530)
    LocationFactory(
        listing=ListingFactory(name="Draft next door", status=Listing.Status.DRAFT), latitude=52.7966, longitude=1.2530
    )
    LocationFactory(
        listing=ListingFactory(name="Out of date next door", is_hidden_as_stale=True),
        latitude=52.7966,
        longitude=1.2530,
    )

    html = client.get(place.get_absolute_url()).content.decode()

    assert html.count(">Two venues<") == 1
    assert html.index(">Two venues<") < html.index(">A mile away<")
    # On the map, once, at its venue nearest the place (the one its distance is to).
    assert html.count('"name": "Two venues"') == 1
    assert '"latitude": 52.7967, "longitude": 1.2531, "name": "Two venues"' in html
    assert "less than half a mile away" in html
    assert "next door" not in html
