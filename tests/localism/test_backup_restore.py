"""Backup and restore: `pg_dump --format=custom` of a database holding the demo content, restored with
`pg_restore` into a fresh database, gives back every table row for row, every sequence and every index.

The commands are the ones the README gives under "Backup and restore". The two databases are named
after this run's test database, so parallel runs (and xdist workers) never share them.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from contextlib import closing
from pathlib import Path
from urllib.parse import quote

import psycopg2
import pytest
from django.conf import settings
from django.db import connection
from django.urls import reverse
from psycopg2 import sql

from tests.services import _require as require_service

PROJECT_DIR = Path(settings.BASE_DIR)


def _server() -> dict:
    """How to reach the PostgreSQL server the tests use (host, port, user, password)."""
    config = connection.settings_dict
    return {
        "host": config["HOST"] or "",
        "port": str(config["PORT"] or ""),
        "user": config["USER"] or "",
        "password": config["PASSWORD"] or "",
    }


def _database_url(server: dict, name: str) -> str:
    credentials = quote(server["user"], safe="") + (
        f":{quote(server['password'], safe='')}" if server["password"] else ""
    )
    if server["host"].startswith(reverse("localism:home")):  # a Unix socket directory (the embedded server)
        return f"postgres://{credentials}@/{name}?host={quote(server['host'], safe='')}"
    port = f":{server['port']}" if server["port"] else ""
    return f"postgres://{credentials}@{server['host']}{port}/{name}"


def _client_env(server: dict) -> dict:
    """The environment for PostgreSQL's command-line clients (libpq reads PG*)."""
    env = dict(os.environ)
    for key, value in (("PGHOST", "host"), ("PGPORT", "port"), ("PGUSER", "user"), ("PGPASSWORD", "password")):
        if server[value]:
            env[key] = server[value]
    return env


def _connect(server: dict, name: str):
    return psycopg2.connect(dbname=name, **{key: value for key, value in server.items() if value})


def _run(command: list[str], env: dict) -> None:
    result = subprocess.run(command, env=env, cwd=PROJECT_DIR, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, f"{' '.join(command)} failed ({result.returncode}):\n{result.stderr[-4000:]}"


class DatabaseAdmin:
    """An autocommit connection for creating and dropping the backup's databases."""

    def __init__(self, server: dict, maintenance_db: str):
        self.connection = _connect(server, maintenance_db)
        self.connection.autocommit = True

    def recreate(self, name: str) -> None:
        self.drop(name)
        with self.connection.cursor() as cursor:
            cursor.execute(sql.SQL("CREATE DATABASE {} TEMPLATE template0").format(sql.Identifier(name)))

    def drop(self, name: str) -> None:
        with self.connection.cursor() as cursor:
            cursor.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(name)))


def _without_condition(index_definition: str) -> str:
    columns, where, _ = index_definition.partition(" WHERE ")
    return columns + (" WHERE (condition)" if where else "")


