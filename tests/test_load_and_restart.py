"""PostgreSQL restarted under load loses no submitted response or comment: the client sees an error or a success.

A private PostgreSQL (pgserver) and gunicorn with production settings; concurrent residents, each
from a loopback address of their own (the portal limits writes per person and per address), answer
a survey and comment on a consultation. In the middle, PostgreSQL is stopped (`pg_ctl stop -m fast`)
and held down until the clients have seen the outage, then started again: a restart whose outage
every client is sure to meet. Afterwards every answer the clients saw succeed is in the database,
everything else was answered 503 with Retry-After, and the site serves writes again.
"""

from __future__ import annotations

import contextlib
import re
import shutil
import socket
import subprocess
import tempfile
import threading
import time
import uuid
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import psycopg2
import pytest
from django.urls import reverse
from pgserver._commands import pg_ctl

from devtools.loadtest import Gunicorn
from tests.private_portal import http_request, portal_env, shell_json, socket_dir, started_copy, wait_for
from tests.services import _require

# Meant for one test worker with the other tests of a private PostgreSQL (one migration, tests/private_portal.py);
# but pytest 9 ignores the node id xdist 3.8 sets for a group, so each worker that runs one of them migrates its own.
pytestmark = [pytest.mark.xdist_group("embedded-postgres"), pytest.mark.long]

CLIENTS = 6
RESIDENTS_PER_CLIENT = 4
# Under the comment rate limit of 6 a minute per person; a client's 20 stay under 30 per address.
COMMENTS_PER_RESIDENT = 5
SUCCESSES_BEFORE_STOP = 12
FAILURES_WHILE_DOWN = 6
SUCCESSES_AFTER_START = 12

SETUP = """
import json
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from consultations.models import Question
from tests.consultations.factories import ConsultationFactory, QuestionFactory
from tests.factories import UserFactory

consultation = ConsultationFactory(title="Library opening hours in Dereham")
question = QuestionFactory(consultation=consultation, kind=Question.Kind.TEXT, text="What would you change?")
residents = []
for _ in range({count}):
    user = UserFactory(password=None)  # signed in through a session made here: no password needed
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    residents.append({{"user": user.pk, "session": session.session_key}})
print(json.dumps({{"consultation": consultation.pk, "slug": consultation.slug, "question": question.pk,
                  "residents": residents}}))
"""


def _loopback_aliases_work() -> bool:
    try:
        with socket.socket() as sock:
            sock.bind(("127.0.0.2", 0))
        return True
    except OSError:
        return False


@dataclass
class Resident:
    user: int
    session: str
    address: str
    cookies: dict[str, str] = field(default_factory=dict)
    csrf: str = ""
    responded: bool = False
    comments: int = 0

    def request(self, port: int, method: str, path: str, data: dict | None = None):
        """One request on a new connection from the resident's own address: (status, headers, body)."""
        form = None if data is None else {**data, "csrfmiddlewaretoken": self.csrf}
        return http_request(port, method, path, self.cookies, form, source_address=self.address)

    def open_the_form(self, port: int, slug: str) -> None:
        """Read the consultation page, as a browser would before posting: the CSRF cookie and token."""
        status, _headers, html = self.request(port, "GET", reverse("consultations:respond", kwargs={"slug": slug}))
        assert status == 200, f"the survey answered {status}"
        self.csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)


@dataclass
class Attempt:
    kind: str  # "response" or "comment"
    user: int
    token: str
    status: int | str
    retry_after: str | None
    started: float
    detail: str = ""


class Run:
    """What the clients saw, shared between their threads."""

    def __init__(self):
        self.lock = threading.Lock()
        self.attempts: list[Attempt] = []
        self.stop = threading.Event()
        self.ready = 0

    def add(self, attempt: Attempt) -> None:
        with self.lock:
            self.attempts.append(attempt)

    def successes(self, since: float = 0.0) -> int:
        with self.lock:
            return sum(1 for a in self.attempts if a.status == 302 and a.started >= since)

    def failures(self) -> int:
        with self.lock:
            return sum(1 for a in self.attempts if a.status != 302)


