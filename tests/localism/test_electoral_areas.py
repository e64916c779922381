"""Electoral areas: county divisions, district wards and parishes as places, linked to postcodes by the ONS
Postcode Directory or by staff, and shown (with what is missing) when a postcode asks who represents it."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from localism.models import Council, Place, Postcode, PostcodeAssignment
from tests.admin_forms import add_inline_form, admin_form_data
from tests.factories import PlaceFactory, PostcodeFactory

pytestmark = pytest.mark.django_db

ONSPD = (
    "\ufeffpcd,pcds,oslaua,ced,osward,parish,lat,long\n"
    "NR27 9AB,NR27 9AB,E07000147,E58000999,E05000111,E04000222,52.9305,1.3015\n"
    "NR27 9AD,NR27 9AD,E07000147,E58000999,E05000111,E04000222,52.9310,1.3020\n"
    "NR2  1AB,NR2 1AB,E07000148,E58000888,E05000333,E43000001,52.6294,1.2859\n"
)


def _import(tmp_path, *names_files):
    path = tmp_path / "onspd.csv"
    path.write_text(ONSPD, encoding="utf-8")
    args = [str(path)]
    for n, content in enumerate(names_files):
        names = tmp_path / f"names-{n}.csv"
        names.write_text(content, encoding="utf-8")
        args += ["--names", str(names)]
    out = io.StringIO()
    call_command("import_postcodes", *args, stdout=out)
    return out.getvalue()


def test_import_postcodes_reads_the_division_ward_and_parish_columns_of_the_ons_postcode_directory(
    tmp_path, reference_data
):
    _import(tmp_path)
    postcode = Postcode.objects.get(postcode="NR27 9AB")
    assert (postcode.division_code, postcode.ward_code, postcode.parish_code) == (
        "E58000999",
        "E05000111",
        "E04000222",
    )


def test_the_ons_names_files_make_the_county_areas_into_places_under_their_district(tmp_path, reference_data):
    out = _import(
        tmp_path,
        "CED25CD,CED25NM\nE58000999,Cromer\nE58000888,Nelson\nE58000777,Somewhere in Suffolk\n",
        "WD25CD,WD25NM,LAD25CD\nE05000111,Cromer Town,E07000147\n",
        "PARNCP25CD,PARNCP25NM\nE04000222,Cromer\n",
    )
    assert "Made or updated 2 areas" in out
    division = Place.objects.get(ons_code="E58000999")
    assert (division.name, division.kind, division.parent.slug) == ("Cromer", "division", "north-norfolk")
    assert Place.objects.get(ons_code="E05000111").kind == Place.Kind.WARD
    assert Place.objects.get(ons_code="E04000222").kind == Place.Kind.PARISH
    assert not Place.objects.filter(ons_code="E58000777").exists()  # no postcode of the county is in it
    assert not Place.objects.filter(is_sample=True).exists()


def test_a_postcode_with_official_areas_names_them_and_its_parish_council_exactly(client, tmp_path, reference_data):
    _import(
        tmp_path,
        "CED25CD,CED25NM\nE58000999,Cromer\n",
        "WD25CD,WD25NM\nE05000111,Cromer Town\n",
        "PARNCP25CD,PARNCP25NM\nE04000222,Cromer\n",
    )
    Council.objects.get(name="Cromer Town Council").places.add(Place.objects.get(ons_code="E04000222"))
    data = client.get(reverse("localism:who_represents_me_json"), {"postcode": "NR27 9AB"}).json()
    assert data["areas"]["county_electoral_division"]["name"] == "Cromer"
    assert data["areas"]["district_ward"]["name"] == "Cromer Town"
    assert data["areas"]["parish"]["is_sample_data"] is False
    assert [(c["name"], c["is_exact"]) for c in data["councils"]] == [
        ("Norfolk County Council", True),
        ("North Norfolk District Council", True),
        ("Cromer Town Council", True),
    ]
    page = client.get(reverse("localism:who_represents_me"), {"postcode": "NR27 9AB"}).content.decode()
    assert "not from official parish boundaries" not in page
    assert "Sample data" not in page


def test_a_postcode_the_file_says_is_unparished_has_no_parish_council(client, tmp_path, reference_data):
    _import(tmp_path)
    page = client.get(reverse("localism:who_represents_me"), {"postcode": "NR2 1AB"}).content.decode()
    assert "NR2 1AB is not in a parish, so it has no town or parish council" in page


def test_staff_assign_a_sector_to_an_area_and_a_unit_to_another(client, staff_client, reference_data):
    north_norfolk = Place.objects.get(slug="north-norfolk")
    coast = PlaceFactory(name="Coastal ward", kind=Place.Kind.WARD, parent=north_norfolk)
    pier = PlaceFactory(name="Pier ward", kind=Place.Kind.WARD, parent=north_norfolk)
    PostcodeFactory(in_cromer=True)
    PostcodeFactory(in_cromer=True, postcode="NR27 9AD")
    for area, typed in ((coast, "nr279"), (pier, "nr27 9ad")):
        url = reverse("admin:localism_place_change", args=[area.pk])
        data = add_inline_form(admin_form_data(staff_client.get(url).content.decode()), "postcode_assignments", {})
        index = int(data["postcode_assignments-TOTAL_FORMS"]) - 1
        data[f"postcode_assignments-{index}-prefix"] = typed
        assert staff_client.post(url, data).status_code == 302
    assert sorted(PostcodeAssignment.objects.values_list("prefix", flat=True)) == ["NR27 9", "NR27 9AD"]

    def ward_of(code):
        return client.get(reverse("localism:who_represents_me_json"), {"postcode": code}).json()["areas"][
            "district_ward"
        ]["name"]

    assert ward_of("NR27 9AB") == "Coastal ward"
    assert ward_of("NR27 9AD") == "Pier ward"


def test_staff_cannot_assign_postcodes_to_a_town_or_a_malformed_sector(staff_client, reference_data):
    cromer = Place.objects.get(slug="cromer")
    url = reverse("admin:localism_place_change", args=[cromer.pk])
    data = add_inline_form(admin_form_data(staff_client.get(url).content.decode()), "postcode_assignments", {})
    index = int(data["postcode_assignments-TOTAL_FORMS"]) - 1
    data[f"postcode_assignments-{index}-prefix"] = "NR27 9"
    page = staff_client.post(url, data).content.decode()
    assert "Postcodes can be assigned only to a county electoral division, a district ward or a parish" in page
    ward = PlaceFactory(name="Some ward", kind=Place.Kind.WARD, parent=cromer.parent)
    url = reverse("admin:localism_place_change", args=[ward.pk])
    data = add_inline_form(admin_form_data(staff_client.get(url).content.decode()), "postcode_assignments", {})
    data[f"postcode_assignments-{int(data['postcode_assignments-TOTAL_FORMS']) - 1}-prefix"] = "banana"
    assert "Enter a postcode like NR27 9AB or a sector like NR27 9" in staff_client.post(url, data).content.decode()
    assert not PostcodeAssignment.objects.exists()


def test_sample_areas_are_labelled_as_sample_data_wherever_they_are_shown(client, reference_data):
    from devtools.demo.localism import seed_sample_areas

    seed_sample_areas(io.StringIO())
    PostcodeFactory(in_cromer=True)
    page = client.get(reverse("localism:who_represents_me"), {"postcode": "NR27 9AB"}).content.decode()
    assert "Cromer Town ward (sample)" in page
    assert "They are not official boundaries" in page
    area_page = client.get(reverse("localism:place_detail", kwargs={"slug": "cromer-town-ward-sample"})).content
    assert "It is not an official boundary" in area_page.decode()
    district_page = client.get(reverse("localism:place_detail", kwargs={"slug": "north-norfolk"})).content.decode()
    assert "Electoral areas and parishes in North Norfolk" in district_page
    assert district_page.count("Sample data") >= 3
    data = client.get(reverse("localism:who_represents_me_json"), {"postcode": "NR27 9AB"}).json()
    assert data["areas"]["parish"]["is_sample_data"] is True
    assert any("sample data, not an official boundary" in note for note in data["notes"])


def test_a_postcode_with_no_ward_data_says_so_plainly_and_shows_what_is_known(client, reference_data):
    PostcodeFactory(in_cromer=True)
    response = client.get(reverse("localism:who_represents_me"), {"postcode": "NR27 9AB"})
    page = response.content.decode()
    assert "We do not know which district ward NR27 9AB is in" in page
    assert "We do not know which county electoral division NR27 9AB is in" in page
    assert "North Norfolk District Council" in page and "Norfolk County Council" in page
    assert 'value="NR27 9AB"' in page
    data = client.get(reverse("localism:who_represents_me_json"), {"postcode": "NR27 9AB"}).json()
    assert data["areas"]["district_ward"] is None
    assert any("district ward" in note for note in data["notes"])


def test_an_unknown_postcode_in_the_county_is_told_apart_from_one_outside_it(client, reference_data):
    PostcodeFactory(in_cromer=True)
    for url in (reverse("localism:who_represents_me"), reverse("localism:find_by_postcode")):
        page = client.get(url, {"postcode": "nr27 9zz"}).content.decode()
        assert "We cannot find NR27 9ZZ. Check it is typed correctly" in page
        assert 'value="nr27 9zz"' in page
        page = client.get(url, {"postcode": "SW1A 1AA"}).content.decode()
        assert "SW1A 1AA is outside Norfolk County Council&#x27;s area" in page


def test_near_you_shows_who_represents_the_postcode_on_the_place_page(client, reference_data):
    PostcodeFactory(in_cromer=True)
    response = client.get(reverse("localism:find_by_postcode"), {"postcode": "NR27 9AB"}, follow=True)
    page = response.content.decode()
    assert (
        response.redirect_chain[-1][0]
        == reverse("localism:place_detail", kwargs={"slug": "cromer"}) + "?postcode=NR27+9AB"
    )
    assert "Who represents NR27 9AB" in page
    assert "We do not know which district ward NR27 9AB is in" in page


def test_a_place_page_given_a_postcode_it_cannot_place_says_why_and_keeps_it(client, reference_data):
    page = client.get(reverse("localism:place_detail", kwargs={"slug": "cromer"}), {"postcode": "banana"})
    html = page.content.decode()
    assert "There is a problem" in html and "Enter a real postcode, like NR1 2DH" in html
    assert 'value="banana"' in html


def test_who_represents_me_runs_a_fixed_number_of_queries(client, reference_data, django_assert_max_num_queries):
    from devtools.demo.localism import seed_sample_areas

    seed_sample_areas(io.StringIO())
    PostcodeFactory(in_cromer=True, ward_code="E05000111", division_code="E58000999")
    north_norfolk = Place.objects.get(slug="north-norfolk")
    for n in range(5):
        area = PlaceFactory(name=f"Extra ward {n}", kind=Place.Kind.WARD, parent=north_norfolk)
        PostcodeAssignment.objects.create(place=area, prefix=f"NR27 {n}")
    # The place page's other sections (listings, consultations, spending...) run their own fixed queries.
    for url, most in (
        (reverse("localism:who_represents_me"), 11),
        (reverse("localism:who_represents_me_json"), 11),
        (reverse("localism:place_detail", kwargs={"slug": "cromer"}), 27),
    ):
        with django_assert_max_num_queries(most):
            assert client.get(url, {"postcode": "NR27 9AB"}).status_code == 200
