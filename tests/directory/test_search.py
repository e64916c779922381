import re

import pytest
from django.urls import reverse

from directory.models import Listing, Organisation
from directory.services import listing_refresh_search
from tests.directory.factories import (
    ListingFactory,
    LocationFactory,
    OrganisationFactory,
    ScheduleFactory,
    TaxonomyTermFactory,
)
from tests.downloads import downloaded_json, downloaded_text
from tests.factories import PlaceFactory, PostcodeFactory

pytestmark = pytest.mark.django_db


def result_names(response) -> list[str]:
    html = response.content.decode()
    return re.findall(
        r'<h3 class="govuk-heading-s govuk-!-margin-bottom-1"><a class="govuk-link" href="[^"]+">([^<]+)</a>', html
    )


def test_keyword_search_ranks_a_match_in_the_name_above_a_match_in_the_description(client):
    ListingFactory(name="Walking group", description="Gentle strolls.")
    ListingFactory(name="Coffee morning", description="Afterwards some people go walking together.")
    ListingFactory(name="Knitting circle", description="Wool and chat.")

    response = client.get(reverse("directory:search"), {"q": "walks"})

    assert result_names(response) == ["Walking group", "Coffee morning"]


def test_a_category_match_ranks_above_a_description_match(client):
    music = TaxonomyTermFactory(name="Music")
    ListingFactory(name="Tuesday club", description="We sometimes play music.")
    ListingFactory(name="Thursday club", description="Songs and tea.", categories=[music])

    assert result_names(client.get(reverse("directory:search"), {"q": "music"})) == ["Thursday club", "Tuesday club"]


@pytest.mark.parametrize(
    "text",
    ['"', "'", "foo & | ! bar", "(((", "-", "🙂 café ñ", "x" * 200, "or or or", "\u202e\u0000"],
)
def test_any_search_text_gives_a_page_not_an_error(client, text):
    ListingFactory(name="Walking group")

    response = client.get(reverse("directory:search"), {"q": text})

    assert response.status_code == 200


def test_a_too_long_search_is_refused_with_a_message(client):
    response = client.get(reverse("directory:search"), {"q": "x" * 500})

    assert response.status_code == 200
    assert "There is a problem" in response.content.decode()


def test_a_category_filter_includes_the_categories_under_it(client):
    parent = TaxonomyTermFactory(name="Children and families")
    child = TaxonomyTermFactory(name="Youth clubs", parent=parent, taxonomy=parent.taxonomy)
    ListingFactory(name="Youth club", categories=[child])
    ListingFactory(name="Lunch club")

    assert result_names(client.get(reverse("directory:search"), {"category": parent.slug})) == ["Youth club"]


def test_filters_by_age_day_free_and_kind(client):
    teens = ListingFactory(name="Teen club", minimum_age=11, maximum_age=18, is_free=True, kind=Listing.Kind.CLUB)
    ScheduleFactory(listing=teens, byday="WE")
    adults = ListingFactory(name="Adult choir", minimum_age=18, is_free=False, kind=Listing.Kind.CLUB)
    ScheduleFactory(listing=adults, byday="MO")
    listing_refresh_search()

    assert result_names(client.get(reverse("directory:search"), {"age": "12"})) == ["Teen club"]
    assert result_names(client.get(reverse("directory:search"), {"day": "MO"})) == ["Adult choir"]
    assert result_names(client.get(reverse("directory:search"), {"free": "on"})) == ["Teen club"]
    assert result_names(client.get(reverse("directory:search"), {"kind": "support_group"})) == []


def test_place_filter_includes_services_for_the_whole_district_and_county(client):
    county = PlaceFactory(name="Norfolk", kind="county")
    district = PlaceFactory(name="Broadland", kind="district", parent=county)
    town = PlaceFactory(name="Aylsham", parent=district)
    elsewhere = PlaceFactory(name="Thetford")
    ListingFactory(name="County service").service_areas.set([county])
    ListingFactory(name="District service").service_areas.set([district])
    ListingFactory(name="Town club").service_areas.set([town])
    ListingFactory(name="Far away").service_areas.set([elsewhere])

    assert result_names(client.get(reverse("directory:search"), {"place": "aylsham"})) == [
        "County service",
        "District service",
        "Town club",
    ]
    assert result_names(client.get(reverse("directory:search"), {"place": "broadland"})) == [
        "County service",
        "District service",
    ]


