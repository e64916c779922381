"""One import mechanism for spending, contracts and grants.

Each dataset is a small `DatasetSpec`: its columns (with the header variants real council files use),
how a line becomes a row, and the row's de-duplication key. `import_file` reads the whole file first and
reports every bad line with its number and reason; only a file without errors is loaded, with COPY into a
temporary staging table and one INSERT … ON CONFLICT DO NOTHING, so that a failed import changes nothing
and importing the same or overlapping rows again creates no duplicates.
"""

from __future__ import annotations

import csv
import datetime
import hashlib
import io
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.db import connection, models
from django.utils.text import slugify

from transparency.models import Contract, Dataset, Grant, SpendingRecord

MAX_ERRORS_KEPT = 500
MAX_MONEY = Decimal("999999999999.99")


class LineError(ValueError):
    """A value on a line that cannot be read (the message is shown to staff)."""


def header_key(text: str) -> str:
    """'Beneficiary Name ' -> 'beneficiaryname': the form column headers are compared in."""
    return re.sub(r"[^a-z0-9]", "", text.lower())


# --- Values ------------------------------------------------------------------------------------

_MONEY_CLEAN = re.compile(r"[£,\s]|GBP", re.IGNORECASE)


def parse_money(text: str) -> Decimal:
    """'£1,234.50' -> 1234.50; '-£20.00', '(20.00)' and '20.00 CR' are credit notes (negative)."""
    value = text.strip()
    negative = False
    if value.startswith("(") and value.endswith(")"):
        negative, value = True, value[1:-1]
    if value.upper().endswith("CR"):
        negative, value = True, value[:-2]
    value = _MONEY_CLEAN.sub("", value)
    if value.startswith("-"):
        negative, value = not negative if value.count("-") == 1 else negative, value[1:]
    if not re.fullmatch(r"[0-9]+(\.[0-9]{1,2})?|\.[0-9]{1,2}", value):
        raise LineError(f"“{text.strip()[:40]}” is not an amount of money (for example £1,234.56)")
    amount = Decimal(value)
    if amount > MAX_MONEY:
        raise LineError(f"“{text.strip()[:40]}” is too large an amount")
    return -amount if negative else amount


_DATE_FORMATS = ("%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d", "%d/%m/%y", "%d-%b-%Y", "%d %b %Y", "%d-%b-%y")


def parse_date(text: str) -> datetime.date:
    """UK dates: dd/mm/yyyy (and the variants spreadsheets write), or ISO yyyy-mm-dd."""
    value = text.strip()
    # Spreadsheets often export "03/04/2025 00:00:00".
    value = re.sub(r"\s+00:00(:00)?$", "", value)
    for pattern in _DATE_FORMATS:
        try:
            day = datetime.datetime.strptime(value, pattern).date()  # noqa: DTZ007 (a date, no time zone)
        except ValueError:
            continue
        if not 1990 <= day.year <= 2100:
            raise LineError(f"“{value[:40]}” is not a plausible date")
        return day
    raise LineError(f"“{value[:40]}” is not a date in the form dd/mm/yyyy")


_TRUE = {"y", "yes", "true", "1", "t"}
_FALSE = {"n", "no", "false", "0", "f", ""}


def parse_bool(text: str) -> bool:
    value = text.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise LineError(f"“{text.strip()[:40]}” should be Yes or No")


@dataclass(frozen=True)
class Column:
    """A column of a dataset: the row field, the header names it goes by, and how to read a value."""

    field: str
    label: str
    headers: tuple[str, ...]
    kind: str = "text"  # text, money, date, bool
    required: bool = False  # the column must be in the file
    blank: bool = True  # a line may leave it empty
    max_length: int = 255

    def read(self, text: str):
        value = (text or "").strip()
        if not value:
            if not self.blank:
                raise LineError(f"{self.label} is missing")
            return {"money": None, "date": None, "bool": False}.get(self.kind, "")
        if self.kind == "money":
            return parse_money(value)
        if self.kind == "date":
            return parse_date(value)
        if self.kind == "bool":
            return parse_bool(value)
        value = " ".join(value.split())
        if len(value) > self.max_length:
            raise LineError(f"{self.label} is longer than {self.max_length} characters")
        return value


@dataclass(frozen=True)
class DatasetSpec:
    dataset: str
    model: type[models.Model]
    columns: tuple[Column, ...]
    # Turns the read values of a line into the row to store (adds derived fields, checks across fields),
    # given what `prepare` looked up once for the whole file.
    build: Callable[[dict, dict], dict]
    # The fields copied into the table, in order.
    fields: tuple[str, ...] = field(default=())
    prepare: Callable[[], dict] = dict


