"""The group's listing form: rows as formsets, times and mistakes as people type them."""

import datetime
import re

import pytest
from django.urls import reverse

from directory.models import Listing, Schedule
from directory.services import listing_content
from localism.models import Place
from tests.admin_forms import admin_form_data
from tests.directory.factories import (
    CostOptionFactory,
    ListingFactory,
    LocationFactory,
    ScheduleFactory,
    TaxonomyTermFactory,
)
from tests.directory.listing_form import listing_form
from tests.factories import PlaceFactory

pytestmark = pytest.mark.django_db

# Query budgets of the form pages: fixed, whatever the number of places, categories and rows.
QUERIES_NEW = 7
QUERIES_EDIT = 12
QUERIES_REJECTED = 10


def new_listing_url(organisation) -> str:
    return reverse("directory:listing_create", kwargs={"slug": organisation.slug})


def summary_links(html: str) -> list[tuple[str, str]]:
    """(target id, text) of each link in the error summary at the top of the page."""
    summary = html[html.index('class="govuk-error-summary"') :]
    summary = summary[: summary.index("</ul>")]
    return re.findall(r'<a href="#([^"]+)">([^<]+)</a>', summary)


@pytest.fixture
def draft_listing(organisation, norwich_postcode):
    listing = ListingFactory(organisation=organisation, status=Listing.Status.DRAFT, phone="01263 000000")
    LocationFactory(listing=listing, name="Town Hall")
    LocationFactory(listing=listing, name="Library", address_1="7 Hungate Street")
    ScheduleFactory(listing=listing, byday="TU", opens_at=datetime.time(14), closes_at=datetime.time(16))
    ScheduleFactory(listing=listing, byday="1TH", freq="MONTHLY", opens_at=datetime.time(9, 30))
    ScheduleFactory(
        listing=listing,
        kind=Schedule.Kind.CLOSED,
        freq="",
        byday="",
        opens_at=None,
        closes_at=None,
        valid_from=datetime.date(2026, 12, 22),
        valid_to=datetime.date(2027, 1, 2),
        description="Christmas",
    )
    CostOptionFactory(listing=listing, option="Adults", amount="3.50")
    return listing


@pytest.mark.parametrize(
    ("opens", "closes", "stored"),
    [
        ("9.30am", "noon", (datetime.time(9, 30), datetime.time(12))),
        ("0930", "12pm", (datetime.time(9, 30), datetime.time(12))),
        ("9:30", "midday", (datetime.time(9, 30), datetime.time(12))),
        ("5pm", "7.45 pm", (datetime.time(17), datetime.time(19, 45))),
        ("5.15 pm", "21:00", (datetime.time(17, 15), datetime.time(21))),
    ],
)
def test_opening_times_are_read_as_people_type_them(
    owner_client, organisation, norwich_postcode, opens, closes, stored
):
    response = owner_client.post(
        new_listing_url(organisation),
        listing_form(sessions=[{"day": "WE", "opens": opens, "closes": closes}], save="1"),
    )

    assert response.status_code == 302
    session = Listing.objects.get().schedules.get(kind="open")
    assert (session.byday, session.opens_at, session.closes_at) == ("WE", *stored)


def test_a_time_that_is_not_a_time_is_explained_naming_its_session_and_kept(
    owner_client, organisation, norwich_postcode
):
    sessions = [{"day": "TU", "opens": "2pm", "closes": "4pm"}, {"day": "TH", "opens": "teatime", "closes": "6pm"}]

    response = owner_client.post(new_listing_url(organisation), listing_form(sessions=sessions))

    html = response.content.decode()
    assert response.status_code == 200
    assert ("id_sessions-1-opens", "Opening time for the second session: enter a time like 9:30am or 17:30") in (
        summary_links(html)
    )
    assert 'name="sessions-1-opens" value="teatime"' in html
    assert not Listing.objects.exists()


def test_a_rejected_form_keeps_everything_typed_in_every_row(owner_client, organisation, norwich_postcode):
    data = listing_form(
        name="",
        venues=[
            {"name": "Town Hall", "address_1": "Market Place", "city": "Aylsham", "postcode": "nr2 1ab"},
            {"name": "Library", "address_1": "7 Hungate Street", "city": "Aylsham", "postcode": "NR2 1AB"},
        ],
        sessions=[
            {"day": "TU", "pattern": "1", "opens": "2pm", "closes": "4pm"},
            {"day": "SA", "pattern": "-1", "opens": "10.30am", "closes": "noon"},
        ],
        prices=[{"option": "Adults", "amount": "3.50", "amount_description": "per session"}, {"option": "Carers"}],
        closures=[{"start": "22/12/2026", "end": "02/01/2027", "reason": "Christmas"}],
    )

    html = owner_client.post(new_listing_url(organisation), data).content.decode()

    for name, value in data.items():
        if name.endswith(("-TOTAL_FORMS", "-INITIAL_FORMS", "pattern", "day")) or name == "name":
            continue
        if name.startswith(("venues-", "sessions-", "prices-", "closures-")):
            assert f'name="{name}" value="{value}"' in html, name
    assert '<option value="-1" selected>Last in the month</option>' in html
    assert '<option value="SA" selected>Saturday</option>' in html
    assert "Enter the second price in pounds, or 0 if it is free" in html


