"""`make bench` and `make profile`: pick the bench database, seed it at the asked scale once, then measure.

The bench database is BENCH_DATABASE_URL, else `localism_bench` on the PostgreSQL at
127.0.0.1:5432 if one answers, else an embedded PostgreSQL in .data/bench-postgres.
It is kept between runs: seeding happens only when the scale asked for is not there.
`make loadtest` (devtools/loadtest.py) uses the same database, chosen and seeded the same way.
"""

from __future__ import annotations

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

from localism.database import local_server_answers

ROOT = Path(__file__).resolve().parent.parent

# One random key for every process of this run (the bench serves nothing beyond loopback).
_SECRET_KEY = secrets.token_urlsafe(50)


def bench_environment() -> dict[str, str]:
    """The environment of every bench process: production settings, Redis when one answers."""
    env = dict(os.environ)
    env.update(
        {
            "DEBUG": "0",
            "SECRET_KEY": env.get("SECRET_KEY") or _SECRET_KEY,
            "SECURE_SSL_REDIRECT": "0",
            "STATIC_MANIFEST": "0",
            "ALLOWED_HOSTS": "testserver,localhost",
            "LOG_LEVEL": "WARNING",
        }
    )
    # Redis, when one answers, so that a real worker delivers the fan-out's emails.
    if not env.get("REDIS_URL") and local_server_answers(port=6379):
        env["REDIS_URL"] = "redis://127.0.0.1:6379/8"
    env["CELERY_DEFAULT_QUEUE"] = f"bench-{os.getpid()}"
    return env


def data_directory(env: dict[str, str]) -> Path:
    data_dir = Path(env.get("DATA_DIR", ROOT / ".data"))
    data_dir.mkdir(parents=True, exist_ok=True)
    return data_dir


def bench_database(env: dict[str, str]):
    """The bench database's URL, and the embedded server started for it (None when there is one already)."""
    url = env.get("BENCH_DATABASE_URL")
    if not url and local_server_answers():
        subprocess.run(["createdb", "-h", "127.0.0.1", "-U", "postgres", "localism_bench"], capture_output=True)
        url = "postgres://postgres@127.0.0.1:5432/localism_bench"
    if url:
        return url, None
    import pgserver

    server = pgserver.get_server(str(data_directory(env) / "bench-postgres"), cleanup_mode=None)
    return server.get_uri(), server


def stop_embedded(server) -> None:
    if server is not None:
        from pgserver._commands import pg_ctl

        pg_ctl(["-w", "stop"], pgdata=server.pgdata, user=server.system_user)


def manage(env: dict[str, str], *args: str) -> None:
    """A management command with devtools installed (seed_demo and bench are its commands)."""
    env = {**env, "DEVTOOLS": "1"}
    subprocess.run([sys.executable, str(ROOT / "manage.py"), *args], env=env, cwd=ROOT, check=True)


def prepare(env: dict[str, str], scale: str) -> None:
    """Migrate env's DATABASE_URL and seed it at scale, unless it was seeded at that scale before."""
    url = env["DATABASE_URL"]
    marker = data_directory(env) / "bench-seed.json"
    manage(env, "migrate", "--noinput", "-v", "0")
    manage(env, "createcachetable")
    seeded = json.loads(marker.read_text()) if marker.exists() else {}
    if seeded.get("database") != url or seeded.get("scale") != scale:
        print(f"Seeding the bench database at scale {scale!r} (once; later runs reuse it).", flush=True)
        manage(env, "flush", "--noinput")
        manage(env, "seed_demo", "--scale", scale, "--allow-production")
        marker.write_text(json.dumps({"database": url, "scale": scale}))


def main(scale: str = "full", *bench_args: str) -> int:
    """`make bench` (its arguments are the bench command's), or `make profile`: `--profile URL [--as EMAIL]`."""
    command = "bench"
    if bench_args[:1] == ("--profile",):
        command, bench_args = "profile_page", bench_args[1:]
    env = bench_environment()
    url, server = bench_database(env)
    env["DATABASE_URL"] = url
    try:
        prepare(env, scale)
        # The bench times rendering (the page against its own SQL); `make loadtest` measures the page cache.
        manage({"PAGE_CACHE_SECONDS": "0", **env}, command, *bench_args)
    except subprocess.CalledProcessError as error:
        # The command has said what went wrong; its exit status is the run's.
        return error.returncode
    finally:
        stop_embedded(server)
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
