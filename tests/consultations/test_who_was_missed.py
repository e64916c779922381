"""The equality report compares respondents with the population of the consultation's area, flags groups who are
under-represented (a hidden small group only as far as the figures shown allow), and suggests organisations from
the directory, that the public can see there, to invite."""

from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils.html import escape

from consultations import equality, services
from consultations.models import DistrictPopulation, EqualityMonitoring
from consultations.selectors import equality_comparison, equality_report
from directory.models import Listing, Organisation
from localism.models import Place
from tests.consultations.factories import ConsultationFactory
from tests.directory.factories import ListingFactory, OrganisationFactory, TaxonomyTermFactory
from tests.downloads import downloaded_text
from tests.queries import queries_of

pytestmark = pytest.mark.django_db


def place(slug: str) -> Place:
    return Place.objects.get(slug=slug)


def keep(slug: str, residents: int, **shares) -> None:
    figures = {}
    for name, percent in shares.items():
        question, category = name.split("__")
        figures[(question, category.replace("_", "-"))] = Decimal(str(percent))
    population = DistrictPopulation.objects.filter(district__slug=slug).first() or DistrictPopulation(
        district=place(slug), source="Census 2021"
    )
    population.residents = residents
    services.district_population_save(population=population, shares=figures, by=None)


def answered(consultation, times: int, **values) -> None:
    EqualityMonitoring.objects.bulk_create(
        [EqualityMonitoring(consultation=consultation, **values) for _ in range(times)]
    )


@pytest.fixture
def north_norfolk_consultation(reference_data):
    consultation = ConsultationFactory(title="Coastal paths")
    consultation.places.set([place("north-norfolk")])
    return consultation


def compared(consultation, question: str):
    _, tables = equality_report(consultation)
    comparison = equality_comparison(consultation, tables)
    table = next(t for t in comparison.tables if t.name == question)
    return comparison, {row.row.value: row for row in table.rows if row is not None}, table


def _three_women_to_each_man(consultation) -> None:
    """North Norfolk's people are half women and half men; 30 women and 10 men answered (men are missed)."""
    keep("north-norfolk", 100_000, sex__female=50, sex__male=50)
    answered(consultation, 30, sex="female")
    answered(consultation, 10, sex="male")


def test_respondents_shares_are_compared_with_the_districts_and_the_missing_group_flagged(
    north_norfolk_consultation,
):
    _three_women_to_each_man(north_norfolk_consultation)

    comparison, rows, table = compared(north_norfolk_consultation, "sex")

    assert [d.slug for d in comparison.districts] == ["north-norfolk"]
    assert table.base == 40
    assert (rows["female"].respondents_percent, rows["female"].population_percent) == (75.0, 50.0)
    assert (rows["male"].respondents_percent, rows["male"].population_percent) == (25.0, 50.0)
    assert not rows["female"].is_under_represented
    assert rows["male"].is_under_represented  # 25% is below 80% of 50%


def test_prefer_not_to_say_is_left_out_of_the_respondents_shares(north_norfolk_consultation):
    keep("north-norfolk", 100_000, sex__female=50, sex__male=50)
    answered(north_norfolk_consultation, 10, sex="female")
    answered(north_norfolk_consultation, 10, sex="male")
    answered(north_norfolk_consultation, 5, sex="prefer-not")

    _, rows, table = compared(north_norfolk_consultation, "sex")

    assert table.base == 20 and rows["male"].respondents_percent == 50.0
    assert not rows["male"].is_under_represented


def test_the_area_of_a_county_wide_consultation_weights_each_district_by_its_residents(reference_data):
    consultation = ConsultationFactory()
    consultation.places.set([place("norfolk")])
    keep("north-norfolk", 100_000, sex__female=50, sex__male=50)
    keep("breckland", 300_000, sex__female=60, sex__male=40)
    answered(consultation, 5, sex="female")

    comparison, rows, _ = compared(consultation, "sex")

    assert rows["female"].population_percent == 57.5
    assert rows["male"].population_percent == 42.5
    assert len(comparison.districts) == 7
    assert {d.slug for d in comparison.missing} == {d.slug for d in comparison.districts} - {
        "north-norfolk",
        "breckland",
    }


def test_a_parish_consultation_is_compared_with_its_district(reference_data):
    consultation = ConsultationFactory()
    cromer = Place.objects.filter(parent__slug="north-norfolk").first()
    consultation.places.set([cromer])

    comparison, _, _ = compared(consultation, "sex")

    assert [d.slug for d in comparison.districts] == ["north-norfolk"]


@pytest.mark.parametrize("hidden", [1, 4])
def test_a_hidden_group_is_flagged_only_from_what_the_table_shows(north_norfolk_consultation, hidden):
    """The same flags and shares whether the hidden group has 1 person or 4: nothing tells them apart."""
    keep("north-norfolk", 100_000, age_band__16_24=15, age_band__75_plus=10, age_band__45_54=75)
    answered(north_norfolk_consultation, 40 - hidden, age_band="45-54")
    answered(north_norfolk_consultation, hidden, age_band="16-24")
    answered(north_norfolk_consultation, 4, age_band="75-plus")

    _, rows, table = compared(north_norfolk_consultation, "age_band")

    assert table.base == 40  # 44 people, rounded down to a multiple of 5 as the table shows
    assert rows["16-24"].row.shown == rows["75-plus"].row.shown == "Fewer than 5"
    assert rows["16-24"].respondents_percent is None
    # At most 4 of 40 (10%) is below 80% of 15% (12%): under-represented whoever the hidden people are.
    assert rows["16-24"].is_under_represented
    # At most 4 of 40 (10%) is not below 80% of 10% (8%): too few to say.
    assert not rows["75-plus"].is_under_represented and rows["75-plus"].is_too_few_to_say


