"""Reading an import file: the values council files hold, the columns a dataset is read by, and the
whole file read line by line, each bad line reported with its number and reason."""

from __future__ import annotations

import csv
import datetime
import io
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import models

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
