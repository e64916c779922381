"""The results map's points (/directory/map/points/): venues grouped into a grid by zoom in SQL, only what
residents see, never more than 500 markers, and a 400 with a message for a view it cannot draw."""

import pytest
from django.urls import reverse

from directory.models import Listing, Location, Organisation
from localism.maps import MAX_MARKERS, Bounds, cell_degrees
from tests.directory.factories import ListingFactory, LocationFactory, OrganisationFactory
from tests.factories import PostcodeFactory

pytestmark = pytest.mark.django_db

# At zoom 10 a cell is 360 / 2**10 / 4 = 0.087890625 degrees; this view is narrower than 20 cells.
ZOOM = 10
VIEW = "1.0,52.5,1.5,52.8"
CELL = 0.087890625


def points(client, bbox: str = VIEW, zoom: int | str = ZOOM, **filters):
    response = client.get(reverse("directory:map_points"), {"bbox": bbox, "zoom": zoom, **filters})
    assert response.status_code == 200, response.content
    return response.json()


def venue(name: str, latitude: float, longitude: float, **listing) -> Location:
    return LocationFactory(listing=ListingFactory(name=name, **listing), latitude=latitude, longitude=longitude)


def test_the_cell_is_a_quarter_tile_at_the_zoom_asked():
    assert cell_degrees(Bounds(1.0, 52.5, 1.5, 52.8), ZOOM) == CELL


def test_venues_in_one_cell_are_a_cluster_at_their_mean_position_and_a_venue_alone_is_a_point(client):
    # Cells are floor(degrees / CELL): these three are in the cell (597, 12), from 52.4707 to 52.5586 north
    # and 1.0547 to 1.1426 east; the fourth is alone in (598, 14).
    venue("Lunch club", 52.50, 1.06)
    venue("Chess club", 52.52, 1.10)
    venue("Choir", 52.54, 1.14)
    alone = venue("Walking group", 52.60, 1.25)

    answer = points(client)

    assert answer["venues"] == 4
    assert answer["zoom"] == ZOOM
    assert answer["bbox"] == [1.0, 52.5, 1.5, 52.8]
    [cluster] = answer["clusters"]
    assert cluster["count"] == 3
    assert cluster["latitude"] == pytest.approx(52.52)
    assert cluster["longitude"] == pytest.approx(1.10)
    assert answer["points"] == [
        {
            "latitude": 52.60,
            "longitude": 1.25,
            "name": "Walking group",
            "venue": "Village Hall, 1 Church Lane, Norwich",
            "url": reverse("directory:listing_detail", kwargs={"pk": alone.listing_id}),
        }
    ]


def test_zooming_in_splits_a_cluster_into_its_venues(client):
    venue("Lunch club", 52.50, 1.06)
    venue("Chess club", 52.52, 1.10)

    assert [c["count"] for c in points(client)["clusters"]] == [2]
    nearer = points(client, bbox="1.0,52.45,1.2,52.55", zoom=13)
    assert nearer["clusters"] == []
    assert [p["name"] for p in nearer["points"]] == ["Chess club", "Lunch club"]


def test_venues_outside_the_view_are_left_out(client):
    venue("Lunch club", 52.50, 1.06)
    venue("Far away", 51.50, -0.12)

    answer = points(client)

    assert answer["venues"] == 1
    assert [p["name"] for p in answer["points"]] == ["Lunch club"]


def test_a_listing_with_two_venues_in_a_cell_counts_both(client):
    listing = ListingFactory(name="Two halls")
    LocationFactory(listing=listing, latitude=52.50, longitude=1.06)
    LocationFactory(listing=listing, latitude=52.51, longitude=1.07)

    assert points(client)["clusters"] == [
        {"latitude": pytest.approx(52.505), "longitude": pytest.approx(1.065), "count": 2}
    ]


def test_never_more_than_500_markers_and_every_venue_counted(client):
    # 30 x 30 venues spread over the whole view, each far from the others: without a cap, 900 markers.
    listing = ListingFactory(name="Everywhere")
    Location.objects.bulk_create(
        Location(
            listing=listing,
            address_1="1 High Street",
            city="Norwich",
            postcode="NR2 1AB",
            latitude=52.5 + row * 0.01,
            longitude=1.0 + column * 0.016,
        )
        for row in range(30)
        for column in range(30)
    )

    for zoom in (10, 14, 19):
        answer = points(client, bbox="0.99,52.49,1.49,52.80", zoom=zoom)
        assert len(answer["clusters"]) + len(answer["points"]) <= MAX_MARKERS
        assert answer["venues"] == 900
        assert sum(c["count"] for c in answer["clusters"]) + len(answer["points"]) == 900


HIDDEN = {
    "Draft club": {"status": Listing.Status.DRAFT},
    "Waiting club": {"status": Listing.Status.PENDING, "published_at": None},
    "Changes club": {"status": Listing.Status.CHANGES_REQUESTED},
    "Rejected club": {"status": Listing.Status.REJECTED},
    "Archived club": {"status": Listing.Status.ARCHIVED},
    "Stale club": {"is_hidden_as_stale": True},
}


def test_only_what_residents_see_is_on_the_map(client):
    shown = venue("Shown club", 52.60, 1.25)
    for n, (name, state) in enumerate(HIDDEN.items()):
        venue(name, 52.50 + n * 0.0001, 1.06, **state)
    unverified = OrganisationFactory(status=Organisation.Status.PENDING)
    venue("Unverified group's club", 52.51, 1.07, organisation=unverified)
    # A change waiting for review, at a venue of its own, is not shown before it is approved.
    venue("Edited club", 52.52, 1.08, status=Listing.Status.PENDING, edit_of=shown.listing)

    for bbox, zoom in ((VIEW, ZOOM), ("1.0,52.45,1.3,52.65", 19)):
        answer = points(client, bbox=bbox, zoom=zoom)
        assert answer["venues"] == 1
        assert answer["clusters"] == []
        assert [p["name"] for p in answer["points"]] == ["Shown club"]