def dedup_key(*parts) -> str:
    """A stable key for a row's identity: the same line in two files gives the same key."""
    text = "\x1f".join("" if part is None else str(part).strip().lower() for part in parts)
    return hashlib.sha256(text.encode()).hexdigest()


def supplier_slug(name: str) -> str:
    return slugify(name)[:100] or "unnamed-supplier"


# --- Spending ----------------------------------------------------------------------------------


def _places_by_name() -> dict:
    """Place names and ONS codes (lower case) to ids, so a file can say which place a payment was for."""
    from localism.models import Place

    places = {}
    for pk, name, slug, code in Place.objects.values_list("pk", "name", "slug", "ons_code"):
        places.update({name.lower(): pk, slug: pk})
        if code:
            places[code.lower()] = pk
    return {"places": places}


def _build_spending(values: dict, context: dict) -> dict:
    place = values.pop("place_name")
    values["place"] = None
    if place:
        values["place"] = context["places"].get(place.lower())
        if values["place"] is None:
            raise LineError(
                f"“{place[:60]}” is not a place we know (give a district, town or parish, or its ONS code)"
            )
    values["body_name"] = values.get("body_name") or settings.COUNCIL_NAME
    if values["irrecoverable_vat"] is None:
        values["irrecoverable_vat"] = Decimal("0.00")
    values["supplier_slug"] = supplier_slug(values["beneficiary_name"])
    # Transaction number plus body identify a payment; the rest of the line tells apart the lines of a
    # payment split across expense types (the same line in an overlapping file is the same row).
    values["dedup_key"] = dedup_key(
        values["body_name"],
        values["transaction_number"],
        values["payment_date"],
        values["beneficiary_name"],
        values["amount"],
        values["expense_type"],
        values["service_area"],
        "" if values["transaction_number"] else values["purpose"],
    )
    return values


SPENDING = DatasetSpec(
    dataset=Dataset.SPENDING,
    model=SpendingRecord,
    columns=(
        Column(
            "organisational_unit",
            "Organisational unit",
            ("organisationalunit", "orgunit", "department", "directorate", "organisationunit"),
            required=True,
            blank=False,
            max_length=200,
        ),
        Column(
            "beneficiary_name",
            "Beneficiary name",
            ("beneficiaryname", "beneficiary", "suppliername", "supplier", "payee", "payeename", "vendorname"),
            required=True,
            blank=False,
        ),
        Column(
            "payment_date",
            "Payment date",
            ("paymentdate", "dateofpayment", "datepaid", "transactiondate", "date"),
            kind="date",
            required=True,
            blank=False,
        ),
        Column(
            "amount",
            "Amount",
            ("amount", "amountgbp", "amountexvat", "netamount", "netamountgbp", "value", "totalamount"),
            kind="money",
            required=True,
            blank=False,
        ),
        Column(
            "irrecoverable_vat",
            "Irrecoverable VAT amount",
            ("irrecoverablevatamount", "irrecoverablevat", "nonrecoverablevat", "irrecoverablevatamountgbp"),
            kind="money",
            required=True,
        ),
        Column(
            "purpose",
            "Purpose",
            ("purpose", "purposeofexpenditure", "expenditurepurpose", "description", "details"),
            required=True,
            blank=False,
            max_length=500,
        ),
        Column(
            "body_name",
            "Body name",
            ("bodyname", "body", "organisationname", "organisationlabel", "publishingbody"),
            max_length=200,
        ),
        Column(
            "transaction_number",
            "Transaction number",
            ("transactionnumber", "transactionno", "transactionref", "transactionid", "paymentreference"),
            max_length=100,
        ),
        Column(
            "expense_type",
            "Expense type",
            ("expensetype", "expensedescription", "expenditurecategory", "expensecategory", "accountdescription"),
            max_length=200,
        ),
        Column(
            "service_area",
            "Service area",
            ("servicearea", "serviceareacategorisation", "expensearea", "servicedivision", "servicelabel"),
            max_length=200,
        ),
        Column(
            "supplier_id",
            "Supplier ID",
            ("supplierid", "beneficiaryid", "supplierreference", "vendorid"),
            max_length=100,
        ),
        Column("supplier_type", "Supplier type", ("suppliertype", "beneficiarytype"), max_length=100),
        Column(
            "registration_number",
            "Charity or company number",
            (
                "beneficiaryregistrationnumber",
                "charityorcompanynumber",
                "registrationnumber",
                "companynumber",
                "charitynumber",
                "beneficiarycompanynumber",
            ),
            max_length=30,
        ),
        Column(
            "merchant_category",
            "Merchant category",
            ("merchantcategory", "merchantcategorycode", "mcc", "merchantcategorydescription"),
            max_length=200,
        ),
        Column(
            "is_procurement_card",
            "Procurement card",
            ("procurementcard", "procurementcardtransaction", "pcard", "purchasecard", "procurementcardflag"),
            kind="bool",
        ),
        Column("place_name", "Place", ("place", "placename", "area", "locality", "district", "town"), max_length=120),
    ),
    build=_build_spending,
    prepare=_places_by_name,
    fields=(
        "dedup_key",
        "body_name",
        "organisational_unit",
        "beneficiary_name",
        "supplier_slug",
        "supplier_id",
        "supplier_type",
        "registration_number",
        "payment_date",
        "amount",
        "irrecoverable_vat",
        "purpose",
        "transaction_number",
        "expense_type",
        "service_area",
        "merchant_category",
        "is_procurement_card",
        "place",
    ),
)


