"""`make run` on a fresh machine uses the embedded PostgreSQL from the pgserver wheel, which has
no contrib extensions: every migration must apply there too."""

import os
import subprocess
import sys
from pathlib import Path

import pgserver
import pytest
from pgserver._commands import pg_ctl

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.xdist_group("embedded-postgres")
def test_every_migration_applies_on_the_embedded_postgresql(tmp_path):
    server = pgserver.get_server(str(tmp_path / "postgres"), cleanup_mode=None)
    try:
        env = {**os.environ, "DATABASE_URL": server.get_uri(), "DEBUG": "1"}
        env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        result = subprocess.run(
            [sys.executable, "manage.py", "migrate", "--noinput"],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=600,
        )
        assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    finally:
        pg_ctl(["-w", "stop"], pgdata=server.pgdata, user=server.system_user)
