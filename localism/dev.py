"""`make run`: database, migrations, demo data and the development server, in one go.

With DATABASE_URL set, that database is used. Without it, a private PostgreSQL
is started from the `pgserver` wheel (data in .data/postgres) for the commands
below and stopped when they end, however they end (Ctrl-C included).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
STEPS = [["migrate", "--noinput"], ["createcachetable"], ["seed_demo", "--if-empty"]]


def _manage(args: list[str], env: dict[str, str]) -> None:
    subprocess.run([sys.executable, str(ROOT / "manage.py"), *args], env=env, check=True, cwd=ROOT)


def _serve(address: str, env: dict[str, str]) -> None:
    """runserver in its own process group, so that stopping it stops its autoreloader child too."""
    process = subprocess.Popen(
        [sys.executable, str(ROOT / "manage.py"), "runserver", address], env=env, cwd=ROOT, start_new_session=True
    )
    try:
        process.wait()
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)


def _stop_embedded(server) -> None:
    from pgserver._commands import pg_ctl

    print("Stopping the embedded PostgreSQL.", flush=True)
    pg_ctl(["-w", "stop"], pgdata=server.pgdata, user=server.system_user)


def main(address: str = "127.0.0.1:8000") -> int:
    env = dict(os.environ)
    server = None
    # Ctrl-C, and a polite stop from a process manager, end everything cleanly.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    try:
        if not env.get("DATABASE_URL"):
            import pgserver

            data_dir = Path(env.get("DATA_DIR", ROOT / ".data")) / "postgres"
            data_dir.mkdir(parents=True, exist_ok=True)
            print(f"No DATABASE_URL: starting the embedded PostgreSQL in {data_dir}.", flush=True)
            server = pgserver.get_server(str(data_dir), cleanup_mode=None)
            env["DATABASE_URL"] = server.get_uri()
        for step in STEPS:
            _manage(step, env)
        print(f"Serving http://{address} (Ctrl-C stops it)", flush=True)
        _serve(address, env)
    except KeyboardInterrupt:
        pass
    except subprocess.CalledProcessError as exc:
        print(f"Stopped: {' '.join(exc.cmd[1:])} failed.", file=sys.stderr)
        return exc.returncode or 1
    finally:
        if server is not None:
            _stop_embedded(server)
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