def test_the_page_states_the_rule_and_shows_the_comparison(staff_client, north_norfolk_consultation):
    _three_women_to_each_man(north_norfolk_consultation)

    html = staff_client.get(
        reverse("consultations:equality_report", kwargs={"slug": north_norfolk_consultation.slug})
    ).content.decode()

    assert "is less than 80% of its share of the area" in html
    assert "75.0%" in html and "25.0%" in html and "50.0%" in html
    assert html.count("Under-represented</strong>") == 1
    assert "Census 2021" in html
    url = reverse("consultations:equality_report", kwargs={"slug": north_norfolk_consultation.slug})
    csv = downloaded_text(staff_client.get(url, {"format": "csv"}))
    assert "What is your sex?,Male,10,25.0,50.0,yes" in csv
    assert "What is your sex?,Female,30,75.0,50.0,\r\n" in csv


def test_a_resident_cannot_read_the_report(resident_client, north_norfolk_consultation):
    url = reverse("consultations:equality_report", kwargs={"slug": north_norfolk_consultation.slug})

    assert resident_client.get(url).status_code == 403


@pytest.fixture
def mens_groups(reference_data):
    """Listings in the men's groups category (or a subcategory): public in the area or not."""
    term = TaxonomyTermFactory(name="Men's groups", slug="mens-groups")
    sheds = TaxonomyTermFactory(name="Men's sheds", slug="mens-sheds", parent=term)
    north, breckland, county = place("north-norfolk"), place("breckland"), place("norfolk")
    cromer = Place.objects.filter(parent=north).first()
    made = {
        "in the district": ListingFactory(name="Holt Men's Breakfast", categories=[term]),
        "in a town of it": ListingFactory(name="Cromer Men's Shed", categories=[sheds]),
        "county-wide": ListingFactory(name="Norfolk Dads Line", categories=[term]),
        "elsewhere": ListingFactory(name="Thetford Men's Walk", categories=[term]),
        "draft": ListingFactory(name="Sheringham Men's Choir", categories=[term], status=Listing.Status.DRAFT),
        "unverified": ListingFactory(
            name="Wells Men's Cricket",
            categories=[term],
            organisation=OrganisationFactory(status=Organisation.Status.PENDING),
        ),
    }
    for key, listing in made.items():
        area = {"in a town of it": cromer, "county-wide": county, "elsewhere": breckland}.get(key, north)
        listing.service_areas.set([area])
    return made


def test_suggestions_are_listings_the_public_sees_in_the_area_in_the_groups_categories(
    north_norfolk_consultation, mens_groups
):
    _three_women_to_each_man(north_norfolk_consultation)
    _, tables = equality_report(north_norfolk_consultation)

    invitations = equality_comparison(north_norfolk_consultation, tables).invitations

    assert [(i.question, i.label) for i in invitations] == [("What is your sex?", "Male")]
    assert [listing["name"] for listing in invitations[0].listings] == [
        "Cromer Men's Shed",
        "Holt Men's Breakfast",
        "Norfolk Dads Line",
    ]


def test_the_report_page_links_the_suggested_organisations(staff_client, north_norfolk_consultation, mens_groups):
    _three_women_to_each_man(north_norfolk_consultation)

    html = staff_client.get(
        reverse("consultations:equality_report", kwargs={"slug": north_norfolk_consultation.slug})
    ).content.decode()

    shed = mens_groups["in a town of it"]
    assert reverse("directory:listing_detail", kwargs={"pk": shed.pk}) in html
    assert reverse("directory:organisation_detail", kwargs={"slug": shed.organisation.slug}) in html
    assert escape("Cromer Men's Shed") in html
    for hidden in ("Thetford Men's Walk", "Sheringham Men's Choir", "Wells Men's Cricket"):
        assert escape(hidden) not in html


def test_the_report_costs_a_fixed_number_of_queries_whatever_the_data(
    staff_client, reference_data, django_assert_max_num_queries
):
    consultation = ConsultationFactory()
    consultation.places.set([place("north-norfolk")])
    keep("north-norfolk", 100_000, sex__female=50, sex__male=50)
    answered(consultation, 10, sex="female")
    terms = [
        TaxonomyTermFactory(slug=slug) for slug in ("mens-groups", "older-people", "ethnic-minority-community-groups")
    ]
    ListingFactory(categories=[terms[0]]).service_areas.set([place("north-norfolk")])
    small = queries_of(staff_client, reverse("consultations:equality_report", kwargs={"slug": consultation.slug}))

    # Every district with figures, many more people, and many groups flagged, each with listings to suggest.
    consultation.places.set([place("norfolk")])
    figures = {f"ethnic_group__{value.replace('-', '_')}": 5 for value, _ in equality.ETHNIC_GROUPS[:-1]}
    for district in Place.objects.districts():
        keep(district.slug, 100_000, sex__female=50, sex__male=50, age_band__75_plus=20, **figures)
    answered(consultation, 300, sex="female", age_band="45-54", ethnic_group="white-british")
    for term in terms:
        for n in range(8):
            ListingFactory(name=f"{term.slug} {n}", categories=[term]).service_areas.set([place("norfolk")])

    with django_assert_max_num_queries(small):
        html = staff_client.get(reverse("consultations:equality_report", kwargs={"slug": consultation.slug}))
    assert html.content.decode().count("Under-represented</strong>") >= 3
    assert small <= 30