def test_a_hidden_venue_at_the_same_spot_as_a_shown_one_is_not_named(client):
    venue("Shown club", 52.60, 1.25)
    venue("Draft club", 52.60, 1.25, status=Listing.Status.DRAFT)

    answer = points(client)

    assert answer["clusters"] == []
    assert [p["name"] for p in answer["points"]] == ["Shown club"]


def test_the_map_shows_what_the_search_finds(client):
    PostcodeFactory(postcode="NR2 1AB", latitude=52.63, longitude=1.29)
    venue("Norwich chess club", 52.631, 1.291)
    venue("Norwich lunch club", 52.632, 1.292)
    venue("Cromer chess club", 52.93, 1.30)

    chess = points(client, bbox="0.2,52.3,1.8,53.0", zoom=13, q="chess")
    assert sorted(p["name"] for p in chess["points"]) == ["Cromer chess club", "Norwich chess club"]
    near = points(client, bbox="0.2,52.3,1.8,53.0", zoom=13, q="chess", postcode="NR2 1AB", miles="5")
    assert [p["name"] for p in near["points"]] == ["Norwich chess club"]
    assert near["venues"] == 1


def test_a_listing_found_near_a_postcode_shows_only_its_venues_within_the_distance(client):
    PostcodeFactory(postcode="NR2 1AB", latitude=52.63, longitude=1.29)
    listing = ListingFactory(name="Two towns club")
    LocationFactory(listing=listing, latitude=52.631, longitude=1.291)
    LocationFactory(listing=listing, latitude=52.93, longitude=1.30)

    answer = points(client, bbox="0.2,52.3,1.8,53.0", zoom=13, postcode="NR2 1AB", miles="1")

    assert [(p["latitude"], p["longitude"]) for p in answer["points"]] == [(52.631, 1.291)]


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"zoom": "10"}, "Give the map's bounds as bbox=west,south,east,north"),
        ({"bbox": VIEW}, "Give the map's zoom level as zoom=N"),
        ({"bbox": "nonsense", "zoom": "10"}, "The bounds must be four numbers"),
        ({"bbox": "1,2,3", "zoom": "10"}, "The bounds must be four numbers"),
        ({"bbox": "1,2,3,4,5", "zoom": "10"}, "The bounds must be four numbers"),
        ({"bbox": "nan,52,1,53", "zoom": "10"}, "The bounds must be four numbers"),
        ({"bbox": "0,52,inf,53", "zoom": "10"}, "The bounds must be four numbers"),
        ({"bbox": "1e400,52,1,53", "zoom": "10"}, "The bounds must be four numbers"),
        ({"bbox": "-181,52,1,53", "zoom": "10"}, "Longitudes (west and east) must be between -180 and 180"),
        ({"bbox": "0,52,200,53", "zoom": "10"}, "Longitudes (west and east) must be between -180 and 180"),
        ({"bbox": "0,-91,1,53", "zoom": "10"}, "Latitudes (south and north) must be between -90 and 90"),
        ({"bbox": "0,52,1,95", "zoom": "10"}, "Latitudes (south and north) must be between -90 and 90"),
        ({"bbox": "1,52,0,53", "zoom": "10"}, "West must be less than east, and south less than north"),
        ({"bbox": "0,53,1,53", "zoom": "10"}, "West must be less than east, and south less than north"),
        ({"bbox": "x" * 300, "zoom": "10"}, "Ensure this value has at most 200 characters"),
        ({"bbox": VIEW, "zoom": "-1"}, "The zoom level must be a whole number from 0 to 19"),
        ({"bbox": VIEW, "zoom": "20"}, "The zoom level must be a whole number from 0 to 19"),
        ({"bbox": VIEW, "zoom": "1.5"}, "The zoom level must be a whole number from 0 to 19"),
        ({"bbox": VIEW, "zoom": "banana"}, "The zoom level must be a whole number from 0 to 19"),
        ({"bbox": VIEW, "zoom": "99999999999999999999"}, "The zoom level must be a whole number from 0 to 19"),
        ({"bbox": VIEW, "zoom": "10", "postcode": "banana"}, "Enter a real postcode, like NR1 2DH"),
        ({"bbox": VIEW, "zoom": "10", "category": "no-such-category"}, "Choose a category from the list"),
    ],
)
def test_a_view_the_map_cannot_draw_is_refused_with_a_message(client, query, message):
    response = client.get(reverse("directory:map_points"), query)

    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert message in response.json()["error"]


def test_the_map_answers_in_a_fixed_number_of_queries(client, django_assert_max_num_queries):
    def spread(count: int, offset: int) -> None:
        for n in range(count):
            venue(f"Club {offset + n}", 52.50 + (offset + n) * 0.01, 1.06 + (offset + n) * 0.005)
            venue(f"Neighbour {offset + n}", 52.50 + (offset + n) * 0.01, 1.0601 + (offset + n) * 0.005)

    spread(3, 0)
    # The grid, then the venues alone in their cell.
    with django_assert_max_num_queries(2):
        few = points(client, bbox="1.0,52.4,1.5,53.0", zoom=14)
    spread(20, 3)
    with django_assert_max_num_queries(2):
        many = points(client, bbox="1.0,52.4,1.5,53.0", zoom=14)
    assert many["venues"] > few["venues"]
    # A search adds its categories and places (the search form's choices) and the listings it finds.
    with django_assert_max_num_queries(4):
        points(client, bbox="1.0,52.4,1.5,53.0", zoom=14, q="club")
