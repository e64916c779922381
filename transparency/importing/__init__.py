"""One import mechanism for spending, contracts and grants.

Each dataset is a small `DatasetSpec`: its columns (with the header variants real council files use),
how a line becomes a row, and the row's de-duplication key. `parse` reads the whole file first and
reports every bad line with its number and reason; only a file without errors is loaded, with COPY into a
temporary staging table and one INSERT … ON CONFLICT DO NOTHING, so that a failed import changes nothing
and importing the same or overlapping rows again creates no duplicates.

The parts: `specifications` (the datasets), `reader` (values, columns and the file read line by line) and
`loader` (COPY and de-duplication). The names other modules use are here.
"""

from transparency.importing.loader import copy_rows
from transparency.importing.reader import (
    MAX_ERRORS_KEPT,
    Column,
    DatasetSpec,
    LineError,
    ParsedFile,
    decode,
    parse,
    parse_bool,
    parse_date,
    parse_money,
)
from transparency.importing.specifications import SPECS, dedup_key, supplier_slug

__all__ = [
    "MAX_ERRORS_KEPT",
    "SPECS",
    "Column",
    "DatasetSpec",
    "LineError",
    "ParsedFile",
    "copy_rows",
    "decode",
    "dedup_key",
    "parse",
    "parse_bool",
    "parse_date",
    "parse_money",
    "supplier_slug",
]