def test_each_message_names_its_field_and_the_summary_links_to_it(owner_client, organisation, norwich_postcode):
    data = listing_form(
        url="not a website",
        minimum_age="old",
        venues=[{"name": "Town Hall", "address_1": "Market Place", "city": "Aylsham", "postcode": "nr2 1ab"}, {}, {}],
        sessions=[{"day": "TU", "opens": "2pm", "closes": "4pm"}, {"opens": "9am", "closes": "8am"}],
        closures=[{"start": "31/02/2027"}],
        prices=[{"option": "Adults", "amount": "1.234"}],
    )
    data |= {"venues-2-postcode": "NR2 1AB"}

    html = owner_client.post(new_listing_url(organisation), data).content.decode()

    links = summary_links(html)
    assert links == [
        ("id_minimum_age", "Youngest age: enter a whole number, like 8"),
        ("id_venues-2-address_1", "Enter the building and street of the third venue"),
        ("id_venues-2-city", "Enter the town or city of the third venue"),
        ("id_sessions-1-day", "Choose the day of the second session"),
        ("id_sessions-1-closes", "Closing time for the second session must be after its opening time"),
        ("id_closures-0-start", "Start date of the first closure: 31/02/2027 is not a real date"),
        ("id_prices-0-amount", "Amount of the first price can have at most 2 decimal places"),
        ("id_url", "Website: enter a web address like https://example.org"),
    ]
    for target, _ in links:
        assert f'id="{target}"' in html


def test_more_rows_than_the_form_takes_are_refused_with_a_message(owner_client, organisation, norwich_postcode):
    sessions = [{"day": "MO", "opens": f"{hour}am", "closes": f"{hour}:30am"} for hour in range(1, 12)]

    html = owner_client.post(new_listing_url(organisation), listing_form(sessions=sessions)).content.decode()

    assert "You can give up to 10 sessions" in html
    assert not Listing.objects.exists()


def test_the_edit_form_shows_each_row_and_saving_it_unchanged_changes_nothing(owner_client, draft_listing):
    url = reverse("directory:listing_edit", kwargs={"pk": draft_listing.pk})
    before = listing_content(draft_listing)
    html = owner_client.get(url).content.decode()
    assert 'name="sessions-0-opens" value="2pm"' in html
    assert 'name="sessions-1-opens" value="9:30am"' in html
    assert 'name="closures-0-start" value="22/12/2026"' in html

    response = owner_client.post(url, admin_form_data(html) | {"save": "1"})

    assert response.status_code == 302
    after = listing_content(Listing.objects.get(pk=draft_listing.pk))
    assert (after.locations, after.schedules, after.cost_options) == (
        before.locations,
        before.schedules,
        before.cost_options,
    )


def test_a_row_is_removed_by_ticking_remove(owner_client, draft_listing):
    url = reverse("directory:listing_edit", kwargs={"pk": draft_listing.pk})
    html = owner_client.get(url).content.decode()
    assert "Remove the second venue" in html
    library = next(i for i in (0, 1) if f'name="venues-{i}-name" value="Library"' in html)

    owner_client.post(url, admin_form_data(html) | {f"venues-{library}-DELETE": "on", "save": "1"})

    assert [venue.name for venue in draft_listing.locations.all()] == ["Town Hall"]


def test_a_removed_row_with_a_mistake_is_not_checked(owner_client, draft_listing):
    url = reverse("directory:listing_edit", kwargs={"pk": draft_listing.pk})
    data = admin_form_data(owner_client.get(url).content.decode())
    data |= {"prices-0-amount": "lots", "prices-0-DELETE": "on", "save": "1"}

    response = owner_client.post(url, data)

    assert response.status_code == 302
    assert not draft_listing.cost_options.exists()


def test_each_section_has_its_own_error_summary(owner_client, organisation, norwich_postcode):
    data = listing_form(name="", sessions=[{"day": "TU", "opens": "2pm", "closes": "noon"}])

    html = owner_client.post(new_listing_url(organisation), data).content.decode()

    sections = dict(
        re.findall(
            r'<h2 class="govuk-heading-m" id="([^"]+)">.*?</h2>(.*?)(?=<h2 class="govuk-heading-m"|$)', html, re.S
        )
    )
    assert list(sections) == ["what-it-is", "who-it-is-for", "where", "when", "cost", "how-to-get-in-touch"]
    assert summary_links(sections["what-it-is"]) == [("id_name", "Enter the name of the listing")]
    assert summary_links(sections["when"]) == [
        ("id_sessions-0-closes", "Closing time for the first session must be after its opening time")
    ]
    for quiet in ("who-it-is-for", "where", "cost", "how-to-get-in-touch"):
        assert "govuk-error-summary" not in sections[quiet]
    # The summary at the top of the page lists both, and is the one announced and focused.
    assert [text for _, text in summary_links(html)] == [
        "Enter the name of the listing",
        "Closing time for the first session must be after its opening time",
    ]
    assert html.count('role="alert"') == 1


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("English and Polish", ["en", "pl"]),
        ("English, Polish, Portuguese", ["en", "pl", "pt"]),
        ("en, pl", ["en", "pl"]),
        ("english; POLISH and English", ["en", "pl"]),
        ("BSL and Lithuanian", ["bfi", "lt"]),
        ("", []),
    ],
)
def test_languages_are_read_as_people_type_them(owner_client, organisation, norwich_postcode, typed, stored):
    response = owner_client.post(new_listing_url(organisation), listing_form(languages=typed, save="1"))

    assert response.status_code == 302
    assert Listing.objects.get().languages == stored