# --- Contracts ---------------------------------------------------------------------------------


def _build_contract(values: dict, context: dict) -> dict:
    if values["irrecoverable_vat"] is None:
        values["irrecoverable_vat"] = Decimal("0.00")
    if values["value"] <= 0:
        raise LineError("Value must be more than £0")
    if values["end_date"] and values["end_date"] < values["start_date"]:
        raise LineError("End date is before the start date")
    values["is_tendered"] = values.pop("is_tendered")
    # A contract's reference identifies it within the council.
    values["dedup_key"] = dedup_key(settings.COUNCIL_NAME, values["reference"])
    return values


CONTRACTS = DatasetSpec(
    dataset=Dataset.CONTRACTS,
    model=Contract,
    columns=(
        Column(
            "reference",
            "Reference",
            ("reference", "referencenumber", "contractreference", "contractref", "contractid", "contractnumber"),
            required=True,
            blank=False,
            max_length=100,
        ),
        Column(
            "title",
            "Title",
            ("title", "contracttitle", "titleofagreement", "contractname"),
            required=True,
            blank=False,
            max_length=300,
        ),
        Column(
            "department",
            "Department",
            ("department", "departmentresponsible", "organisationalunit", "directorate", "service"),
            required=True,
            blank=False,
            max_length=200,
        ),
        Column(
            "description",
            "Description",
            ("description", "descriptionofgoodsandservices", "contractdescription"),
            max_length=5000,
        ),
        Column(
            "supplier_name",
            "Supplier name",
            ("suppliername", "supplier", "contractor", "providername", "beneficiaryname"),
            required=True,
            blank=False,
        ),
        Column(
            "supplier_registration_number",
            "Supplier registration number",
            (
                "supplierregistrationnumber",
                "suppliercompanynumber",
                "companynumber",
                "charitynumber",
                "registrationnumber",
                "suppliercharityorcompanynumber",
            ),
            max_length=30,
        ),
        Column(
            "value",
            "Value",
            ("value", "valueofagreement", "contractvalue", "totalvalue", "amount"),
            kind="money",
            required=True,
            blank=False,
        ),
        Column(
            "irrecoverable_vat",
            "Irrecoverable VAT",
            ("irrecoverablevat", "irrecoverablevatamount", "nonrecoverablevat"),
            kind="money",
        ),
        Column(
            "start_date",
            "Start date",
            ("startdate", "contractstartdate", "start"),
            kind="date",
            required=True,
            blank=False,
        ),
        Column("end_date", "End date", ("enddate", "contractenddate", "end"), kind="date"),
        Column("review_date", "Review date", ("reviewdate", "contractreviewdate"), kind="date"),
        Column(
            "is_tendered",
            "Tendered",
            ("tendered", "competitivelytendered", "wastendered", "procurementtendered", "istendered"),
            kind="bool",
        ),
        Column("is_sme", "SME", ("sme", "smesupplier", "issme", "smallormediumenterprise"), kind="bool"),
        Column("is_vcse", "VCSE", ("vcse", "vcsesupplier", "isvcse", "voluntaryorcommunitysector"), kind="bool"),
    ),
    build=_build_contract,
    fields=(
        "dedup_key",
        "reference",
        "title",
        "department",
        "description",
        "supplier_name",
        "supplier_registration_number",
        "value",
        "irrecoverable_vat",
        "start_date",
        "end_date",
        "review_date",
        "is_tendered",
        "is_sme",
        "is_vcse",
    ),
)


