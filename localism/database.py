"""Where the database is: DATABASE_URL, or a private embedded PostgreSQL.

PostgreSQL is the only database the portal runs on. Production and CI give
DATABASE_URL; on a fresh machine `make run` has none, so the portal starts its
own PostgreSQL from the `pgserver` wheel with its data under `.data/postgres`,
and that server stops when the last process using it exits.
"""

from __future__ import annotations

import socket
from pathlib import Path

import dj_database_url


def local_server_answers(host: str = "127.0.0.1", port: int = 5432, timeout: float = 0.5) -> bool:
    """Whether a PostgreSQL server listens on host:port (used by the test set-up)."""
    try:
        with socket.create_connection((host, port), timeout=timeout):
            return True
    except OSError:
        return False


def embedded_database_url(data_dir: Path) -> str:
    """Start (or join) the embedded PostgreSQL in data_dir and return its URL."""
    import pgserver  # imported here: only a machine without DATABASE_URL needs it

    data_dir.mkdir(parents=True, exist_ok=True)
    server = pgserver.get_server(str(data_dir), cleanup_mode="stop")
    return server.get_uri()


PARALLEL_SETUP_COST = 10_000  # PostgreSQL's default is 1,000


def database_config(url: str, *, conn_max_age: int) -> dict:
    config = dj_database_url.parse(url, conn_max_age=conn_max_age, conn_health_checks=True)
    if config["ENGINE"] != "django.db.backends.postgresql":
        raise ValueError("The portal runs on PostgreSQL only: DATABASE_URL must start with postgres://")
    # pgserver gives a Unix socket as ?host=/path; Django wants it as HOST.
    socket_dir = config.get("OPTIONS", {}).pop("host", None)
    if socket_dir and not config.get("HOST"):
        config["HOST"] = socket_dir
    # A page's queries take milliseconds; starting parallel workers takes a few of them. Plan in
    # parallel only when it saves far more than that (the big spending aggregates), never for a search.
    options = config.setdefault("OPTIONS", {})
    options["options"] = f"-c parallel_setup_cost={PARALLEL_SETUP_COST} {options.get('options', '')}".strip()
    return config
