"""Reads from a real PostgreSQL streaming replica (localism/replicas.py), started on loopback by the test.

A private primary (pgserver, a copy of a migrated one); a hot standby is made from it with `pg_basebackup -R`
(which writes `standby.signal` and the primary's address) and started beside it; gunicorn serves the portal with
DATABASE_URL on the primary and DATABASE_REPLICA_URL on the standby. Then, through HTTP:
- a page written on the primary behind the site's back, while the standby's replay is paused, is not found:
  the read went to the replica (and once the replica replays, it is found);
- a resident's comment, posted while the replica's replay is paused, is on the page they read next, and
  on an anonymous visitor's: after a write the site reads the primary until the replica has caught up,
  and says so in its log;
- with the replica stopped, pages and writes still work, and the log says the replica was set aside.
"""

from __future__ import annotations

import re
import shutil
import tempfile
import uuid
from pathlib import Path

import psycopg2
import pytest
from django.urls import reverse
from pgserver._commands import pg_basebackup, pg_ctl

from devtools.loadtest import Gunicorn
from tests.private_portal import http_request, manage, portal_env, shell_json, socket_dir, started_copy, wait_for

# Meant for one test worker with the other tests of a private PostgreSQL (one migration, tests/private_portal.py);
# but pytest 9 ignores the node id xdist 3.8 sets for a group, so each worker that runs one of them migrates its own.
pytestmark = [pytest.mark.xdist_group("embedded-postgres"), pytest.mark.long]

SETUP = """
import json
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from tests.consultations.factories import ConsultationFactory
from tests.factories import UserFactory

consultation = ConsultationFactory(title="Library opening hours in Dereham")
user = UserFactory(password=None)
session = SessionStore()
session[SESSION_KEY] = str(user.pk)
session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
session[HASH_SESSION_KEY] = user.get_session_auth_hash()
session.create()
print(json.dumps({"consultation": consultation.pk, "slug": consultation.slug, "session": session.session_key}))
"""

ADD_PAGE = """
from localism.models import InformationPage
InformationPage.objects.create(title="Written elsewhere", slug="{slug}", summary="A check.", body="Hello.")
"""


class Browser:
    """One person's requests over HTTP, keeping their cookies."""

    def __init__(self, port: int, cookies: dict[str, str] | None = None):
        self.port = port
        self.cookies = dict(cookies or {})

    def request(self, method: str, path: str, data: dict | None = None) -> tuple[int, dict, str]:
        status, headers, content = http_request(self.port, method, path, self.cookies, data)
        return status, dict(headers), content

    def get(self, path: str) -> tuple[int, str]:
        status, _headers, html = self.request("GET", path)
        return status, html

    def post_form(self, form_path: str, path: str, data: dict) -> tuple[int, dict]:
        _status, html = self.get(form_path)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
        status, headers, _html = self.request("POST", path, {**data, "csrfmiddlewaretoken": token})
        return status, headers


def _query(uri: str, sql: str, params: list | None = None):
    connection = psycopg2.connect(uri)
    connection.autocommit = True
    try:
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchone()[0] if cursor.description else None
    finally:
        connection.close()


@pytest.fixture
def postgres_dir():
    """Outside pytest's temporary root: run as root, PostgreSQL runs as another user who must reach it."""
    folder = Path(tempfile.mkdtemp(prefix="localism-replica-"))
    folder.chmod(0o755)
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


def _start_standby(primary, folder: Path) -> str:
    """A hot standby of the primary, streaming from it: its connection address."""
    standby, sockets = folder / "standby", folder / "standby-socket"
    standby.mkdir(mode=0o700)
    sockets.mkdir(mode=0o777)  # not the data folder: the copy holds the primary's socket lock
    sockets.chmod(0o777)
    if primary.system_user:
        shutil.chown(standby, primary.system_user, primary.system_user)
    user = {"user": primary.system_user} if primary.system_user else {}
    pg_basebackup(
        [
            "-D",
            str(standby),
            "-R",
            "-X",
            "stream",
            "-c",
            "fast",
            "-h",
            socket_dir(primary.get_uri()),
            "-U",
            "postgres",
        ],
        timeout=120,
        **user,
    )
    assert (standby / "standby.signal").exists()
    pg_ctl(
        ["-w", "-o", '-h ""', "-o", f"-k {sockets}", "-l", str(standby / "standby.log"), "start"],
        pgdata=standby,
        timeout=60,
        **user,
    )
    return f"postgresql://postgres:@/postgres?host={sockets}"