# --- Grants ------------------------------------------------------------------------------------

_CHARITY_NUMBER = re.compile(r"^\d{6,8}(-\d{1,2})?$")
_COMPANY_NUMBER = re.compile(r"^(\d{8}|[A-Z]{2}\d{6})$")


def grant_prefix() -> str:
    """The council's registered 360Giving prefix (settings.TRANSPARENCY_360G_PREFIX)."""
    return getattr(settings, "TRANSPARENCY_360G_PREFIX", "norfolkcc")


def funder_org_id() -> str:
    """The council's own org-id (GB-LAE-… is the local authority list for England)."""
    return getattr(settings, "TRANSPARENCY_FUNDER_ORG_ID", "GB-LAE-NFK")


def organisation_identifier(*, charity_number: str, company_number: str, name: str) -> str:
    """The org-id.guide identifier 360Giving expects: GB-CHC- (Charity Commission), GB-COH- (Companies House),
    else a 360G- identifier of our own for a group with neither."""
    if charity_number:
        return f"GB-CHC-{charity_number}"
    if company_number:
        return f"GB-COH-{company_number}"
    return f"360G-{grant_prefix()}-org-{slugify(name)[:60]}"


def grant_identifier(reference: str) -> str:
    return f"360G-{grant_prefix()}-{slugify(reference)[:100] or 'grant'}"


def _build_grant(values: dict, context: dict) -> dict:
    charity = values.pop("charity_number").upper().replace(" ", "")
    company = values.pop("company_number").upper().replace(" ", "")
    if charity and not _CHARITY_NUMBER.match(charity):
        raise LineError(f"“{charity[:20]}” is not a charity number (6 to 8 digits)")
    if company.isdigit() and len(company) < 8:
        company = company.zfill(8)  # Companies House numbers lose their leading zeros in spreadsheets.
    if company and not _COMPANY_NUMBER.match(company):
        raise LineError(f"“{company[:20]}” is not a company number (8 characters)")
    if values["amount_awarded"] < 0:
        raise LineError("Amount awarded cannot be negative")
    reference = values.pop("reference")
    values["identifier"] = grant_identifier(reference)
    values["recipient_org_identifier"] = organisation_identifier(
        charity_number=charity, company_number=company, name=values["recipient_org_name"]
    )
    values["currency"] = "GBP"
    values["funding_org_identifier"] = funder_org_id()
    values["funding_org_name"] = settings.COUNCIL_NAME
    values["description"] = values["description"] or values["title"]
    values["dedup_key"] = dedup_key(values["identifier"])
    return values


GRANTS = DatasetSpec(
    dataset=Dataset.GRANTS,
    model=Grant,
    columns=(
        Column(
            "reference",
            "Grant reference",
            ("reference", "grantreference", "grantref", "identifier", "grantid", "grantnumber"),
            required=True,
            blank=False,
            max_length=100,
        ),
        Column(
            "title",
            "Title",
            ("title", "granttitle", "projecttitle", "project"),
            required=True,
            blank=False,
            max_length=300,
        ),
        Column(
            "description",
            "Description",
            ("description", "purpose", "grantpurpose", "projectdescription"),
            max_length=5000,
        ),
        Column(
            "amount_awarded",
            "Amount awarded",
            ("amountawarded", "amount", "grantamount", "value", "awardamount"),
            kind="money",
            required=True,
            blank=False,
        ),
        Column(
            "award_date",
            "Award date",
            ("awarddate", "dateawarded", "date", "grantdate"),
            kind="date",
            required=True,
            blank=False,
        ),
        Column(
            "recipient_org_name",
            "Recipient name",
            ("recipientorgname", "recipientname", "recipient", "organisationname", "beneficiaryname"),
            required=True,
            blank=False,
        ),
        Column(
            "charity_number",
            "Charity number",
            ("charitynumber", "recipientcharitynumber", "registeredcharitynumber"),
            max_length=20,
        ),
        Column("company_number", "Company number", ("companynumber", "recipientcompanynumber"), max_length=20),
        Column(
            "programme", "Grant programme", ("grantprogramme", "programme", "programmetitle", "fund"), max_length=200
        ),
    ),
    build=_build_grant,
    fields=(
        "dedup_key",
        "identifier",
        "title",
        "description",
        "currency",
        "amount_awarded",
        "award_date",
        "recipient_org_identifier",
        "recipient_org_name",
        "funding_org_identifier",
        "funding_org_name",
        "programme",
    ),
)

