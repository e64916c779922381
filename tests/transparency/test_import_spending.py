"""The shared import: all or nothing, every bad line reported, no duplicates, a record of each batch."""

import datetime
import hashlib
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command

from localism.imports import LineError, parse_date, parse_money
from localism.models import AuditEntry, ImportBatch
from localism.services import dataset_import
from transparency.models import Dataset, SpendingFacet, SpendingRecord

pytestmark = pytest.mark.django_db

LGA_FILE = (
    "\ufeffOrganisational Unit,Beneficiary Name,Payment Date,Amount,Irrecoverable VAT Amount,Purpose,"
    "Transaction Number,Expense Type,Service Area,Procurement Card\r\n"
    'Adult Social Care,Wensum Care Services Ltd,03/04/2025,"£12,345.67",£0.00,Home care hours,T1,Home care,'
    "Adult Social Services,N\r\n"
    "Highways,Anglian Highways Ltd,30/06/2025,-£820.00,,Credit note for returned salt,T2,Winter gritting,"
    "Highways and Transport,No\r\n"
    'Libraries,"Book Supplies East, Ltd",1/5/2025,"(1,000.00)",0,Refund,T3,Book stock,Libraries,yes\r\n'
    "\r\n"
).encode()


def import_spending(data: bytes, *, by, file_name: str = "q1.csv"):
    """Import a spending file through the one import service, as staff do from the admin."""
    return dataset_import(dataset=Dataset.SPENDING, file_name=file_name, data=data, by=by)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("£1,234.56", Decimal("1234.56")),
        ("1234", Decimal("1234")),
        ("-£20.00", Decimal("-20.00")),
        ("£-20.00", Decimal("-20.00")),
        ("(1,000.00)", Decimal("-1000.00")),
        ("500.00 CR", Decimal("-500.00")),
        (" £ 2,500 ", Decimal("2500")),
    ],
)
def test_money_in_the_forms_councils_write_it_is_read(text, expected):
    assert parse_money(text) == expected


@pytest.mark.parametrize("text", ["twelve pounds", "1.2.3", "£", "--5", "1e9", "١٢٣"])
def test_text_that_is_not_money_is_refused_with_a_reason(text):
    with pytest.raises(LineError, match="is not an amount of money"):
        parse_money(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("03/04/2025", datetime.date(2025, 4, 3)),
        ("3/4/2025", datetime.date(2025, 4, 3)),
        ("2025-04-03", datetime.date(2025, 4, 3)),
        ("03-Apr-2025", datetime.date(2025, 4, 3)),
        ("03/04/2025 00:00:00", datetime.date(2025, 4, 3)),
    ],
)
def test_uk_dates_are_read_day_first(text, expected):
    assert parse_date(text) == expected


def test_a_real_world_spending_file_is_imported_with_its_values(moderator):
    result = import_spending(LGA_FILE, by=moderator)

    assert result.succeeded
    rows = {r.transaction_number: r for r in SpendingRecord.objects.all()}
    assert len(rows) == 3
    assert rows["T1"].amount == Decimal("12345.67")
    assert rows["T1"].payment_date == datetime.date(2025, 4, 3)
    assert rows["T1"].beneficiary_name == "Wensum Care Services Ltd"
    assert rows["T1"].supplier_slug == "wensum-care-services-ltd"
    assert rows["T1"].body_name == "Norfolk County Council"
    assert rows["T2"].amount == Decimal("-820.00")
    assert rows["T2"].irrecoverable_vat == Decimal("0.00")
    assert rows["T3"].amount == Decimal("-1000.00")
    assert rows["T3"].payment_date == datetime.date(2025, 5, 1)
    assert rows["T3"].is_procurement_card is True
    assert rows["T3"].batch == result.batch