def test_reads_go_to_a_current_replica_and_never_show_a_person_stale_data(tmp_path, postgres_dir, migrated_postgres):
    primary = started_copy(migrated_postgres, postgres_dir / "primary")
    standby_uri = None
    user = {"user": primary.system_user} if primary.system_user else {}
    log = open(tmp_path / "gunicorn.log", "w+")  # noqa: SIM115 (closed in finally, read on failure)
    gunicorn = None
    try:
        # Every answer is rendered (no page cache): the reads are what is tested.
        env = portal_env(primary.get_uri(), tmp_path / "data", PAGE_CACHE_SECONDS="0")
        data = shell_json(env, SETUP)

        standby_uri = _start_standby(primary, postgres_dir)
        assert _query(standby_uri, "SELECT pg_is_in_recovery()") is True
        gunicorn = Gunicorn(
            {**env, "DATABASE_REPLICA_URL": standby_uri, "REPLICA_RETRY_SECONDS": "3600"}, workers=1, log=log
        )
        gunicorn.start()
        anonymous = Browser(gunicorn.port)
        resident = Browser(gunicorn.port, {"sessionid": data["session"]})
        consultation_page = reverse("consultations:detail", kwargs={"slug": data["slug"]})

        def replica_caught_up() -> bool:
            wanted = _query(primary.get_uri(), "SELECT pg_current_wal_lsn()::text")
            return _query(standby_uri, "SELECT pg_last_wal_replay_lsn() >= %s::pg_lsn", [wanted])

        # 1. Reads go to the replica: a page written on the primary behind the site's back, with the standby's
        #    replay paused, is not there for the site; once the standby replays, it is.
        assert anonymous.get(consultation_page)[0] == 200  # the site learns where the writes have reached
        wait_for(replica_caught_up, 30, "the standby to catch up")
        _query(standby_uri, "SELECT pg_wal_replay_pause()")
        slug = f"replica-check-{uuid.uuid4().hex[:8]}"
        manage(env, "shell", "-c", ADD_PAGE.format(slug=slug))
        assert anonymous.get(reverse("localism:page_detail", args=[slug]))[0] == 404
        _query(standby_uri, "SELECT pg_wal_replay_resume()")
        wait_for(replica_caught_up, 30, "the standby to replay the page")
        assert anonymous.get(reverse("localism:page_detail", args=[slug]))[0] == 200

        # 2. A write, then a read of it, while the standby is paused: never stale, for the writer or anyone.
        _query(standby_uri, "SELECT pg_wal_replay_pause()")
        text = f"Open on Sundays please {uuid.uuid4().hex[:8]}"
        status, headers = resident.post_form(
            consultation_page,
            reverse("discussions:comment_create", kwargs={"key": "consultation", "pk": data["consultation"]}),
            {"text": text},
        )
        assert status == 302, headers
        assert text in resident.get(consultation_page)[1]
        stored_status = _query(primary.get_uri(), "SELECT status FROM discussions_comment WHERE text = %s", [text])
        if stored_status == "published":
            assert text in anonymous.get(consultation_page)[1]
        assert _query(standby_uri, "SELECT count(*) FROM discussions_comment WHERE text = %s", [text]) == 0
        log.flush()
        assert "behind the last write" in (tmp_path / "gunicorn.log").read_text()
        _query(standby_uri, "SELECT pg_wal_replay_resume()")

        # 3. The replica stops: the site keeps serving reads and writes from the primary, and says why.
        pg_ctl(["-w", "-m", "fast", "stop"], pgdata=postgres_dir / "standby", timeout=60, **user)
        assert anonymous.get(consultation_page)[0] == 200
        assert resident.get(consultation_page)[0] == 200
        second = f"And late on Thursdays {uuid.uuid4().hex[:8]}"
        status, _headers = resident.post_form(
            consultation_page,
            reverse("discussions:comment_create", kwargs={"key": "consultation", "pk": data["consultation"]}),
            {"text": second},
        )
        assert status == 302
        assert second in resident.get(consultation_page)[1]
        log.flush()
        assert "The read replica is set aside" in (tmp_path / "gunicorn.log").read_text()
    except BaseException:
        log.seek(0)
        print(log.read()[-5000:])
        raise
    finally:
        if gunicorn is not None:
            gunicorn.stop()
        log.close()
        if standby_uri is not None and (postgres_dir / "standby" / "postmaster.pid").exists():
            pg_ctl(["-w", "-m", "immediate", "stop"], pgdata=postgres_dir / "standby", timeout=60, **user)
        pg_ctl(["-w", "-m", "fast", "stop"], pgdata=primary.pgdata, user=primary.system_user, timeout=60)
