"""Loading checked rows: COPY into a temporary staging table, then one INSERT … ON CONFLICT DO NOTHING."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence

from django.db import connection, models

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