def _what_the_page_says(html: str) -> str:
    """The heading and error messages of a page, to explain an unexpected answer."""
    found = re.findall(r'<h1[^>]*>(.*?)</h1>|class="govuk-error-message"[^>]*>(.*?)</', html, re.S)
    return " / ".join(" ".join(part.split()) for pair in found for part in pair if part)[:300] or html[:300]


def _client(run: Run, port: int, data: dict, residents: list[Resident]) -> None:
    for resident in residents:
        resident.open_the_form(port, data["slug"])
    with run.lock:
        run.ready += 1
    while not run.stop.is_set():
        resident = next((r for r in residents if r.comments < COMMENTS_PER_RESIDENT), None)
        if resident is None:
            return
        # Spread each client's posts over its residents.
        residents.append(residents.pop(residents.index(resident)))
        token = uuid.uuid4().hex
        if not resident.responded:
            kind, path, form = (
                "response",
                reverse("consultations:respond", kwargs={"slug": data["slug"]}),
                {f"q{data['question']}": token},
            )
            done = reverse("consultations:respond_done", kwargs={"slug": data["slug"]})
        else:
            kind, path, form = (
                "comment",
                reverse("discussions:comment_create", kwargs={"key": "consultation", "pk": data["consultation"]}),
                {"text": token},
            )
            done = reverse("consultations:detail", kwargs={"slug": data["slug"]}) + "#comments"
        started = time.monotonic()
        try:
            status, headers, body = resident.request(port, "POST", path, form)
            retry_after = headers.get("Retry-After")
            if status == 302 and headers["Location"] != done:
                status = f"302 to {headers['Location']}"  # e.g. to the sign-in page: not a success
        except OSError as error:
            status, retry_after, body = type(error).__name__, None, str(error)
        detail = "" if status in (302, 503) else _what_the_page_says(body)
        run.add(Attempt(kind, resident.user, token, status, retry_after, started, detail))
        if status == 302:
            if kind == "response":
                resident.responded = True
            else:
                resident.comments += 1
        else:
            time.sleep(0.05)  # a person waits a moment before trying again


@pytest.fixture
def postgres_dir():
    """A folder for the private PostgreSQL outside pytest's temporary root.

    Run as root, pgserver runs PostgreSQL as another user, which must be able to reach its data while
    it runs; any pytest started meanwhile on the machine makes /tmp/pytest-of-root private again.
    """
    folder = Path(tempfile.mkdtemp(prefix="localism-restart-"))
    yield folder / "postgres"
    shutil.rmtree(folder, ignore_errors=True)