def test_each_batch_records_the_file_its_checksum_rows_who_and_when(moderator):
    result = import_spending(LGA_FILE, by=moderator)

    batch = ImportBatch.objects.get()
    assert batch == result.batch
    assert batch.file_name == "q1.csv"
    assert batch.checksum == hashlib.sha256(LGA_FILE).hexdigest()
    assert (batch.row_count, batch.created_count, batch.duplicate_count) == (3, 3, 0)
    assert batch.imported_by == moderator
    assert batch.imported_at is not None
    assert AuditEntry.objects.filter(action="transparency.import.completed", actor=moderator).count() == 1


def test_the_explorer_choices_are_refreshed_after_an_import(moderator):
    import_spending(LGA_FILE, by=moderator)

    assert set(SpendingFacet.objects.filter(kind="service_area").values_list("value", flat=True)) == {
        "Adult Social Services",
        "Highways and Transport",
        "Libraries",
    }


def test_a_broken_file_imports_nothing_and_reports_each_bad_line(moderator, sample_file):
    result = import_spending(sample_file("spending-broken.csv"), by=moderator, file_name="spending-broken.csv")

    assert not result.succeeded
    assert SpendingRecord.objects.count() == 0
    assert result.batch.status == ImportBatch.Status.FAILED
    assert result.batch.errors == [
        {"line": 4, "message": "“31/02/2026” is not a date in the form dd/mm/yyyy"},
        {"line": 7, "message": "“twelve pounds” is not an amount of money (for example £1,234.56)"},
        {"line": 10, "message": "Beneficiary name is missing"},
        {"line": 12, "message": "“2026/13/01” is not a date in the form dd/mm/yyyy"},
    ]


def test_one_bad_line_among_good_ones_imports_none_of_them(moderator):
    data = LGA_FILE.replace(b"30/06/2025", b"31/06/2025")

    result = import_spending(data, by=moderator)

    assert not result.succeeded
    assert result.batch.errors == [{"line": 3, "message": "“31/06/2025” is not a date in the form dd/mm/yyyy"}]
    assert SpendingRecord.objects.count() == 0


def test_a_file_without_a_mandatory_column_says_which(moderator):
    data = "Beneficiary Name,Payment Date,Amount\nA Ltd,01/04/2025,£600\n".encode()

    result = import_spending(data, by=moderator, file_name="x.csv")

    assert result.batch.errors == [
        {
            "line": 1,
            "message": "The file has no column for: Organisational unit, Irrecoverable VAT amount, Purpose",
        }
    ]


@pytest.mark.parametrize(
    "data",
    [b"", b"\xef\xbb\xbf", b"\x00\x01\x02", b"Organisational Unit\n", b"a,b\n" * 3, "\u202e\u0000".encode()],
)
def test_empty_or_nonsense_files_are_refused_without_an_error_page(moderator, data):
    result = import_spending(data, by=moderator, file_name="odd.csv")

    assert not result.succeeded
    assert result.batch.errors
    assert SpendingRecord.objects.count() == 0


def test_importing_the_same_file_again_adds_nothing_and_points_at_the_first_batch(moderator):
    first = import_spending(LGA_FILE, by=moderator)

    again = import_spending(LGA_FILE, by=moderator, file_name="q1-copy.csv")

    assert again.already_imported
    assert again.batch == first.batch
    assert SpendingRecord.objects.count() == 3
    assert ImportBatch.objects.count() == 1


def test_an_overlapping_file_adds_only_the_new_rows(moderator):
    import_spending(LGA_FILE, by=moderator)
    overlapping = LGA_FILE.rstrip(b"\r\n") + (
        b"\r\nAdult Social Care,Yare Valley Home Care Ltd,04/07/2025,\xc2\xa3600.00,0,Home care,T4,Home care,"
        b"Adult Social Services,N\r\n"
    )

    result = import_spending(overlapping, by=moderator, file_name="q1-q2.csv")

    assert result.succeeded
    assert (result.batch.row_count, result.batch.created_count, result.batch.duplicate_count) == (4, 1, 3)
    assert SpendingRecord.objects.count() == 4


