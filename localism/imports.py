"""One import framework for every file staff load: spending, contracts and grants, listings, ORUK feeds.

An `Importer` (registered from its app's hooks.py) says how a file is read and checked (`read`: every
problem is reported, with its line number or its record's id, and nothing is written) and how checked rows
are stored (`load`, run in one transaction). `dataset_import` (localism.services) runs any of them the same
way: the file's checksum (the same file imports once, unless the importer reads a feed again to update), an
`ImportBatch` with its counts and each line's errors, and an audit entry. Staff in the admin and the
management commands get the same report from the batch.

Most imports are CSV files: a `CsvSpec` declares the columns (the header names each goes by, how a value is
read and checked) and how a checked line becomes a row; `read_csv` reads any such file, whatever it holds
(another encoding, a binary file, no header, extra columns, a huge field), into rows or errors by line.
"""

from __future__ import annotations

import codecs
import csv
import datetime
import io
import math
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import connection, models

from localism.env import yes_or_no
from localism.registry import Registry

MAX_ERRORS_KEPT = 500
MAX_MONEY = Decimal("999999999999.99")


class LineError(ValueError):
    """A value on a line (or a record) that cannot be read (the message is shown to staff)."""


class FileRefusedError(Exception):
    """A whole file cannot be read (each problem is {"line"|"record", "message"} or {"message"})."""

    def __init__(self, errors: list[dict]):
        super().__init__("; ".join(error["message"] for error in errors))
        self.errors = errors


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


def parse_bool(text: str) -> bool:
    value = yes_or_no(text)
    if value is None:
        raise LineError(f"“{text.strip()[:40]}” should be Yes or No")
    return value


@dataclass(frozen=True)
class Column:
    """A column of a file: the row field, the header names it goes by, and how a value is read and checked."""

    field: str
    label: str
    headers: tuple[str, ...] = ()  # compared as header_key(); the field's own name always counts
    # text, lines (text keeping its line breaks), money, date, bool, whole (a whole number), number (a decimal one)
    kind: str = "text"
    required: bool = False  # the column must be in the file
    blank: bool = True  # a line may leave it empty
    max_length: int | None = 255
    minimum: int | None = None  # for whole numbers
    maximum: int | None = None
    default: object = None  # the value of an empty cell (else each kind's own empty value)

    def read(self, text: str):
        value = (text or "").strip()
        if not value:
            if not self.blank:
                raise LineError(f"{self.label} is missing")
            if self.default is not None:
                return self.default
            return {"money": None, "date": None, "bool": False, "whole": None, "number": None}.get(self.kind, "")
        if self.kind == "money":
            return parse_money(value)
        if self.kind == "date":
            return parse_date(value)
        if self.kind == "bool":
            return parse_bool(value)
        if self.kind == "whole":
            return self._whole(value)
        if self.kind == "number":
            return self._number(value)
        if self.kind != "lines":
            value = " ".join(value.split())
        if self.max_length is not None and len(value) > self.max_length:
            raise LineError(f"{self.label} is longer than {self.max_length} characters")
        return value

    def _whole(self, value: str) -> int:
        number = self._number_as(int, value, "a whole number")
        low, high = self.minimum, self.maximum
        if (low is not None and number < low) or (high is not None and number > high):
            raise LineError(f"{self.label} must be between {low} and {high}")
        return number

    def _number(self, value: str) -> float:
        return self._number_as(float, value, "a number, like 52.6")

    def _number_as(self, kind: type[int] | type[float], value: str, wanted: str):
        """The value read as a whole number (`int`) or a decimal one (`float`); else the line's error says what
        the column must hold. Infinity and not-a-number are not numbers here."""
        try:
            number = kind(value)
        except ValueError:
            number = None
        if number is None or not math.isfinite(number):
            raise LineError(f"{self.label} must be {wanted}")
        return number

    @property
    def header_keys(self) -> tuple[str, ...]:
        return (header_key(self.field), *(header_key(header) for header in self.headers))


