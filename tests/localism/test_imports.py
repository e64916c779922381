"""Every importer of localism.imports, taken from its registry: a file with bad lines imports nothing and names
each bad line by its number (or each bad record by its id); a hostile file is refused with a clear message,
never an error page."""

from __future__ import annotations

import csv
import io
import json

import pytest
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from localism.imports import IMPORTERS, Importer
from localism.models import AuditEntry, ImportBatch
from localism.services import dataset_import
from tests.directory.factories import OrganisationFactory
from tests.directory.oruk import service

pytestmark = pytest.mark.django_db

# One good line for each CSV importer (the columns it needs; the others are left empty), and what it needs
# in the database. A new importer fails test_every_importer_has_a_good_example until it has one here.
GOOD_LINES = {
    "spending": {
        "organisational_unit": "Adult Social Services",
        "beneficiary_name": "Acme Care Ltd",
        "payment_date": "01/04/2025",
        "amount": "£600.00",
        "irrecoverable_vat": "0",
        "purpose": "Residential care",
    },
    "contracts": {
        "reference": "NCC-2025-001",
        "title": "Road repairs",
        "description": "Resurfacing in the north of the county",
        "department": "Highways",
        "supplier_name": "Acme Roads Ltd",
        "value": "£10,000",
        "start_date": "01/04/2025",
    },
    "grants": {
        "reference": "G-2025-001",
        "title": "Village hall roof",
        "description": "A new roof for the village hall",
        "amount_awarded": "£1,000",
        "award_date": "01/04/2025",
        "recipient_org_name": "Cley Village Hall Trust",
    },
    "listings": {
        "organization_name": "Aylsham Dementia Friends",
        "service_name": "Memory café",
        "service_summary": "A friendly café.",
        "service_description": "Every Tuesday morning.",
    },
    "postcodes": {"postcode": "NR1 1AA", "latitude": "52.62", "longitude": "1.30", "district_code": "E07000148"},
    "district-population": {
        "district": "Breckland",
        "question": "sex",
        "category": "female",
        "percent": "51.2",
        "residents": "141000",
    },
}
SETUP = {"listings": lambda: OrganisationFactory(name="Aylsham Dementia Friends")}