def snapshot(server: dict, name: str) -> dict:
    """Every table's row count and a checksum of its rows; every sequence's position; every index and constraint."""
    tables = {}
    with closing(_connect(server, name)) as db, db.cursor() as cursor:
        cursor.execute(
            "SELECT schemaname, tablename FROM pg_tables "
            "WHERE schemaname NOT IN ('pg_catalog', 'information_schema') ORDER BY 1, 2"
        )
        for schema, table in cursor.fetchall():
            cursor.execute(
                sql.SQL(
                    "SELECT count(*), md5(coalesce(string_agg(t::text, ',' ORDER BY t::text), '')) FROM {} t"
                ).format(sql.Identifier(schema, table))
            )
            tables[f"{schema}.{table}"] = cursor.fetchone()
        cursor.execute("SELECT schemaname, sequencename, last_value FROM pg_sequences ORDER BY 1, 2")
        sequences = {f"{schema}.{sequence}": value for schema, sequence, value in cursor.fetchall()}
        # PostgreSQL deparses a restored CHECK or partial-index condition in other words (`= ANY (ARRAY[..])::text[]`
        # comes back as `= ANY (ARRAY[..::text])`), so those conditions are compared by their presence only.
        cursor.execute(
            "SELECT schemaname, indexname, indexdef FROM pg_indexes "
            "WHERE schemaname NOT IN ('pg_catalog', 'information_schema') ORDER BY 1, 2"
        )
        indexes = {
            f"{schema}.{index}": _without_condition(definition) for schema, index, definition in cursor.fetchall()
        }
        cursor.execute(
            "SELECT conrelid::regclass::text, conname, contype, pg_get_constraintdef(oid) FROM pg_constraint "
            "WHERE connamespace NOT IN ('pg_catalog'::regnamespace, 'information_schema'::regnamespace) ORDER BY 1, 2"
        )
        constraints = {
            f"{table}.{name}": "CHECK (condition)" if kind == "c" else definition
            for table, name, kind, definition in cursor.fetchall()
        }
        cursor.execute("SELECT extname, extversion FROM pg_extension ORDER BY 1")
        extensions = dict(cursor.fetchall())
    return {
        "tables": tables,
        "sequences": sequences,
        "indexes": indexes,
        "constraints": constraints,
        "extensions": extensions,
    }


def _differences(source: dict, restored: dict) -> dict:
    return {
        part: {
            key: {"backed up": source[part].get(key), "restored": restored[part].get(key)}
            for key in sorted(source[part].keys() | restored[part].keys())
            if source[part].get(key) != restored[part].get(key)
        }
        for part in source
        if source[part] != restored[part]
    }


@pytest.mark.long
def test_pg_dump_and_pg_restore_round_trip_the_demo_data_exactly(db, tmp_path):
    for tool in ("pg_dump", "pg_restore"):
        if shutil.which(tool) is None:
            require_service(
                f"{tool} is not installed (apt-get install postgresql-client), so backups cannot be tested"
            )
    server = _server()
    # Named after this run's test database (test_<name>, with the xdist worker's suffix).
    base = connection.settings_dict["NAME"].removeprefix("test_")
    source, restored = f"{base}_backup_source", f"{base}_backup_restored"
    admin = DatabaseAdmin(server, connection.settings_dict["NAME"])
    dump = tmp_path / "localism.dump"
    env = _client_env(server)
    try:
        admin.recreate(source)
        admin.recreate(restored)
        # The demo content, made the way `make run` makes it, in a database of its own.
        portal_env = env | {
            "DATABASE_URL": _database_url(server, source),
            "DATA_DIR": str(tmp_path / "data"),
            "MEDIA_ROOT": str(tmp_path / "media"),
        }
        for command in (["migrate", "--noinput"], ["createcachetable"], ["seed_demo", "--allow-production"]):
            _run([sys.executable, "manage.py", *command], portal_env)

        _run(["pg_dump", "--format=custom", f"--file={dump}", f"--dbname={source}"], env)
        _run(
            [
                "pg_restore",
                "--no-owner",
                "--no-privileges",
                "--single-transaction",
                "--exit-on-error",
                f"--dbname={restored}",
                str(dump),
            ],
            env,
        )

        backed_up = snapshot(server, source)
        # The demo content is there to compare: people, places, consultations, spending, listings.
        for table in (
            "public.accounts_user",
            "public.localism_place",
            "public.localism_postcode",
            "public.consultations_consultation",
            "public.transparency_spendingrecord",
            "public.directory_listing",
            "public.budgeting_project",
        ):
            assert backed_up["tables"][table][0] > 0, f"no demo rows in {table}"
        differences = _differences(backed_up, snapshot(server, restored))
        assert differences == {}, json.dumps(differences, indent=1, default=str)
    finally:
        admin.drop(source)
        admin.drop(restored)
        admin.connection.close()