def test_a_file_from_an_old_spreadsheet_program_in_windows_1252_is_read(moderator):
    data = LGA_FILE.decode("utf-8-sig").encode("cp1252")

    result = import_spending(data, by=moderator)

    assert result.succeeded
    assert SpendingRecord.objects.get(transaction_number="T1").amount == Decimal("12345.67")


def test_semicolon_separated_files_with_other_column_names_are_read(moderator):
    data = (
        "Directorate;Supplier Name;Date Paid;Net Amount;Non Recoverable VAT;Description\n"
        "Finance;Audit Co;15.07.2025;£9,999.99;£0;Audit fees\n"
    ).encode()

    result = import_spending(data, by=moderator, file_name="x.csv")

    assert result.succeeded, result.batch.errors
    record = SpendingRecord.objects.get()
    assert (record.organisational_unit, record.beneficiary_name) == ("Finance", "Audit Co")
    assert record.payment_date == datetime.date(2025, 7, 15)


def test_an_overlong_value_is_reported_not_truncated(moderator):
    data = LGA_FILE.replace(b"Home care hours", b"x" * 600)

    result = import_spending(data, by=moderator)

    assert result.batch.errors == [{"line": 2, "message": "Purpose is longer than 500 characters"}]


def test_the_import_command_loads_a_file(tmp_path, capsys):
    path = tmp_path / "q1.csv"
    path.write_bytes(LGA_FILE)

    call_command("import_spending", str(path))

    assert SpendingRecord.objects.count() == 3
    assert "3 new" in capsys.readouterr().out


def test_the_import_command_fails_with_the_line_errors(tmp_path, sample_file, capsys):
    path = tmp_path / "broken.csv"
    path.write_bytes(sample_file("spending-broken.csv"))

    with pytest.raises(CommandError, match="broken.csv has 4 problems to correct") as raised:
        call_command("import_spending", str(path))

    assert str(raised.value).startswith("Nothing was imported.")
    assert "Line 7: “twelve pounds” is not an amount of money" in str(raised.value)
    assert SpendingRecord.objects.count() == 0


def test_the_import_command_says_when_the_file_is_missing(tmp_path):
    with pytest.raises(CommandError, match="Cannot read"):
        call_command("import_spending", str(tmp_path / "nope.csv"))


def test_the_demo_quarter_file_imports_whole(sample_file, moderator):
    result = import_spending(sample_file("spending-2026-q1.csv"), by=moderator, file_name="spending-2026-q1.csv")

    assert result.succeeded, result.batch.errors[:3]
    assert SpendingRecord.objects.count() == 400


def test_a_place_column_attributes_payments_to_places(moderator, reference_data):
    data = LGA_FILE.replace(b"Procurement Card\r\n", b"Procurement Card,Place\r\n")
    data = data.replace(b"Adult Social Services,N\r\n", b"Adult Social Services,N,Cromer\r\n")
    data = data.replace(b"Highways and Transport,No\r\n", b"Highways and Transport,No,E07000147\r\n")

    result = import_spending(data, by=moderator)

    assert result.succeeded, result.batch.errors
    assert SpendingRecord.objects.get(transaction_number="T1").place.slug == "cromer"
    assert SpendingRecord.objects.get(transaction_number="T2").place.slug == "north-norfolk"
    assert SpendingRecord.objects.get(transaction_number="T3").place is None


def test_an_unknown_place_is_a_line_error(moderator, reference_data):
    data = LGA_FILE.replace(b"Procurement Card\r\n", b"Procurement Card,Place\r\n")
    data = data.replace(b"Adult Social Services,N\r\n", b"Adult Social Services,N,Atlantis\r\n")

    result = import_spending(data, by=moderator)

    assert result.batch.errors == [
        {
            "line": 2,
            "message": "“Atlantis” is not a place we know (give a district, town or parish, or its ONS code)",
        }
    ]