def test_restarting_postgresql_under_load_loses_no_comment_or_response(tmp_path, postgres_dir, migrated_postgres):
    if not _loopback_aliases_work():
        _require("loopback addresses other than 127.0.0.1 cannot be bound (macOS: sudo ifconfig lo0 alias 127.0.0.2)")
    server = started_copy(migrated_postgres, postgres_dir)
    log = open(tmp_path / "gunicorn.log", "w+")  # noqa: SIM115 (closed in finally, read on failure)
    gunicorn = None
    run = Run()
    threads: list[threading.Thread] = []
    try:
        env = portal_env(server.get_uri(), tmp_path / "data")
        data = shell_json(env, SETUP.format(count=CLIENTS * RESIDENTS_PER_CLIENT + 1))
        residents = [
            Resident(user=r["user"], session=r["session"], address=f"127.0.0.{10 + n // RESIDENTS_PER_CLIENT}")
            for n, r in enumerate(data["residents"])
        ]
        for resident in residents:
            resident.cookies["sessionid"] = resident.session
        last_resident = residents.pop()
        last_resident.address = "127.0.0.250"

        gunicorn = Gunicorn(env, workers=2, log=log)
        gunicorn.start()
        threads = [
            threading.Thread(
                target=_client,
                args=(run, gunicorn.port, data, residents[n * RESIDENTS_PER_CLIENT : (n + 1) * RESIDENTS_PER_CLIENT]),
                daemon=True,
            )
            for n in range(CLIENTS)
        ]
        for thread in threads:
            thread.start()
        wait_for(lambda: run.ready == CLIENTS and run.successes() >= SUCCESSES_BEFORE_STOP, 40, "the first posts")

        pg_ctl(["-w", "-m", "fast", "stop"], pgdata=server.pgdata, user=server.system_user, timeout=60)
        wait_for(lambda: run.failures() >= FAILURES_WHILE_DOWN, 20, "the clients to meet the outage")
        pg_ctl(
            ["-w", "-o", '-h ""', "-o", f"-k {socket_dir(server.get_uri())}", "-l", str(server.log), "start"],
            pgdata=server.pgdata,
            user=server.system_user,
            timeout=60,
        )
        started_again = time.monotonic()
        wait_for(lambda: run.successes(since=started_again) >= SUCCESSES_AFTER_START, 40, "posts after the restart")
        run.stop.set()
        for thread in threads:
            thread.join(timeout=40)
        assert not any(thread.is_alive() for thread in threads)

        # Someone new comes along: the site takes their comment as before.
        last_resident.open_the_form(gunicorn.port, data["slug"])
        final = uuid.uuid4().hex
        status, headers, _body = last_resident.request(
            gunicorn.port,
            "POST",
            reverse("discussions:comment_create", kwargs={"key": "consultation", "pk": data["consultation"]}),
            {"text": final},
        )
        assert (status, headers["Location"]) == (
            302,
            reverse("consultations:detail", kwargs={"slug": data["slug"]}) + "#comments",
        )

        with psycopg2.connect(server.get_uri()) as connection, connection.cursor() as cursor:
            cursor.execute("SELECT text FROM discussions_comment WHERE object_id = %s", [data["consultation"]])
            stored_comments = {text for (text,) in cursor.fetchall()}
            cursor.execute(
                "SELECT r.respondent_id, a.text FROM consultations_response r "
                "JOIN consultations_answer a ON a.response_id = r.id WHERE r.consultation_id = %s",
                [data["consultation"]],
            )
            stored_answers = dict(cursor.fetchall())
        connection.close()

        attempts = run.attempts
        seen = Counter(str(a.status) for a in attempts)
        print(f"answers seen: {dict(seen)}; successes after the restart: {run.successes(since=started_again)}")
        statuses = sorted(seen)
        unexpected = [f"{a.kind} {a.status}: {a.detail}" for a in attempts if a.status not in (302, 503)]
        assert statuses == ["302", "503"], f"the clients saw {statuses}, not only success or 503: {unexpected}"
        assert all(a.retry_after for a in attempts if a.status == 503), "a 503 without Retry-After"
        lost_comments = [a.token for a in attempts if a.kind == "comment" and a.status == 302]
        lost_comments = [token for token in lost_comments if token not in stored_comments]
        assert lost_comments == [], f"{len(lost_comments)} comments answered 302 are not in the database"
        answered = [a for a in attempts if a.kind == "response" and a.status == 302]
        lost_responses = [a.user for a in answered if stored_answers.get(a.user) != a.token]
        assert lost_responses == [], f"survey responses answered 302 but not stored for users {lost_responses}"
        assert final in stored_comments
        assert sum(1 for a in attempts if a.status == 503) >= FAILURES_WHILE_DOWN
    except BaseException:
        log.seek(0)
        print("gunicorn's log (tail):\n" + log.read()[-5000:])
        raise
    finally:
        run.stop.set()
        if gunicorn is not None:
            gunicorn.stop()
        log.close()
        with contextlib.suppress(subprocess.CalledProcessError):  # already stopped if the test failed meanwhile
            pg_ctl(["-w", "-m", "fast", "stop"], pgdata=server.pgdata, user=server.system_user, timeout=60)
