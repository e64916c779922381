"""`make bench`: each app's module here (devtools/bench/<app>.py) registers measurements; the bench command
runs them all.

Page measurements go through Django's test client in-process against the seeded
bench database: the server time of each request (middleware, views, templates,
queries) and the number of SQL queries, over n requests after one warm-up.
"""

from __future__ import annotations

import importlib
import pkgutil
import statistics
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

_MEASUREMENTS: dict[str, tuple[int, Callable]] = {}


def register(name: str, order: int = 100):
    """Register a function taking a Runner; name it after its app (e.g. "directory")."""

    def decorator(function: Callable) -> Callable:
        _MEASUREMENTS[name] = (order, function)
        return function

    return decorator


def measurements(only: list[str] | None = None) -> list[Callable]:
    """The registered measurements in order; only those of the named apps when given."""
    for module in pkgutil.iter_modules(__path__):
        importlib.import_module(f"{__name__}.{module.name}")
    chosen = [item for name, item in _MEASUREMENTS.items() if not only or name in only]
    return [function for _, function in sorted(chosen, key=lambda item: item[0])]


def is_read(sql: str) -> bool:
    """A statement that only reads, so replaying it changes nothing (a page's session or rate-limit writes
    are left out of its SQL time)."""
    return sql.lstrip().upper().startswith(("SELECT", "WITH")) and " FOR UPDATE" not in sql.upper()


def replay(statements: list[str]) -> float:
    """Milliseconds to run the statements, as the page ran them (values in place), and fetch every row."""
    start = time.perf_counter()
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)
            if cursor.description is not None:
                cursor.fetchall()
    return (time.perf_counter() - start) * 1000


def page_request(name: str, url: str, *, user=None, method: str = "get", data=None) -> Callable[[], None]:
    """One request to url through a test client of its own (signed in as user, if given), its streamed body read
    to the end; an answer of 400 or more raises RuntimeError naming the measurement."""
    client = Client()
    if user is not None:
        client.force_login(user)
    send = getattr(client, method)

    def request() -> None:
        response = send(url, data) if data is not None else send(url)
        if response.status_code >= 400:
            raise RuntimeError(f"{name}: {url} answered {response.status_code}")
        if hasattr(response, "streaming_content"):
            for _chunk in response.streaming_content:
                pass

    return request


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))
    return ordered[index]


@dataclass
class Runner:
    results: dict[str, dict] = field(default_factory=dict)
    requests: int = 30

    def page(
        self,
        name: str,
        url: str,
        *,
        user=None,
        n: int | None = None,
        method: str = "get",
        data=None,
        baseline: bool = False,
    ) -> dict:
        """Time n requests to url (after a warm-up), a streamed body read to its end, and count the queries.

        A baseline is measured the same way but is not a key page: it is printed beside them, and left out of
        the summary of their ratios (e.g. the site's frame around one small query, the floor of any page)."""
        result = self.call(name, page_request(name, url, user=user, method=method, data=data), n=n)
        if baseline and "failed" not in result:
            result["baseline"] = True
        return result

    def call(self, name: str, function: Callable, *, n: int | None = None) -> dict:
        """Time n calls of a function (after a warm-up) and count the queries of one. A call that fails
        is recorded as failed, with its reason, and the bench goes on to the next measurement."""
        try:
            return self._time(name, function, n=n)
        except Exception as error:
            return self.fail(name, error)

    def fail(self, name: str, error: BaseException) -> dict:
        """Record a measurement as failed (the traceback goes to stderr), so every other figure is kept."""
        traceback.print_exception(error)
        result = {"failed": f"{type(error).__name__}: {error}"}
        self.results[name] = result
        return result

    @property
    def failures(self) -> dict[str, str]:
        return {name: result["failed"] for name, result in self.results.items() if "failed" in result}

    def _time(self, name: str, function: Callable, *, n: int | None) -> dict:
        function()
        with CaptureQueriesContext(connection) as queries:
            function()
        # Counted now: each request clears the connection's query log.
        query_count = len(queries.captured_queries)
        reads = [query["sql"] for query in queries.captured_queries if is_read(query["sql"])]
        timings, sql_timings = [], []
        for _ in range(n or self.requests):
            start = time.perf_counter()
            function()
            timings.append((time.perf_counter() - start) * 1000)
            # The same run, right after: the page's own reads replayed on a raw cursor.
            sql_timings.append(replay(reads))
        result = {
            "median_ms": round(statistics.median(timings), 2),
            "p95_ms": round(percentile(timings, 0.95), 2),
            "queries": query_count,
            "n": len(timings),
        }
        if reads:
            sql_ms = statistics.median(sql_timings)
            result["sql_ms"] = round(sql_ms, 2)
            result["ratio"] = round(result["median_ms"] / sql_ms, 1) if sql_ms else None
        self.results[name] = result
        return result

    def throughput(self, name: str, seconds: float, count: int, **figures: int) -> dict:
        """Record a job's time and the count it handled, and any other figure of it (e.g. duplicates)."""
        result = {"seconds": round(seconds, 3), "count": count, **figures}
        self.results[name] = result
        return result