def column_table(table: str) -> tuple[Column, ...]:
    """Columns from a table, one line a column: field | label | kind | rule | longest, and on the lines below it
    (without a bar) the other header names the column goes by in council files.

    The rule is `needed` (the file has the column and every line a value in it), `in file` (the file has the
    column), or `-`; longest is the most characters a text value may have (`-`: no limit but the model's).
    """
    columns: list[dict] = []
    for line in table.strip().splitlines():
        if "|" not in line:
            columns[-1]["headers"] += tuple(line.split())
            continue
        field, label, kind, rule, longest = (cell.strip() for cell in line.split("|"))
        assert rule in ("needed", "in file", "-"), line
        columns.append(
            {
                "field": field,
                "label": label,
                "kind": kind,
                "required": rule != "-",
                "blank": rule != "needed",
                "max_length": None if longest == "-" else int(longest),
                "headers": (),
            }
        )
    return tuple(Column(**column) for column in columns)


@dataclass(frozen=True)
class CsvSpec:
    """What a CSV file must hold and how each line becomes a row."""

    columns: tuple[Column, ...]
    # The read values of a line -> the row to store (checks across fields raise LineError), given what
    # `prepare` looked up once for the whole file from every line's values.
    build: Callable[[dict, dict], object]
    prepare: Callable[[list[dict]], dict] = lambda values: {}
    # Columns of which at least one must be in the file (an organisation's id or its name).
    one_of: tuple[tuple[str, ...], ...] = ()
    # Encodings tried in turn (see decode).
    encodings: tuple[str, ...] = ("utf-8-sig", "cp1252")
    sniff_delimiter: bool = True
    max_bytes: int | None = None
    max_rows: int | None = None

    def header(self) -> list[str]:
        return [column.field for column in self.columns]


@dataclass
class Parsed:
    """A file read and checked: the rows to store, or what is wrong with it."""

    rows: list
    errors: list[dict]  # {"line": n, "message": ...} or {"record": "service …", "message": ...}
    row_count: int


def _refuse(message: str, line: int | None = None) -> FileRefusedError:
    return FileRefusedError([{"line": line, "message": message} if line else {"message": message}])