def test_near_a_postcode_within_miles_sorted_by_distance_with_the_distance_shown(client):
    PostcodeFactory()
    LocationFactory(listing=ListingFactory(name="Three miles"), latitude=52.6730, longitude=1.2860)
    LocationFactory(listing=ListingFactory(name="Next door"), latitude=52.6300, longitude=1.2860)
    LocationFactory(listing=ListingFactory(name="Cromer"), latitude=52.9310, longitude=1.3010)

    response = client.get(reverse("directory:search"), {"postcode": "nr21ab", "miles": "5", "sort": "distance"})

    assert result_names(response) == ["Next door", "Three miles"]
    assert "3.0 miles</strong> away" in response.content.decode()
    assert "less than half a mile</strong> away" in response.content.decode()
    wider = client.get(reverse("directory:search"), {"postcode": "NR2 1AB", "miles": "25"})
    assert result_names(wider) == ["Next door", "Three miles", "Cromer"]


@pytest.mark.parametrize(
    ("postcode", "message"),
    [("not a postcode", "Enter a real postcode"), ("ZZ9 9ZZ", "We could not find ZZ9 9ZZ")],
)
def test_an_unknown_or_malformed_postcode_gets_a_clear_message(client, postcode, message):
    response = client.get(reverse("directory:search"), {"postcode": postcode})

    assert message in response.content.decode()
    assert response.content.decode().count("There is a problem") == 1


def test_an_age_of_0_filters_a_search_by_keywords_too(client):
    ListingFactory(name="Baby and toddler club", minimum_age=0, maximum_age=4)
    ListingFactory(name="Youth club", minimum_age=11, maximum_age=18)
    listing_refresh_search()

    assert result_names(client.get(reverse("directory:search"), {"q": "club", "age": "0"})) == [
        "Baby and toddler club"
    ]
    assert result_names(client.get(reverse("directory:search"), {"age": "0"})) == ["Baby and toddler club"]


@pytest.mark.parametrize(
    ("age", "message"),
    [("8.5", "Enter an age in whole years, like 8"), ("-1", "Enter an age from 0 to 120"), ("121", "from 0 to 120")],
)
def test_an_age_that_is_not_whole_years_from_0_to_120_is_refused_with_what_to_enter(client, age, message):
    ListingFactory(name="Youth club", minimum_age=11, maximum_age=18)
    listing_refresh_search()

    response = client.get(reverse("directory:search"), {"q": "club", "age": age})

    assert message in response.content.decode()
    assert f'value="{age}"' in response.content.decode()  # what was typed stays in the box


def test_bad_parameters_get_messages_not_errors(client):
    response = client.get(
        reverse("directory:search"), {"age": "old", "day": "Funday", "miles": "1000", "category": "nope", "page": "x"}
    )

    assert response.status_code == 200
    assert "Enter an age in whole years" in response.content.decode()
    assert "Choose a category from the list" in response.content.decode()


def test_an_empty_result_suggests_widening_the_search(client):
    response = client.get(reverse("directory:search"), {"q": "zebras"})

    assert "0 results" in response.content.decode()
    assert "remove some of the filters" in response.content.decode()


def test_only_published_listings_of_verified_organisations_are_found(client):
    ListingFactory(name="Published")
    ListingFactory(name="Draft", status=Listing.Status.DRAFT)
    ListingFactory(name="Pending", status=Listing.Status.PENDING)
    ListingFactory(name="Unverified", organisation=OrganisationFactory(status=Organisation.Status.PENDING))
    ListingFactory(name="Suspended", organisation=OrganisationFactory(status=Organisation.Status.SUSPENDED))
    ListingFactory(name="Hidden as stale", is_hidden_as_stale=True)

    assert result_names(client.get(reverse("directory:search"))) == ["Published"]


def test_results_are_paginated_with_shareable_links(client):
    for n in range(25):
        ListingFactory(name=f"Club {n:02d}")

    first = client.get(reverse("directory:search"), {"q": "club", "sort": "name"})
    second = client.get(reverse("directory:search"), {"q": "club", "sort": "name", "page": "2"})

    assert len(result_names(first)) == 20
    assert result_names(second) == [f"Club {n}" for n in range(20, 25)]
    assert "q=club&amp;sort=name&amp;page=2" in first.content.decode()
    assert "25 results" in first.content.decode() and "25 results" in second.content.decode()
    # A page past the end shows the last page, with the true count.
    beyond = client.get(reverse("directory:search"), {"q": "club", "sort": "name", "page": "9"})
    assert result_names(beyond) == result_names(second)
    assert "25 results" in beyond.content.decode()


