"""The test database put back to a known state after a transactional test, quickly.

Django ends a transactional test (`django_db(transaction=True)`: the browser tests' live server, the real Celery
worker's tests) by flushing: it truncates every table, makes the content types and permissions again, and loses the
rows the data migrations made (councils, places, the petitions scheme), which later tests then had to load again.
Instead each test worker copies the rows of every table once, after migrating (`Snapshot.take`), and a transactional
test ends by putting back only the tables it changed (`Snapshot.restore`): every test starts from the database as
migrated, with the same primary keys.

A module whose tests read a large data set (the demo content of the accessibility crawl) builds it once per test
worker, and its tests end by restoring that instead (`SharedData`).
"""

from __future__ import annotations

import functools
import io
import shutil
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from django.db import connection, transaction
from django.test import TransactionTestCase


def _quoted(table: str) -> str:
    """A table name from Django's introspection, quoted: the only text put into these statements."""
    return connection.ops.quote_name(table)


def _fingerprints(cursor) -> dict[str, tuple[int, int]]:
    """Each table's row count and the sum of its rows' creating transaction ids.

    Any write since the fingerprint changes one of the two: an insert or a delete changes the count, and a row
    inserted or updated later has a larger transaction id than any row it replaces.
    """
    # The tables Django's flush empties: every model's, views aside.
    tables = connection.introspection.django_table_names(only_existing=True, include_views=False)
    cursor.execute(
        " UNION ALL ".join(
            f"SELECT %s, count(*), coalesce(sum(xmin::text::bigint), 0) FROM {_quoted(table)}"  # noqa: S608
            for table in tables
        ),
        tables,
    )
    return {table: (count, int(xids)) for table, count, xids in cursor.fetchall()}


class Snapshot:
    """The rows of the test database's tables (COPY's text of each table that has any), and their fingerprints."""

    # What each transactional test ends by restoring: the migrated database, or a module's data set.
    current: Snapshot | None = None

    def __init__(self):
        self.rows: dict[str, bytes] = {}
        self.fingerprints: dict[str, tuple[int, int]] = {}

    @classmethod
    def take(cls) -> Snapshot:
        snapshot = cls()
        with transaction.atomic(), connection.cursor() as cursor:
            snapshot.fingerprints = _fingerprints(cursor)
            for table, (count, _) in snapshot.fingerprints.items():
                if count:
                    buffer = io.BytesIO()
                    cursor.cursor.copy_expert(f"COPY {_quoted(table)} TO STDOUT", buffer)
                    snapshot.rows[table] = buffer.getvalue()
        return snapshot

    def restore(self) -> None:
        """Put the rows of every table changed since the snapshot (or since its last restore) back as they were.

        Foreign keys are not checked while it runs (session_replication_role = replica, which a superuser may set;
        else they are checked at commit): the rows go back whole, whatever the order of the tables. Sequences are
        left as they are, as flush leaves them, so a new row never takes a key of the snapshot's.
        """
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(_foreign_keys_unchecked())
            now = _fingerprints(cursor)
            changed = [table for table in now if now[table] != self.fingerprints.get(table)]
            for table in changed:
                cursor.execute(f"DELETE FROM {_quoted(table)}")  # noqa: S608
                if table in self.rows:
                    cursor.cursor.copy_expert(f"COPY {_quoted(table)} FROM STDIN", io.BytesIO(self.rows[table]))
            if changed:
                self.fingerprints = _fingerprints(cursor)


@functools.cache
def _foreign_keys_unchecked() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
        (superuser,) = cursor.fetchone()
    return "SET LOCAL session_replication_role = replica" if superuser else "SET CONSTRAINTS ALL DEFERRED"


_django_fixture_teardown = TransactionTestCase._fixture_teardown


def _restore_instead_of_flush(test_case: TransactionTestCase) -> None:
    """A transactional test's teardown while a snapshot is current (Django's flush for the rare other kinds)."""
    if Snapshot.current is None or test_case.available_apps is not None or test_case.serialized_rollback:
        _django_fixture_teardown(test_case)
    else:
        Snapshot.current.restore()


def end_transactional_tests_by_restoring(snapshot: Snapshot | None) -> None:
    """From now on a transactional test ends by restoring `snapshot` instead of flushing the database."""
    TransactionTestCase._fixture_teardown = _restore_instead_of_flush
    Snapshot.current = snapshot


class SharedData:
    """Data a module's tests read, built once per test worker: `in_use` is for a module-scoped fixture.

    On the first use `build(media_root)` writes it (media files in a folder of their own, copied to each test's
    MEDIA_ROOT by `copy_media`) and a snapshot is taken; a later module restores the snapshot instead. While in use,
    each transactional test ends by restoring it; afterwards the snapshot before it is restored.
    """

    def __init__(self, build: Callable[[Path], object]):
        self.build = build
        self.snapshot: Snapshot | None = None
        self.media_root: Path | None = None
        self.value: object = None

    @contextmanager
    def in_use(self, django_db_blocker, tmp_path_factory) -> Iterator[object]:
        before = Snapshot.current
        with django_db_blocker.unblock():
            if self.snapshot is None:
                self.media_root = tmp_path_factory.mktemp("shared-media")
                self.value = self.build(self.media_root)
                self.snapshot = Snapshot.take()
            else:
                self.snapshot.restore()
        Snapshot.current = self.snapshot
        try:
            yield self.value
        finally:
            Snapshot.current = before
            if before is not None:
                with django_db_blocker.unblock():
                    before.restore()

    def copy_media(self, media_root: Path) -> None:
        shutil.copytree(self.media_root, media_root, dirs_exist_ok=True)