def decode(data: bytes, encodings: Sequence[str] = ("utf-8-sig", "cp1252")) -> str:
    """The file as text: UTF-8 (with or without a byte-order mark), else the next encoding that reads it (a last
    single-byte encoding, as older spreadsheet programs write, reads anything: a byte it lacks becomes �).
    A spreadsheet's "Unicode text" is UTF-16 with a byte-order mark, and is read as such."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            pass
    for encoding in encodings:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    if not encodings[-1].lower().startswith("utf"):
        return data.decode(encodings[-1], errors="replace")
    raise _refuse("The file is not UTF-8 text: save it as “CSV UTF-8” and try again.")


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f]")
_CONTROL_RUN = re.compile(r"[\x00-\x08\x0b\x0e-\x1f]{4,}")


def _looks_binary(sample: str) -> bool:
    """A program, an image or a spreadsheet's own format rather than text: control characters in the first line,
    or a run of them anywhere near the start (a stray NUL in a line of text is that line's error instead)."""
    return bool(_CONTROL.search(sample.split("\n", 1)[0]) or _CONTROL_RUN.search(sample))


def read_csv(spec: CsvSpec, data: bytes) -> Parsed:
    """Read every line; collect the rows and, for each bad line, its number (as a spreadsheet counts) and reason."""
    try:
        return _read_csv(spec, data)
    except FileRefusedError as refused:
        return Parsed([], refused.errors, 0)


def _read_csv(spec: CsvSpec, data: bytes) -> Parsed:
    if spec.max_bytes is not None and len(data) > spec.max_bytes:
        raise _refuse(f"The file is bigger than {spec.max_bytes // (1024 * 1024)} MB: split it into smaller files.")
    text = decode(data, spec.encodings)
    if not text.strip():
        raise _refuse("The file is empty: the first line must name the columns", line=1)
    if _looks_binary(text[:4096]):
        raise _refuse("The file is not a CSV file: it holds binary data, not text. Export it as CSV and try again.")
    dialect = csv.excel
    if spec.sniff_delimiter:
        try:
            dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t|")
        except csv.Error:
            dialect = csv.excel
    reader = csv.reader(io.StringIO(text, newline=""), dialect)
    try:
        header = next(reader)
    except (StopIteration, csv.Error):
        raise _refuse("The file is empty: the first line must name the columns", line=1) from None
    positions = _positions(spec, header)
    missing = [column.label for column in spec.columns if column.required and column.field not in positions]
    missing += [" or ".join(group) for group in spec.one_of if not any(name in positions for name in group)]
    if missing:
        raise _refuse(f"The file has no column for: {', '.join(missing)}", line=1)

    errors: list[dict] = []
    lines: list[tuple[int, dict]] = []
    row_count, previous = 0, reader.line_num
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            errors.append({"line": previous + 1, "message": f"The line cannot be read as CSV ({exc})"})
            break
        line_number, previous = previous + 1, reader.line_num
        if not any(cell.strip() for cell in cells):
            continue  # blank lines (often at the end of an exported file)
        row_count += 1
        if spec.max_rows is not None and row_count > spec.max_rows:
            raise _refuse(f"The file has more than {spec.max_rows:,} rows: split it into smaller files.")
        if any("\x00" in cell for cell in cells):
            errors.append({"line": line_number, "message": "contains NUL characters: save the file again as CSV"})
            continue
        values, problems = {}, []
        for column in spec.columns:
            position = positions.get(column.field)
            raw = cells[position] if position is not None and position < len(cells) else ""
            try:
                values[column.field] = column.read(raw)
            except LineError as exc:
                problems.append(str(exc))
        if problems:
            errors.append({"line": line_number, "message": "; ".join(problems)})
        else:
            lines.append((line_number, values))
    if row_count == 0 and not errors:
        raise _refuse("The file has a header line but no rows", line=2)
    context = spec.prepare([values for _, values in lines])
    rows = []
    for line_number, values in lines:
        try:
            rows.append(spec.build(values, context))
        except LineError as exc:
            errors.append({"line": line_number, "message": str(exc)})
    errors.sort(key=lambda error: error["line"])
    return Parsed(rows, errors, row_count)


def _positions(spec: CsvSpec, header: list[str]) -> dict[str, int]:
    by_header = {variant: column for column in spec.columns for variant in column.header_keys}
    positions: dict[str, int] = {}
    for index, name in enumerate(header):
        column = by_header.get(header_key(name))
        if column is not None and column.field not in positions:
            positions[column.field] = index
    return positions


# --- Loading many rows at once -----------------------------------------------------------------


def _copy_value(value) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return "t" if value else "f"
    return str(value)


def copy_rows(model: type[models.Model], fields: Sequence[str], rows: Iterable[Sequence]) -> int:
    """Load rows with COPY through a temporary staging table, skipping rows whose dedup_key is already there.

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


# --- Importers ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Loaded:
    """What storing the rows did: new rows, rows already there (skipped or updated), and details for the audit."""

    created: int
    existing: int = 0
    details: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Importer:
    """One kind of file staff import."""

    dataset: str  # stored on each batch
    label: str  # what staff choose in the admin ("Spending over £500")
    # Reads and checks the file (given its name; and, with `reads_as_person`, the person importing, None on the
    # server's command line); writes nothing.
    read: Callable[..., Parsed]
    load: Callable[[Parsed, object], Loaded]  # stores the rows of a good file, given its ImportBatch
    permission: str  # the rule staff need (asked with has_perm)
    audit_completed: str  # audit action codes, labelled in the app's hooks.py
    audit_failed: str
    noun: str = "row"  # in the singular: "Imported x.csv: 1 new listing, 3 new listings, …"
    existing: str = "already published"  # "…, 2 already published": what became of rows there before
    is_repeatable: bool = False  # True: the same file again is read again (a feed that updates what it made)
    is_uploaded: bool = True  # offered in the admin's upload form
    # True: `read(data, name, by)`, for files whose lines the person may or may not import (a council's staff
    # import only their own council's figures): a line they may not is a bad line like any other.
    reads_as_person: bool = False
    spec: CsvSpec | None = None  # the columns, for a CSV file
    help: str = ""  # shown to staff beside the upload form
    max_bytes: int = 20 * 1024 * 1024
    order: int = 100


IMPORTERS: Registry[Importer] = Registry("importers")


def register_importer(importer: Importer) -> None:
    IMPORTERS.add(importer.dataset, importer)


def importer_label(dataset: str) -> str:
    importer = IMPORTERS.get(dataset)
    return importer.label if importer is not None else dataset


def csv_reader(spec: CsvSpec) -> Callable[[bytes, str], Parsed]:
    """An importer's `read` for a CSV file of that shape."""

    def read(data: bytes, name: str) -> Parsed:
        return read_csv(spec, data)

    return read