def test_search_runs_a_fixed_number_of_queries(client, django_assert_max_num_queries):
    PostcodeFactory()
    term = TaxonomyTermFactory(name="Music")
    for n in range(30):
        listing = ListingFactory(name=f"Music club {n}", categories=[term])
        LocationFactory(listing=listing)
        ScheduleFactory(listing=listing, byday="TU")
        ScheduleFactory(listing=listing, byday="SA")
    listing_refresh_search()

    # The categories and the places (choices and trees), the postcode, and the page of results with
    # their count, distances and towns.
    with django_assert_max_num_queries(4):
        response = client.get(
            reverse("directory:search"), {"q": "music", "postcode": "NR2 1AB", "miles": "5", "category": term.slug}
        )

    assert len(result_names(response)) == 20
    assert response.content.decode().count("Open Tuesday and Saturday") == 20


def test_each_result_shows_the_days_it_is_open_in_week_order(client):
    PostcodeFactory()
    term = TaxonomyTermFactory(name="Lunch clubs")
    lunch = ListingFactory(name="Lunch club", categories=[term])
    LocationFactory(listing=lunch, latitude=52.6300, longitude=1.2860)
    for day in ("FR", "MO", "WE"):
        ScheduleFactory(listing=lunch, byday=day)
    closed = ListingFactory(name="Closed lunch club", categories=[term], temporarily_closed=True)
    ScheduleFactory(listing=closed, byday="TU")
    listing_refresh_search()

    for url, query in (
        (reverse("directory:search"), {"q": "lunch"}),
        (reverse("directory:search"), {"postcode": "NR2 1AB", "sort": "distance"}),
        (term.get_absolute_url(), {}),
    ):
        html = client.get(url, query).content.decode()
        assert "Open Monday, Wednesday and Friday" in html, url
    html = client.get(reverse("directory:search"), {"q": "lunch"}).content.decode()
    assert "Temporarily closed" in html and "Open Tuesday" not in html


def test_a_listing_with_several_venues_shows_the_distance_and_town_of_the_nearest(client):
    PostcodeFactory()
    choir = ListingFactory(name="County choir", summary="A community choir")
    LocationFactory(listing=choir, name="A hall in Dereham", city="Dereham", latitude=52.6810, longitude=0.9400)
    LocationFactory(listing=choir, name="Z hall in Norwich", city="Norwich", latitude=52.6300, longitude=1.2860)

    for query in ({"q": "choir"}, {"sort": "distance"}, {"sort": "name"}):
        response = client.get(reverse("directory:search"), {"postcode": "NR2 1AB", "miles": "25", **query})
        text = response.content.decode()
        assert "less than half a mile</strong> away, in Norwich" in text, query
        assert "away, in Dereham" not in text


def test_the_filtered_results_download_as_csv_safe_from_formulas(client):
    ListingFactory(name='=HYPERLINK("http://evil")', summary="Music club")
    ListingFactory(name="Other")

    response = client.get(reverse("directory:search_csv"), {"q": "music"})
    body = downloaded_text(response)

    assert response["Content-Disposition"] == 'attachment; filename="directory.csv"'
    assert body.splitlines()[0].startswith("service_id,service_name")
    assert "'=HYPERLINK" in body
    assert "Other" not in body


def test_the_filtered_results_download_as_json(client):
    ListingFactory(name="Walking group")
    ListingFactory(name="Choir")

    response = client.get(reverse("directory:search_json"), {"q": "walking"})
    data = downloaded_json(response)

    assert [row["service_name"] for row in data["listings"]] == ["Walking group"]


def test_the_filter_choices_are_escaped_and_keep_what_was_chosen(client):
    TaxonomyTermFactory(name='<b>Arts</b> & "crafts"', slug="arts")
    PlaceFactory(name="<i>Little Snoring</i>", slug="little-snoring-test", kind="town")

    html = client.get(
        reverse("directory:search"), {"category": "arts", "place": "little-snoring-test"}
    ).content.decode()

    assert '<option value="arts" selected>&lt;b&gt;Arts&lt;/b&gt; &amp; &quot;crafts&quot;</option>' in html
    assert '<option value="little-snoring-test" selected>&lt;i&gt;Little Snoring&lt;/i&gt;</option>' in html
    assert "<b>Arts</b>" not in html


