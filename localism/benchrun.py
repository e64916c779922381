"""`make bench`: pick the bench database, seed it at the asked scale once, then measure.

The bench database is BENCH_DATABASE_URL, else `localism_bench` on the PostgreSQL at
127.0.0.1:5432 if one answers, else an embedded PostgreSQL in .data/bench-postgres.
It is kept between runs: seeding happens only when the scale asked for is not there.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from localism.database import local_server_answers

ROOT = Path(__file__).resolve().parent.parent


def main(scale: str = "full") -> int:
    env = dict(os.environ)
    data_dir = Path(env.get("DATA_DIR", ROOT / ".data"))
    data_dir.mkdir(parents=True, exist_ok=True)
    env.update(
        {
            "DEBUG": "0",
            "SECRET_KEY": env.get("SECRET_KEY") or "bench-only-secret-key-" + "x" * 40,
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
    server = None
    url = env.get("BENCH_DATABASE_URL")
    if not url and local_server_answers():
        subprocess.run(["createdb", "-h", "127.0.0.1", "-U", "postgres", "localism_bench"], capture_output=True)
        url = "postgres://postgres@127.0.0.1:5432/localism_bench"
    if not url:
        import pgserver

        server = pgserver.get_server(str(data_dir / "bench-postgres"), cleanup_mode=None)
        url = server.get_uri()
    env["DATABASE_URL"] = url

    def manage(*args: str) -> None:
        subprocess.run([sys.executable, str(ROOT / "manage.py"), *args], env=env, cwd=ROOT, check=True)

    marker = data_dir / "bench-seed.json"
    try:
        manage("migrate", "--noinput", "-v", "0")
        manage("createcachetable")
        seeded = json.loads(marker.read_text()) if marker.exists() else {}
        if seeded.get("database") != url or seeded.get("scale") != scale:
            print(f"Seeding the bench database at scale {scale!r} (once; later runs reuse it).", flush=True)
            manage("flush", "--noinput")
            manage("seed_demo", "--scale", scale, "--allow-production")
            marker.write_text(json.dumps({"database": url, "scale": scale}))
        manage("bench")
    finally:
        if server is not None:
            from pgserver._commands import pg_ctl

            pg_ctl(["-w", "stop"], pgdata=server.pgdata, user=server.system_user)
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
