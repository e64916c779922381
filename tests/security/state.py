"""The whole database as one fingerprint per table, so a test can prove that a refused request changed nothing."""

from django.apps import apps
from django.db import connection

# Sessions change when someone signs in, which the tests do before they take the first fingerprint.
IGNORED_TABLES = {"django_session"}


def _tables() -> list[str]:
    models = apps.get_models(include_auto_created=True)
    return sorted({m._meta.db_table for m in models if m._meta.managed and not m._meta.proxy} - IGNORED_TABLES)


def table_digests() -> dict[str, str]:
    """An md5 of every row of every table (one query): equal digests mean no row was added, changed or removed."""
    quote = connection.ops.quote_name
    parts = [
        f"SELECT %s, md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) FROM {quote(table)} AS t"  # noqa: S608 (the models' own table names, quoted)
        for table in _tables()
    ]
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(parts), _tables())
        return dict(cursor.fetchall())


def changes_since(before: dict[str, str]) -> tuple[list[str], dict[str, str]]:
    """The tables that changed, and the fingerprint now (to compare the next request with)."""
    after = table_digests()
    return sorted(table for table in after if after[table] != before.get(table)), after


def changed_tables(before: dict[str, str]) -> list[str]:
    return changes_since(before)[0]
