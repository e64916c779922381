"""`make run` on a fresh machine uses the embedded PostgreSQL from the pgserver wheel, which has
no contrib extensions: every migration must apply there too.

The private PostgreSQL the other such tests copy (tests/private_portal.py) is a fresh pgserver on which
`manage.py migrate` ran (the fixture fails with its output if a migration does not apply); here `make run`'s
settings find no migration left to apply on a copy of it.
"""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from pgserver._commands import pg_ctl

from tests.private_portal import started_copy

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.xdist_group("embedded-postgres")
@pytest.mark.long
def test_every_migration_applies_on_the_embedded_postgresql(tmp_path, migrated_postgres):
    server = started_copy(migrated_postgres, tmp_path / "postgres")
    try:
        env = {**os.environ, "DATABASE_URL": server.get_uri(), "DEBUG": "1"}
        env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        result = subprocess.run(
            [sys.executable, "manage.py", "migrate", "--check", "--noinput"],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=600,
        )
        assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    finally:
        pg_ctl(["-w", "stop"], pgdata=server.pgdata, user=server.system_user)
