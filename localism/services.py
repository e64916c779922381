"""Writes to what every app shares: postcodes."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import connection, transaction

from localism.postcodes import normalise_postcode

# Column names seen in the files councils download, mapped to ours.
_COLUMNS = {
    "postcode": ("postcode", "pcds", "pcd", "pcd7", "pcd8"),
    "latitude": ("latitude", "lat"),
    "longitude": ("longitude", "long", "lng"),
    "district_code": ("district_code", "laua", "oslaua", "lad25cd", "lad24cd", "lad23cd"),
}


@dataclass
class PostcodeImportResult:
    imported: int
    skipped: int
    errors: list[str]


class PostcodeImportError(Exception):
    def __init__(self, errors: list[str]):
        super().__init__(f"{len(errors)} bad line(s)")
        self.errors = errors


def _find_columns(header: list[str]) -> dict[str, int]:
    lowered = [name.strip().lower().lstrip("\ufeff") for name in header]
    found = {}
    for ours, variants in _COLUMNS.items():
        for variant in variants:
            if variant in lowered:
                found[ours] = lowered.index(variant)
                break
    missing = [name for name in ("postcode", "latitude", "longitude") if name not in found]
    if missing:
        raise PostcodeImportError([f"Line 1: the header has no {', '.join(missing)} column."])
    return found


def _parse(lines: Iterable[str]) -> tuple[list[tuple[str, float, float, str]], int]:
    reader = csv.reader(lines)
    try:
        header = next(reader)
    except StopIteration:
        raise PostcodeImportError(["The file is empty."]) from None
    columns = _find_columns(header)
    rows, errors, skipped, seen = [], [], 0, set()
    for line_number, record in enumerate(reader, start=2):
        if not any(field.strip() for field in record):
            continue
        try:
            raw = record[columns["postcode"]]
            latitude = float(record[columns["latitude"]])
            longitude = float(record[columns["longitude"]])
            district = record[columns["district_code"]].strip() if "district_code" in columns else ""
        except (IndexError, ValueError):
            errors.append(f"Line {line_number}: expected a postcode, a latitude and a longitude.")
            continue
        postcode = normalise_postcode(raw)
        if postcode is None:
            errors.append(f"Line {line_number}: {raw[:20]!r} is not a UK postcode.")
            continue
        if latitude == 99.999999:  # the ONS marker for a postcode with no grid reference
            skipped += 1
            continue
        if not (49 <= latitude <= 61 and -9 <= longitude <= 2.1):
            errors.append(f"Line {line_number}: {postcode} is not in the UK ({latitude}, {longitude}).")
            continue
        if postcode in seen:
            skipped += 1
            continue
        seen.add(postcode)
        rows.append((postcode, latitude, longitude, district[:9]))
    if errors:
        raise PostcodeImportError(errors)
    return rows, skipped


@transaction.atomic
def postcodes_import(*, lines: Iterable[str]) -> PostcodeImportResult:
    """Load or update postcodes from a CSV; all or nothing, every bad line reported."""
    rows, skipped = _parse(lines)
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerows(rows)
    buffer.seek(0)
    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE TEMPORARY TABLE postcode_load (postcode varchar(8), latitude double precision, "
            "longitude double precision, district_code varchar(9)) ON COMMIT DROP"
        )
        cursor.copy_expert("COPY postcode_load FROM STDIN WITH (FORMAT csv)", buffer)
        cursor.execute(
            "INSERT INTO localism_postcode (postcode, latitude, longitude, district_code) "
            "SELECT postcode, latitude, longitude, district_code FROM postcode_load "
            "ON CONFLICT (postcode) DO UPDATE SET latitude = EXCLUDED.latitude, "
            "longitude = EXCLUDED.longitude, district_code = EXCLUDED.district_code"
        )
    return PostcodeImportResult(imported=len(rows), skipped=skipped, errors=[])