def test_each_filter_choice_is_offered_once_and_a_town_is_told_from_its_district(client):
    district = PlaceFactory(name="Great Yarmouth", slug="great-yarmouth", kind="district")
    PlaceFactory(name="Great Yarmouth", slug="great-yarmouth-town", kind="town", parent=district)
    TaxonomyTermFactory(name="Lunch clubs")

    html = client.get(reverse("directory:search")).content.decode()

    options = re.findall(r"<option[^>]*>([^<]*)</option>", html)
    assert len(options) == len(set(options)), [o for o in options if options.count(o) > 1]
    assert '<option value="great-yarmouth">Great Yarmouth (district)</option>' in html
    assert '<option value="great-yarmouth-town">Great Yarmouth (town)</option>' in html
    assert options.count("Any category") == 1 and options.count("Anywhere") == 1


def test_nothing_within_the_distance_suggests_the_nearest_match_beyond_it(client):
    PostcodeFactory()
    LocationFactory(listing=ListingFactory(name="Next door knitting"), latitude=52.6300, longitude=1.2860)
    choir = ListingFactory(name="Three miles choir")
    LocationFactory(listing=choir, city="Horsford", latitude=52.6730, longitude=1.2860)
    LocationFactory(listing=ListingFactory(name="Cromer choir"), latitude=52.9310, longitude=1.3010)

    response = client.get(reverse("directory:search"), {"q": "choir", "postcode": "NR2 1AB", "miles": "1"})

    html = response.content.decode()
    assert result_names(response) == []
    assert "Nothing matches within 1 mile of NR2 1AB." in html
    assert (
        f'The nearest match is <a class="govuk-link" href="{choir.get_absolute_url()}">Three miles choir</a>' in html
    )
    assert "3.0 miles away in Horsford" in html
    assert 'href="?q=choir&amp;postcode=NR2+1AB&amp;miles=5">Search within 5 miles</a>' in html


def test_nothing_open_on_the_day_suggests_the_same_search_on_any_day(client):
    club = ListingFactory(name="Monday lunch club")
    ScheduleFactory(listing=club, byday="MO")
    ListingFactory(name="Tuesday choir")
    ScheduleFactory(byday="TU", listing=ListingFactory(name="Tuesday knitting"))
    listing_refresh_search()

    response = client.get(reverse("directory:search"), {"q": "lunch", "day": "TU"})

    html = response.content.decode()
    assert result_names(response) == []
    assert "Nothing matches that is open on Tuesday." in html
    link = re.search(r'href="\?([^"]+)">See 1 result open on any day</a>', html)
    assert link is not None
    assert result_names(client.get(reverse("directory:search") + f"?{link.group(1).replace('&amp;', '&')}")) == [
        "Monday lunch club"
    ]


def test_a_search_that_matches_nothing_anywhere_suggests_no_near_miss(client):
    PostcodeFactory()
    LocationFactory(listing=ListingFactory(name="Knitting"), latitude=52.6300, longitude=1.2860)

    html = client.get(
        reverse("directory:search"), {"q": "zebras", "postcode": "NR2 1AB", "day": "MO"}
    ).content.decode()

    assert "nearest match" not in html and "open on any day" not in html
    assert "Nothing matches your search" in html


def test_a_search_that_matches_nothing_runs_a_fixed_number_of_queries(client, django_assert_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    PostcodeFactory()
    query = {"q": "choir", "postcode": "NR2 1AB", "miles": "1", "day": "TU"}

    def add_choirs(n):
        for _ in range(n):
            choir = ListingFactory(name="Far choir")
            LocationFactory(listing=choir, latitude=52.9310, longitude=1.3010)
            ScheduleFactory(listing=choir, byday="TU")
            LocationFactory(listing=ListingFactory(name="Near choir"), latitude=52.6300, longitude=1.2860)
        listing_refresh_search()

    add_choirs(1)
    with CaptureQueriesContext(connection) as few:
        html = client.get(reverse("directory:search"), query).content.decode()
    assert "nearest match" in html and "open on any day" in html
    # The search's four, the count of its empty page, the nearest match and the count on any day.
    assert len(few.captured_queries) == 7
    add_choirs(20)
    with django_assert_num_queries(len(few.captured_queries)):
        client.get(reverse("directory:search"), query)


@pytest.mark.parametrize(
    "query",
    [
        {},  # browsing: name order
        {"sort": "name"},
        {"q": "club"},  # best match first: the names all match, so one group, in name order
        {"q": "club", "sort": "name"},
    ],
)
def test_name_order_reads_capitals_and_small_letters_together(client, query):
    # In the database's byte order every capital comes before any small letter: "Zebra" before "art".
    for name in ("Zebra club", "mind club", "Book club", "art club", "Norfolk club"):
        ListingFactory(name=name)

    response = client.get(reverse("directory:search"), query)

    assert result_names(response) == ["art club", "Book club", "mind club", "Norfolk club", "Zebra club"]