def _csv(header: list[str], rows: list[list[str]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().encode()


def _csv_with_bad_lines(importer: Importer) -> tuple[bytes, list[str]]:
    """Good lines around bad ones, each bad in a different way the file's own columns allow: a required value
    left empty, a NUL character, a value of the wrong kind (a date, an amount, a number, yes or no)."""
    spec = importer.spec
    header = spec.header()
    good = [GOOD_LINES[importer.dataset].get(name, "") for name in header]
    required = [i for i, column in enumerate(spec.columns) if not column.blank]
    typed = [i for i, column in enumerate(spec.columns) if column.kind in ("money", "date", "whole", "bool", "number")]
    assert required and typed, "the spec declares required and typed columns to break"
    empty = [("" if i in required else value) for i, value in enumerate(good)]
    assert any(empty), "the line that leaves out what is required still says something (else it is a blank line)"
    nul = [f"{good[0]}\x00"] + good[1:]
    wrong = [("not a value" if i in typed else value) for i, value in enumerate(good)]
    rows = [good, empty, nul, good, wrong, good]
    return _csv(header, rows), ["Line 3", "Line 4", "Line 6"]


def _feed_with_bad_records(importer: Importer) -> tuple[bytes, list[str]]:
    no_name = service(id="0a0a0a0a-0000-4000-8000-000000000001")
    del no_name["name"]
    no_description = service(id="0a0a0a0a-0000-4000-8000-000000000002", description="")
    services = [service(), no_name, no_description]
    return json.dumps({"contents": services}).encode(), [f"service {s['id']}" for s in services[1:]]


def _file_with_bad_lines(importer: Importer) -> tuple[bytes, list[str]]:
    if importer.spec is not None:
        return _csv_with_bad_lines(importer)
    return _feed_with_bad_records(importer)


def _rows_everywhere() -> dict[str, int]:
    """Every table but the record of the attempt itself (its batch and its audit entry)."""
    return {
        model._meta.label: model._default_manager.count()
        for model in apps.get_models()
        if model not in (ImportBatch, AuditEntry) and model._meta.managed and not model._meta.proxy
    }


def test_every_importer_has_a_good_example():
    assert {name for name, importer in IMPORTERS.items() if importer.spec is not None} == set(GOOD_LINES)
    assert set(IMPORTERS) >= {"spending", "contracts", "grants", "listings", "oruk-feed", "postcodes"}


@pytest.mark.parametrize("dataset", sorted(IMPORTERS))
def test_a_file_with_bad_lines_imports_nothing_and_names_each_bad_line(dataset, moderator):
    importer = IMPORTERS[dataset]
    SETUP.get(dataset, lambda: None)()
    data, bad = _file_with_bad_lines(importer)
    before = _rows_everywhere()

    result = dataset_import(dataset=dataset, file_name="with-bad-lines", data=data, by=moderator)

    assert not result.succeeded
    assert _rows_everywhere() == before
    batch = result.batch
    assert batch.status == ImportBatch.Status.FAILED and batch.dataset == dataset
    assert [line.split(":")[0] for line in batch.error_lines()] == bad
    report = "\n".join(result.report())
    assert report.startswith("Nothing was imported.")
    assert all(where + ":" in report for where in bad)
    assert AuditEntry.objects.get(action=importer.audit_failed).target_id == str(batch.pk)


@pytest.mark.parametrize("dataset", sorted(IMPORTERS))
def test_the_good_lines_alone_import(dataset, moderator):
    """The bad-lines test above proves something: without the bad lines the same file imports."""
    importer = IMPORTERS[dataset]
    SETUP.get(dataset, lambda: None)()
    data, _ = _file_with_bad_lines(importer)
    if importer.spec is not None:
        lines = data.decode().splitlines()
        data = "\n".join([lines[0], lines[1], lines[4]]).encode()
    else:
        data = json.dumps({"contents": [service()]}).encode()

    result = dataset_import(dataset=dataset, file_name="good", data=data, by=moderator)

    assert result.succeeded, result.report()
    assert result.batch.created_count >= 1
    assert AuditEntry.objects.filter(action=importer.audit_completed).count() == 1


HOSTILE_FILES = {
    "empty": (b"", "The file is empty"),
    "only a byte-order mark": (b"\xef\xbb\xbf", "The file is empty"),
    "binary": (b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\xff\xff\x00\x00" + b"\x00" * 64, None),
    "an image": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 64, None),
    "UTF-16": ("name,other\r\nx,y\r\n".encode("utf-16"), None),
    "no header": (b"\n\n\n", "The file is empty"),
    "a header of nothing it knows": (b"name,other\nx,y\n", None),
    "an unterminated quote": (b'name,other\n"x,y\n', None),
}
# What each kind of file says: CSV importers name the problem; a feed says it is not JSON.
CLEAR = {
    "binary": ("binary data", "not UTF-8", "is not JSON"),
    "an image": ("binary data", "not UTF-8", "is not JSON"),
    "UTF-16": ("The file has no column for", "is not JSON"),
    "a header of nothing it knows": ("The file has no column for", "is not JSON"),
    "an unterminated quote": ("The file has no column for", "is not JSON"),
}


@pytest.mark.parametrize("case", HOSTILE_FILES)
@pytest.mark.parametrize("dataset", sorted(IMPORTERS))
def test_a_hostile_file_is_refused_with_a_clear_message(dataset, case, moderator):
    data, message = HOSTILE_FILES[case]
    before = _rows_everywhere()

    result = dataset_import(dataset=dataset, file_name=f"{case}.csv", data=data, by=moderator)

    assert not result.succeeded
    assert _rows_everywhere() == before
    report = " ".join(result.report())
    expected = (message, "is not JSON") if message else CLEAR[case]
    assert any(text in report for text in expected), report


CSV_IMPORTERS = sorted(name for name, importer in IMPORTERS.items() if importer.spec is not None)


@pytest.mark.parametrize("dataset", CSV_IMPORTERS)
def test_a_huge_field_is_that_lines_error(dataset, moderator):
    importer = IMPORTERS[dataset]
    SETUP.get(dataset, lambda: None)()
    header = importer.spec.header()
    good = [GOOD_LINES[dataset].get(name, "") for name in header]
    data = _csv(header, [good, ["x" * 200_000, *good[1:]]])

    result = dataset_import(dataset=dataset, file_name="huge.csv", data=data, by=moderator)

    assert not result.succeeded
    assert result.batch.error_lines() == [
        "Line 3: The line cannot be read as CSV (field larger than field limit (131072))"
    ]


@pytest.mark.parametrize("dataset", CSV_IMPORTERS)
def test_extra_columns_and_columns_in_another_order_are_read(dataset, moderator):
    importer = IMPORTERS[dataset]
    SETUP.get(dataset, lambda: None)()
    header = [*reversed(importer.spec.header()), "Notes from the finance team", ""]
    good = [GOOD_LINES[dataset].get(name, "") for name in header[:-2]] + ["=1+1", "x"]

    result = dataset_import(dataset=dataset, file_name="extra.csv", data=_csv(header, [good]), by=moderator)

    assert result.succeeded, result.report()
    assert result.batch.created_count == 1


@pytest.mark.parametrize("case", HOSTILE_FILES)
def test_a_hostile_upload_is_a_clear_page_not_a_server_error(staff_client, case):
    """Through the admin's one upload form, for every importer staff may upload to."""
    data, message = HOSTILE_FILES[case]
    uploaded = [importer for importer in IMPORTERS.values() if importer.is_uploaded]
    assert uploaded
    for importer in uploaded:
        response = staff_client.post(
            reverse("admin:localism_importbatch_import"),
            {"dataset": importer.dataset, "file": SimpleUploadedFile(f"{case}.csv", data, "text/csv")},
        )
        html = response.content.decode()
        assert response.status_code == 400, (importer.dataset, case)
        assert "Nothing was imported." in html
        if message:
            assert message in html
    assert not ImportBatch.objects.filter(status=ImportBatch.Status.IMPORTED).exists()


def test_the_upload_form_offers_every_importer_staff_may_upload_to(staff_client):
    html = staff_client.get(reverse("admin:localism_importbatch_import")).content.decode()
    for importer in IMPORTERS.values():
        assert (f'value="{importer.dataset}"' in html) == importer.is_uploaded, importer.dataset


def test_the_same_report_reaches_the_command_line(tmp_path, moderator):
    SETUP["listings"]()
    data, bad = _csv_with_bad_lines(IMPORTERS["listings"])
    path = tmp_path / "listings.csv"
    path.write_bytes(data)
    from django.core.management import CommandError, call_command

    with pytest.raises(CommandError) as raised:
        call_command("import_file", "listings", str(path), "--by", moderator.email)

    batch = ImportBatch.objects.get()
    assert str(raised.value).splitlines() == [
        "Nothing was imported. listings.csv has 3 problems to correct:",
        *batch.error_lines(),
    ]
    assert [line.split(":")[0] for line in batch.error_lines()] == bad
