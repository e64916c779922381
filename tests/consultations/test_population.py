"""The population make-up of each district: kept by the district's own staff (the county's team keep every
district's) in the admin, or imported from a CSV file, all or nothing, every bad line reported."""

import csv
import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from consultations import services
from consultations.models import DistrictPopulation, PopulationShare
from localism.models import Council, ImportBatch, Place
from tests.admin_forms import assert_choice_refused
from tests.clients import signed_in

pytestmark = pytest.mark.django_db

HEADER = ["district", "question", "category", "percent", "residents", "source"]


def district(slug: str) -> Place:
    return Place.objects.get(slug=slug)


def keep(slug: str, shares=None, residents=100_000) -> DistrictPopulation:
    return services.district_population_save(
        population=DistrictPopulation(district=district(slug), residents=residents, source="Census 2021"),
        shares=shares or {("sex", "female"): Decimal("51.0"), ("sex", "male"): Decimal("49.0")},
        by=None,
    )


def admin_form(place: Place, **shares) -> dict:
    data = {"district": place.pk, "residents": "103000", "source": "Census 2021, ONS", "_save": "Save"}
    data.update({f"share__{name}": value for name, value in shares.items()})
    return data


def csv_upload(rows, name="population.csv") -> SimpleUploadedFile:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(HEADER)
    writer.writerows(rows)
    return SimpleUploadedFile(name, buffer.getvalue().encode("utf-8"), content_type="text/csv")


IMPORT = "admin:consultations_districtpopulation_import"


def test_a_district_officer_enters_their_districts_make_up(district_officer):
    response = signed_in(district_officer).post(
        reverse("admin:consultations_districtpopulation_add"),
        admin_form(district("north-norfolk"), sex__female="51.2", sex__male="48.8"),
    )

    assert response.status_code == 302
    population = DistrictPopulation.objects.get()
    assert population.council == Council.objects.get(slug="north-norfolk-district-council")
    assert dict(population.shares.values_list("category", "percent")) == {
        "female": Decimal("51.20"),
        "male": Decimal("48.80"),
    }


def test_a_district_officer_cannot_enter_another_districts_make_up(district_officer):
    response = signed_in(district_officer).post(
        reverse("admin:consultations_districtpopulation_add"), admin_form(district("breckland"), sex__female="50")
    )

    assert_choice_refused(response)
    assert not DistrictPopulation.objects.exists()


def test_a_district_officer_lists_and_changes_only_their_own_district(district_officer):
    own, other = keep("north-norfolk"), keep("breckland")
    client = signed_in(district_officer)

    listing = client.get(reverse("admin:consultations_districtpopulation_changelist")).content.decode()
    other_page = client.get(reverse("admin:consultations_districtpopulation_change", args=[other.pk]))
    forged = client.post(
        reverse("admin:consultations_districtpopulation_change", args=[other.pk]),
        admin_form(district("breckland"), sex__female="10"),
    )

    assert "North Norfolk" in listing and "Breckland" not in listing
    assert other_page.status_code == 302  # the admin's "does not exist" redirect
    assert forged.status_code == 302
    assert other.shares.get(category="female").percent == Decimal("51.00")
    assert client.get(reverse("admin:consultations_districtpopulation_change", args=[own.pk])).status_code == 200


def test_the_county_team_keep_every_districts_make_up(county_staff):
    other = keep("breckland")
    client = signed_in(county_staff)

    listing = client.get(reverse("admin:consultations_districtpopulation_changelist")).content.decode()
    response = client.post(
        reverse("admin:consultations_districtpopulation_change", args=[other.pk]),
        admin_form(district("breckland"), sex__female="50.5", sex__male="49.5"),
    )

    assert "Breckland" in listing
    assert response.status_code == 302
    assert other.shares.get(category="female").percent == Decimal("50.50")


def test_shares_adding_up_to_more_than_100_are_refused_and_kept_as_typed(county_staff):
    response = signed_in(county_staff).post(
        reverse("admin:consultations_districtpopulation_add"),
        admin_form(district("norwich"), sex__female="60", sex__male="45"),
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert "The shares add up to 105" in html and 'value="60"' in html
    assert not DistrictPopulation.objects.exists()


def test_a_good_file_imports_each_districts_shares(county_staff):
    rows = [
        ["E07000147", "sex", "female", "51.3", "103000", "Census 2021 TS008"],
        ["North Norfolk", "sex", "Male", "48.7", "", ""],
        ["Breckland", "What is your ethnic group?", "white-british", "91.5", "141000", ""],
    ]

    response = signed_in(county_staff).post(reverse(IMPORT), {"file": csv_upload(rows)})

    assert response.status_code == 302
    north = DistrictPopulation.objects.get(district__slug="north-norfolk")
    assert (north.residents, north.source) == (103000, "Census 2021 TS008")
    assert dict(north.shares.values_list("category", "percent")) == {
        "female": Decimal("51.30"),
        "male": Decimal("48.70"),
    }
    assert DistrictPopulation.objects.get(district__slug="breckland").shares.get().question == "ethnic_group"


def test_a_file_with_bad_lines_imports_nothing_and_reports_every_one(county_staff):
    keep("north-norfolk")
    rows = [
        ["North Norfolk", "sex", "female", "40", "", ""],  # good: would replace the district's sex figures
        ["Atlantis", "sex", "female", "50", "1000", ""],
        ["Norwich", "star sign", "leo", "8", "144000", ""],
        ["Norwich", "sex", "unicorn", "8", "", ""],
        ["Norwich", "sex", "female", "120", "", ""],
        ["Breckland", "sex", "female", "51", "", ""],
        ["North Norfolk", "sex", "female", "41", "", ""],
        ["North Norfolk", "sex", "male", "70", "", ""],
    ]

    response = signed_in(county_staff).post(reverse(IMPORT), {"file": csv_upload(rows)})

    html = response.content.decode()
    for line in (
        "Nothing was imported",
        "Line 3: “Atlantis” is not a district of the county",
        "Line 4: “star sign” is not an equality question",
        "Line 5: “unicorn” is not a category of sex",
        "Line 6: Percent must be from 0 to 100",
        "Line 7: Give Breckland’s usual residents on its first line",
        "Line 8: North Norfolk, sex, female is given twice, as 40.00% and 41.00%",
        "Line 9: The shares of sex in North Norfolk add up to 110.00%",
    ):
        assert line in html
    assert "Line 2:" not in html
    assert DistrictPopulation.objects.get().shares.get(category="female").percent == Decimal("51.00")
    assert DistrictPopulation.objects.count() == 1
    assert ImportBatch.objects.get().status == ImportBatch.Status.FAILED


def test_a_district_officer_imports_only_their_districts_lines(district_officer):
    rows = [
        ["North Norfolk", "sex", "female", "51", "103000", ""],
        ["Breckland", "sex", "female", "51", "141000", ""],
    ]

    response = signed_in(district_officer).post(reverse(IMPORT), {"file": csv_upload(rows)})

    html = response.content.decode()
    assert "Line 3: You cannot change the figures of Breckland: its own council keeps them" in html
    assert "Line 2:" not in html
    assert not DistrictPopulation.objects.exists()


def test_the_import_on_the_servers_command_line_reads_every_district(tmp_path):
    from django.core.management import call_command

    path = tmp_path / "population.csv"
    path.write_bytes(csv_upload([["Breckland", "sex", "female", "51", "141000", ""]]).read())

    call_command("import_file", "district-population", str(path))

    assert PopulationShare.objects.get().population.district.slug == "breckland"