def test_unknown_languages_are_named_and_kept(owner_client, organisation, norwich_postcode):
    typed = "Klingon and Polish, Elvish"

    html = owner_client.post(new_listing_url(organisation), listing_form(languages=typed)).content.decode()

    message = (
        "Languages spoken: we do not know the languages “Klingon” or “Elvish”. "
        "Check the spelling, or give the code, like pl for Polish"
    )
    assert ("id_languages", message) in summary_links(html)
    assert f'value="{typed}"' in html
    assert not Listing.objects.exists()


def test_the_edit_form_gives_languages_by_name(owner_client, draft_listing):
    draft_listing.languages = ["en", "pl"]
    draft_listing.save()

    html = owner_client.get(reverse("directory:listing_edit", kwargs={"pk": draft_listing.pk})).content.decode()

    assert 'name="languages" value="English, Polish"' in html


@pytest.fixture
def places(db):
    """The county, its districts and their towns, as every installation starts with them."""
    return {place.slug: place for place in Place.objects.all()}


def test_places_it_serves_are_tick_boxes_under_each_district(owner_client, organisation, places):
    html = owner_client.get(new_listing_url(organisation)).content.decode()

    assert '<select name="service_areas"' not in html
    fieldset = html[html.index("Places it serves") :]
    fieldset = fieldset[: fieldset.index("</fieldset>")]
    groups = {}
    for heading, label in re.findall(
        r'<h3 class="govuk-heading-s[^"]*">([^<]+)</h3>|<label[^>]*for="id_service_areas_\d+">([^<]+)</label>',
        fieldset,
    ):
        if heading:
            groups[heading] = []
        else:
            groups[list(groups)[-1]].append(label)
    assert list(groups)[:4] == ["Norfolk", "Breckland", "Broadland", "Great Yarmouth"]
    assert groups["Norfolk"] == ["Norfolk (county)"]
    assert groups["Great Yarmouth"] == [
        "Great Yarmouth (district)",
        "Caister-on-Sea (town)",
        "Gorleston-on-Sea (town)",
        "Great Yarmouth (town)",
    ]
    assert sum(len(labels) for labels in groups.values()) == len(places)


def test_ticked_places_are_stored_and_kept_when_the_form_is_rejected(
    owner_client, organisation, norwich_postcode, places
):
    ticked = [places["great-yarmouth-town"].pk, places["dereham"].pk]

    response = owner_client.post(new_listing_url(organisation), listing_form(name="", service_areas=ticked))

    html = response.content.decode()
    assert sorted(
        int(pk) for pk in re.findall(r'name="service_areas" type="checkbox" value="(\d+)" checked', html)
    ) == sorted(ticked)
    owner_client.post(new_listing_url(organisation), listing_form(service_areas=ticked, save="1"))
    assert sorted(p.slug for p in Listing.objects.get().service_areas.all()) == ["dereham", "great-yarmouth-town"]


@pytest.mark.parametrize("extra", [0, 40])
def test_the_form_pages_cost_the_same_queries_whatever_the_number_of_places_and_categories(
    owner_client, organisation, draft_listing, places, extra, django_assert_max_num_queries
):
    for n in range(extra):
        PlaceFactory(name=f"Village {n}", slug=f"village-{n}", kind="town", parent=places["breckland"])
    terms = [TaxonomyTermFactory(name=f"Category {n}") for n in range(extra + 2)]
    draft_listing.categories.set(terms)
    draft_listing.service_areas.set(Place.objects.all())

    with django_assert_max_num_queries(QUERIES_NEW):
        assert owner_client.get(new_listing_url(organisation)).status_code == 200
    with django_assert_max_num_queries(QUERIES_EDIT):
        assert owner_client.get(reverse("directory:listing_edit", kwargs={"pk": draft_listing.pk})).status_code == 200
    rejected = listing_form(name="", categories=[t.pk for t in terms], service_areas=list(places_pks()))
    with django_assert_max_num_queries(QUERIES_REJECTED):
        assert owner_client.post(new_listing_url(organisation), rejected).status_code == 200


def places_pks():
    return Place.objects.values_list("pk", flat=True)
