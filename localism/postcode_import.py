"""Postcode positions (and their district, division, ward and parish) from a CSV, on the one import framework.

Reads the shipped Norfolk file, the ONS Postcode Directory or OS Code-Point Open converted to latitude and
longitude, with `localism.imports.read_csv`: all or nothing, every bad line reported, each import an
ImportBatch. A postcode already known is updated, so the same file (or next quarter's) is read again whenever
it is imported. Postcodes with no position (the ONS marks them 99.999999), and a postcode a file names twice
after the first time, are skipped.
"""

from __future__ import annotations

import csv
import io

from django.db import connection

from localism.imports import Column, CsvSpec, Importer, LineError, Loaded, Parsed, csv_reader
from localism.postcodes import normalise_postcode

NO_POSITION = 99.999999  # the ONS marker for a postcode with no grid reference
AREAS = ("district_code", "division_code", "ward_code", "parish_code")

COLUMNS = CsvSpec(
    columns=(
        Column("postcode", "Postcode", ("pcds", "pcd", "pcd7", "pcd8"), required=True, blank=False),
        Column("latitude", "Latitude", ("lat",), kind="number", required=True, blank=False),
        Column("longitude", "Longitude", ("long", "lng"), kind="number", required=True, blank=False),
        # The ONS Postcode Directory's district, county electoral division, ward and parish (or our own names).
        Column("district_code", "District code", ("laua", "oslaua", "lad25cd", "lad24cd", "lad23cd")),
        Column("division_code", "Division code", ("ced",)),
        Column("ward_code", "Ward code", ("osward",)),
        Column("parish_code", "Parish code", ("parish",)),
    ),
    build=lambda values, context: _row(values),
    encodings=("utf-8-sig",),
    sniff_delimiter=False,
)


def _row(values: dict) -> tuple | None:
    """(postcode, latitude, longitude, district, division, ward, parish), or None for a postcode with no position."""
    postcode = normalise_postcode(values["postcode"])
    if postcode is None:
        raise LineError(f"{values['postcode'][:20]!r} is not a UK postcode.")
    latitude, longitude = values["latitude"], values["longitude"]
    if latitude == NO_POSITION:
        return None
    if not (49 <= latitude <= 61 and -9 <= longitude <= 2.1):
        raise LineError(f"{postcode} is not in the UK ({latitude}, {longitude}).")
    return (postcode, latitude, longitude, *(values[area][:9] for area in AREAS))


def _load(parsed: Parsed, batch) -> Loaded:
    """Insert new postcodes and update known ones, in one COPY and one INSERT … ON CONFLICT."""
    first: dict[str, tuple] = {}
    for row in parsed.rows:
        if row is not None:
            first.setdefault(row[0], row)
    rows = list(first.values())
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    buffer.seek(0)
    with connection.cursor() as cursor:
        # Dropped at commit; a second import in the same transaction (a test, a script) starts afresh.
        cursor.execute("DROP TABLE IF EXISTS pg_temp.postcode_load")
        cursor.execute(
            "CREATE TEMPORARY TABLE postcode_load (postcode varchar(8), latitude double precision, "
            "longitude double precision, district_code varchar(9), division_code varchar(9), "
            "ward_code varchar(9), parish_code varchar(9)) ON COMMIT DROP"
        )
        cursor.copy_expert("COPY postcode_load FROM STDIN WITH (FORMAT csv)", buffer)
        cursor.execute("SELECT count(*) FROM postcode_load JOIN localism_postcode USING (postcode)")
        known = cursor.fetchone()[0]
        cursor.execute(
            "INSERT INTO localism_postcode (postcode, latitude, longitude, district_code, division_code, "
            "ward_code, parish_code) "
            "SELECT postcode, latitude, longitude, coalesce(district_code, ''), coalesce(division_code, ''), "
            "coalesce(ward_code, ''), coalesce(parish_code, '') "
            "FROM postcode_load "
            "ON CONFLICT (postcode) DO UPDATE SET latitude = EXCLUDED.latitude, "
            "longitude = EXCLUDED.longitude, district_code = EXCLUDED.district_code, "
            "division_code = EXCLUDED.division_code, ward_code = EXCLUDED.ward_code, "
            "parish_code = EXCLUDED.parish_code"
        )
    return Loaded(created=len(rows) - known, existing=known, details={"skipped": parsed.row_count - len(rows)})


POSTCODES = Importer(
    dataset="postcodes",
    label="Postcode positions (ONS Postcode Directory, Code-Point Open)",
    read=csv_reader(COLUMNS),
    load=_load,
    permission="localism.add_postcode",
    audit_completed="localism.postcodes.imported",
    audit_failed="localism.postcodes.import_failed",
    noun="postcode",
    existing="known before (updated)",
    # Next quarter's file, or the same one again, updates the postcodes it names.
    is_repeatable=True,
    # The whole country's file is large: read on the server by `manage.py import_postcodes`.
    is_uploaded=False,
    spec=COLUMNS,
    max_bytes=2 * 1024 * 1024 * 1024,
    order=90,
)