SPECS: dict[str, DatasetSpec] = {spec.dataset: spec for spec in (SPENDING, CONTRACTS, GRANTS)}


# --- Reading a file ----------------------------------------------------------------------------


@dataclass
class ParsedFile:
    rows: list[dict]
    errors: list[dict]  # {"line": n, "message": ...}
    row_count: int


def decode(data: bytes) -> str:
    """UTF-8 (with or without a byte-order mark); files saved by older spreadsheet programs are Windows-1252."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def parse(spec: DatasetSpec, data: bytes) -> ParsedFile:
    """Read every line; collect the rows and, for each bad line, its number (as a spreadsheet counts) and reason."""
    text = decode(data)
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t|")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text, newline=""), dialect)
    errors: list[dict] = []
    try:
        header = next(reader)
    except (StopIteration, csv.Error):
        return ParsedFile([], [{"line": 1, "message": "The file is empty: the first line must name the columns"}], 0)
    positions: dict[str, int] = {}
    by_header = {variant: column for column in spec.columns for variant in column.headers}
    for index, name in enumerate(header):
        column = by_header.get(header_key(name))
        if column is not None and column.field not in positions:
            positions[column.field] = index
    missing = [column.label for column in spec.columns if column.required and column.field not in positions]
    if missing:
        return ParsedFile(
            [],
            [{"line": 1, "message": f"The file has no column for: {', '.join(missing)}"}],
            0,
        )
    context = spec.prepare()
    rows: list[dict] = []
    row_count = 0
    line_number = 1
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            line_number = reader.line_num
            errors.append({"line": line_number, "message": f"The line cannot be read as CSV ({exc})"})
            break
        line_number = reader.line_num
        if not any(cell.strip() for cell in cells):
            continue  # blank lines (often at the end of an exported file)
        row_count += 1
        values = {}
        problems = []
        for column in spec.columns:
            position = positions.get(column.field)
            raw = cells[position] if position is not None and position < len(cells) else ""
            if "\x00" in raw:
                problems.append(f"{column.label} contains a NUL character")
                continue
            try:
                values[column.field] = column.read(raw)
            except LineError as exc:
                problems.append(str(exc))
        if not problems:
            try:
                rows.append(spec.build(values, context))
            except LineError as exc:
                problems.append(str(exc))
        if problems:
            errors.append({"line": line_number, "message": "; ".join(problems)})
    if row_count == 0 and not errors:
        errors.append({"line": 2, "message": "The file has a header line but no rows"})
    return ParsedFile(rows, errors, row_count)


# --- Loading -----------------------------------------------------------------------------------


def _copy_value(value) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return "t" if value else "f"
    return str(value)


def copy_rows(model: type[models.Model], fields: Sequence[str], rows: Iterable[Sequence]) -> int:
    """Load rows with COPY through a temporary staging table, skipping rows whose key is already there.

    Returns the number of rows inserted. Run inside a transaction (the staging table drops on commit).
    """
    table = model._meta.db_table
    columns = [model._meta.get_field(name).column for name in fields]
    column_list = ", ".join(f'"{column}"' for column in columns)
    staging = f"{table}_staging"
    # Table and column names come from the model, never from the file.
    create_sql = (
        f'CREATE TEMPORARY TABLE "{staging}" ON COMMIT DROP '  # noqa: S608
        f'AS SELECT {column_list} FROM "{table}" WITH NO DATA'
    )
    copy_sql = f"COPY \"{staging}\" ({column_list}) FROM STDIN WITH (FORMAT csv, NULL '\\N')"
    insert_sql = (
        f'INSERT INTO "{table}" ({column_list}) SELECT {column_list} FROM "{staging}" '  # noqa: S608
        "ON CONFLICT (dedup_key) DO NOTHING"
    )
    with connection.cursor() as cursor:
        cursor.execute(f'DROP TABLE IF EXISTS "{staging}"')
        cursor.execute(create_sql)
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        for number, row in enumerate(rows, start=1):
            writer.writerow(["\\N" if v is None else v for v in (_copy_value(v) for v in row)])
            if number % 20000 == 0:
                buffer.seek(0)
                cursor.copy_expert(copy_sql, buffer)
                buffer = io.StringIO()
                writer = csv.writer(buffer)
        buffer.seek(0)
        cursor.copy_expert(copy_sql, buffer)
        cursor.execute(insert_sql)
        inserted = cursor.rowcount
        cursor.execute(f'DROP TABLE "{staging}"')
    return inserted
