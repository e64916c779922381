"""The portal with production settings on a private PostgreSQL (pgserver), for the tests that stop, restart or copy
the database under a running gunicorn (tests/test_load_and_restart.py, tests/localism/test_read_replica.py).

Each such test has a PostgreSQL of its own, started on a copy of one data folder migrated once per test worker
(`migrated_cluster`, `started_copy`): migrating takes longer than the rest of such a test.
"""

from __future__ import annotations

import http.client
import json
import os
import secrets
import subprocess
import sys
import time
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import parse_qs, urlencode, urlparse

import pgserver
from pgserver._commands import pg_ctl

ROOT = Path(__file__).resolve().parents[1]


def portal_env(database_url: str, data_dir: Path, **settings: str) -> dict[str, str]:
    """The environment of a production-like portal on that database, without this machine's own services."""
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "SECURE_SSL_REDIRECT": "0",
        "STATIC_MANIFEST": "0",
        "ALLOWED_HOSTS": "127.0.0.1",
        "DATA_DIR": str(data_dir),
        "LOG_LEVEL": "WARNING",
    }
    for name in ("DJANGO_ALLOW_ASYNC_UNSAFE", "REDIS_URL", "EMAIL_HOST", "CONN_MAX_AGE", "DATABASE_REPLICA_URL"):
        env.pop(name, None)
    return env | settings


def manage(env: dict[str, str], *args: str, timeout: float = 120) -> str:
    """`manage.py` with that environment; what it printed."""
    done = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, timeout=timeout, capture_output=True, text=True
    )
    assert done.returncode == 0, f"manage.py {' '.join(args)} failed:\n{done.stdout[-3000:]}{done.stderr[-3000:]}"
    return done.stdout


def prepare_database(env: dict[str, str], *, timeout: float = 600) -> None:
    """Migrations and the cache table, as a release does."""
    manage(env, "migrate", "--noinput", "-v", "0", timeout=timeout)
    manage(env, "createcachetable", timeout=timeout)


def migrated_cluster(folder: Path) -> Path:
    """A PostgreSQL data folder made in `folder` and migrated as a release does (prepare_database), then stopped."""
    server = pgserver.get_server(str(folder / "pgdata"), cleanup_mode=None)
    try:
        prepare_database(portal_env(server.get_uri(), folder / "data"))
    finally:
        pg_ctl(["-w", "-m", "fast", "stop"], pgdata=server.pgdata, user=server.system_user, timeout=60)
    return server.pgdata


def started_copy(cluster: Path, pgdata: Path) -> pgserver.PostgresServer:
    """A PostgreSQL of its own, started on a copy of a stopped data folder (`cp -a`: its owner and modes kept)."""
    subprocess.run(["cp", "-a", str(cluster), str(pgdata)], check=True, timeout=120)
    return pgserver.get_server(str(pgdata), cleanup_mode=None)


def shell_json(env: dict[str, str], code: str) -> dict:
    """Runs `code` in `manage.py shell`; the JSON it printed last."""
    return json.loads(manage(env, "shell", "-c", code).strip().splitlines()[-1])


def socket_dir(uri: str) -> str:
    """The folder of a pgserver's Unix socket, from its connection address."""
    return parse_qs(urlparse(uri).query)["host"][0]


def wait_for(condition, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"Timed out after {timeout:.0f} s waiting for {what}")
        time.sleep(0.02)  # polling, within the deadline


def http_request(
    port: int, method: str, path: str, cookies: dict[str, str], data: dict | None = None, source_address: str = ""
):
    """One request on a new connection, as a browser would make it with these cookies, which take the session
    and CSRF cookies it is given (flash messages would pile up unread): (status, headers, body)."""
    connection = http.client.HTTPConnection(
        "127.0.0.1", port, timeout=30, source_address=(source_address, 0) if source_address else None
    )
    headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in cookies.items())} if cookies else {}
    body = None
    if data is not None:
        body = urlencode(data)
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    try:
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        content = response.read().decode(errors="replace")
        for value in response.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(value).items():
                if name in ("sessionid", "csrftoken"):
                    cookies[name] = morsel.value
        return response.status, response.headers, content
    finally:
        connection.close()
