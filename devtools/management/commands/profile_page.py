"""`make profile URL=/path/`: where one page's time goes, on the bench database.

The page is timed as `make bench` times a key page (devtools.bench.Runner: the median, the page's own reads replayed
on a raw cursor, the ratio of the two), with its CPU time beside it. Then each of its queries is listed with its own
replayed time, and Python's profiler names the functions the time is spent in: the project's own by the time spent
in them and in what they call, then every function (Django's too) by the time spent in its own lines.
"""

from __future__ import annotations

import cProfile
import gc
import pstats
import statistics
import sys
import sysconfig
import time
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.test.utils import CaptureQueriesContext, override_settings

from devtools import bench

# Characters of each query shown: enough to tell which table and which filter.
SQL_SHOWN = 150
# Folders of installed packages and of Python's own library: a function in them is named by its path inside.
_LIBRARIES = ("-packages", f"python{sys.version_info.major}.{sys.version_info.minor}")


class Command(BaseCommand):
    help = "Where one page's time goes: its time against its own SQL, each query, and the functions the time is in."

    def add_arguments(self, parser):
        parser.add_argument("url", help="The page's path and query, e.g. /places/norwich/.")
        parser.add_argument("--as", dest="email", help="Ask for the page signed in as this account.")
        parser.add_argument("--requests", type=int, default=30, help="Requests timed and profiled (default 30).")
        parser.add_argument("--top", type=int, default=25, help="Functions listed in each table (default 25).")

    def handle(self, *args, url: str, email: str | None, requests: int, top: int, **options):
        # The page rendered each time, as the bench times it: a page kept by the page cache would show nothing.
        with override_settings(PAGE_CACHE_SECONDS=0):
            self._handle(url, email, requests, top)

    def _handle(self, url: str, email: str | None, requests: int, top: int) -> None:
        if requests < 1 or top < 1:
            raise CommandError("--requests and --top must be at least 1.")
        user = None
        if email:
            user = get_user_model().objects.filter(email__iexact=email).first()
            if user is None:
                raise CommandError(f"No account has the email address {email}.")
        gc.freeze()  # as localism/wsgi.py does in every server process, and as the bench does
        request = bench.page_request("page", url, user=user)
        try:
            request()  # the page answers, or the command says what it answered, before anything is timed
        except RuntimeError as error:
            raise CommandError(f"{error}: give the path of a page that answers.") from None
        timed = bench.Runner(requests=requests).call("page", request)
        if "failed" in timed:
            raise CommandError(timed["failed"])
        self._figures(timed, request, requests)
        self._queries(request, requests)
        self._profile(request, requests, top)

    def _figures(self, timed: dict, request, requests: int) -> None:
        cpu = []
        for _ in range(requests):
            start = time.process_time()
            request()
            cpu.append((time.process_time() - start) * 1000)
        sql = f", its own SQL {timed['sql_ms']} ms, ÷ SQL {timed['ratio']}" if "sql_ms" in timed else ""
        self.stdout.write(
            f"Page: median {timed['median_ms']} ms (95th percentile {timed['p95_ms']} ms) over {timed['n']} "
            f"requests{sql}; CPU {statistics.median(cpu):.2f} ms; {timed['queries']} queries."
        )

    def _queries(self, request, requests: int) -> None:
        with CaptureQueriesContext(connection) as captured:
            request()
        self.stdout.write(f"\nIts queries, each replayed {requests} times on a raw cursor (median ms):")
        for number, query in enumerate(captured.captured_queries, start=1):
            sql = " ".join(query["sql"].split())
            replayed = (
                f"{statistics.median(bench.replay([query['sql']]) for _ in range(requests)):8.2f}"
                if bench.is_read(query["sql"])
                else f"{'(write)':>8}"
            )
            shown = sql if len(sql) <= SQL_SHOWN else sql[: SQL_SHOWN - 1] + "…"
            self.stdout.write(f"{number:3} {replayed}  {shown}")

    def _profile(self, request, requests: int, top: int) -> None:
        profiler = cProfile.Profile()
        profiler.enable()
        for _ in range(requests):
            request()
        profiler.disable()
        rows = pstats.Stats(profiler).stats  # (file, line, function) -> (primitive calls, calls, own s, total s, ...)
        project = Path(settings.BASE_DIR).resolve()
        libraries = sorted(
            {
                Path(path).resolve()
                for path in (*sys.path, sysconfig.get_paths()["stdlib"])
                if path.endswith(_LIBRARIES)
            },
            key=lambda folder: len(str(folder)),
            reverse=True,
        )
        this_command = Path(__file__).resolve()

        def folder_of(place: tuple) -> Path | None:
            """The library folder or the project a function's file is in (None for Python's built-ins)."""
            if not place[0].startswith("/"):
                return None
            path = Path(place[0]).resolve()
            return next((folder for folder in (*libraries, project) if path.is_relative_to(folder)), None)

        def is_ours(place: tuple) -> bool:
            return folder_of(place) == project and Path(place[0]).resolve() != this_command

        def where(place: tuple) -> str:
            folder = folder_of(place)
            if folder is None:
                return place[2]
            return f"{Path(place[0]).resolve().relative_to(folder)}:{place[1]} ({place[2]})"

        def table(title: str, places: list, key: int) -> None:
            self.stdout.write(f"\n{title} (ms per request, under the profiler, which slows every call):")
            self.stdout.write(f"{'total':>8} {'own':>8} {'calls':>8}  function")
            for place in sorted(places, key=lambda place: rows[place][key], reverse=True)[:top]:
                _, calls, own, total, _ = rows[place]
                figures = f"{total * 1000 / requests:8.2f} {own * 1000 / requests:8.2f} {calls / requests:8.1f}"
                self.stdout.write(f"{figures}  {where(place)}")

        table(
            "The project's own functions, by the time in them and in what they call",
            [p for p in rows if is_ours(p)],
            3,
        )
        table("Every function, by the time in its own lines", [p for p in rows if p[0] != str(this_command)], 2)
