"""The management commands: reference data and postcodes (seed_demo: tests/devtools/)."""

import io

import pytest
from django.core.management import CommandError, call_command

from localism.core_content import load_reference_data
from localism.models import AuditEntry, ImportBatch, InformationPage, Place, Postcode, Topic

pytestmark = pytest.mark.django_db


def test_reference_data_has_norfolk_its_seven_districts_and_their_towns():
    load_reference_data(Place, Topic, InformationPage)
    load_reference_data(Place, Topic, InformationPage)  # a second load changes nothing
    county = Place.objects.get(slug="norfolk")
    districts = {p.name: p.ons_code for p in Place.objects.filter(parent=county, kind="district")}
    assert districts == {
        "Breckland": "E07000143",
        "Broadland": "E07000144",
        "Great Yarmouth": "E07000145",
        "King's Lynn and West Norfolk": "E07000146",
        "North Norfolk": "E07000147",
        "Norwich": "E07000148",
        "South Norfolk": "E07000149",
    }
    assert Place.objects.get(slug="thetford").parent.name == "Breckland"
    assert Place.objects.get(slug="great-yarmouth-town").parent.name == "Great Yarmouth"
    assert Topic.objects.filter(slug="adult-social-care").exists()
    assert Place.objects.filter(slug="norfolk").count() == 1


def test_import_postcodes_loads_the_shipped_norfolk_file():
    out = io.StringIO()
    call_command("import_postcodes", stdout=out)
    assert "Imported norfolk-postcodes.csv: 35,872 new postcodes, 0 known before (updated)." in out.getvalue()
    assert Postcode.objects.get(postcode="NR2 1AB").district_code == "E07000148"


def test_import_postcodes_is_an_import_batch_and_a_second_import_updates_what_it_knows(tmp_path):
    path = tmp_path / "postcodes.csv"
    path.write_text("postcode,latitude,longitude\nNR1 1AA,52.6,1.3\n", encoding="utf-8")
    call_command("import_postcodes", str(path), stdout=io.StringIO())
    path.write_text("postcode,latitude,longitude\nNR1 1AA,52.7,1.3\nNR2 2BB,52.6,1.2\n", encoding="utf-8")
    out = io.StringIO()
    call_command("import_postcodes", str(path), stdout=out)
    assert "Imported postcodes.csv: 1 new postcode, 1 known before (updated)." in out.getvalue()
    assert Postcode.objects.get(postcode="NR1 1AA").latitude == 52.7
    batches = ImportBatch.objects.filter(dataset="postcodes", status=ImportBatch.Status.IMPORTED)
    assert [(b.created_count, b.duplicate_count) for b in batches.order_by("pk")] == [(1, 0), (1, 1)]
    assert AuditEntry.objects.filter(action="localism.postcodes.imported").count() == 2


def test_import_postcodes_reads_the_ons_postcode_directory_shape(tmp_path):
    path = tmp_path / "onspd.csv"
    path.write_text(
        "\ufeffpcd,pcds,laua,lat,long\n"
        "NR1  1AA,NR1 1AA,E07000148,52.62,1.30\n"
        "ZE3  9JZ,ZE3 9JZ,S12000027,99.999999,0\n",
        encoding="utf-8",
    )
    out = io.StringIO()
    call_command("import_postcodes", str(path), stdout=out)
    assert "Imported onspd.csv: 1 new postcode, 0 known before (updated)." in out.getvalue()
    assert "Skipped: 1." in out.getvalue()
    assert Postcode.objects.get(postcode="NR1 1AA").district_code == "E07000148"


def test_a_bad_postcode_file_reports_every_bad_line_and_imports_nothing(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text(
        "postcode,latitude,longitude\nNR1 1AA,52.6,1.3\nBANANA,52.6,1.3\nNR2 2BB,north,1.3\nNR3 3CC,10.0,1.3\n",
        encoding="utf-8",
    )
    with pytest.raises(CommandError, match="Nothing was imported. bad.csv has 3 problems") as raised:
        call_command("import_postcodes", str(path), stderr=io.StringIO())
    assert "Line 3: 'BANANA' is not a UK postcode." in str(raised.value)
    assert "Line 4: Latitude must be a number, like 52.6" in str(raised.value)
    assert "Line 5: NR3 3CC is not in the UK" in str(raised.value)
    assert not Postcode.objects.filter(postcode="NR1 1AA").exists()
    assert ImportBatch.objects.get(dataset="postcodes").status == ImportBatch.Status.FAILED


def test_thousands_of_bad_lines_are_counted_with_commas_and_one_in_the_singular(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("postcode,latitude,longitude\n" + "BANANA,52.6,1.3\n" * 1_200, encoding="utf-8")
    with pytest.raises(CommandError, match="Nothing was imported. bad.csv has 1,200 problems to correct"):
        call_command("import_postcodes", str(path), stderr=io.StringIO())

    path.write_text("postcode,latitude,longitude\nBANANA,52.6,1.3\n", encoding="utf-8")
    with pytest.raises(CommandError, match="Nothing was imported. bad.csv has 1 problem to correct:"):
        call_command("import_postcodes", str(path), stderr=io.StringIO())
    assert not Postcode.objects.exists()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "The file is empty"),
        (b"name,value\nx,1\n", "The file has no column for: Postcode, Latitude, Longitude"),
        (b"\xff\x00bad", "not UTF-8 text"),
    ],
)
def test_unusable_postcode_files_are_explained(tmp_path, content, message):
    path = tmp_path / "file.csv"
    path.write_bytes(content)
    err = io.StringIO()
    with pytest.raises(CommandError) as raised:
        call_command("import_postcodes", str(path), stderr=err)
    assert message in str(raised.value) + err.getvalue()
