"""`make loadtest`: gunicorn against the bench database, driven over loopback for a bounded time.

    python -m devtools.loadtest [SECONDS] [--clients N] [--workers N]

The database is the one `make bench` seeds (devtools/benchrun.py chooses and seeds it the same way;
SCALE=small for a tenth of the data). gunicorn serves the project's WSGI application with production
settings on a free port of 127.0.0.1; client threads, each with its own connection, then ask for a
realistic mix of pages picked from the data (the home page, a directory search by keyword, postcode,
distance and category, a listing, a consultation, the spending explorer with a filter) for SECONDS
(default 30). It prints, per page, the requests, requests per second, the median and 95th percentile
latency seen by the client and the errors (any answer other than 2xx, or a broken connection), and
writes the same to .data/loadtest.json. It exits 1 if there was any error. gunicorn is stopped at the
end, on Ctrl-C too.
"""

from __future__ import annotations

import argparse
import http.client
import itertools
import json
import os
import random
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urlencode

from devtools import benchrun

ROOT = benchrun.ROOT

# Share of each page in the mix: roughly what residents ask for most.
MIX = {
    "home": 20,
    "directory.search": 30,
    "directory.listing": 20,
    "consultations.detail": 15,
    "transparency.spending": 15,
}


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket() as sock:
        sock.bind((host, 0))
        return sock.getsockname()[1]


def celery_worker_command(queue: str, *options: str) -> list[str]:
    """`celery -A localism worker` taking the tasks of one queue, quietly, with these options (pool, concurrency)."""
    return [
        sys.executable,
        "-m",
        "celery",
        "-A",
        "localism",
        "worker",
        *options,
        "-Q",
        queue,
        "--without-gossip",
        "--without-mingle",
        "--loglevel=WARNING",
    ]


class Gunicorn:
    """`gunicorn localism.wsgi` on a loopback port, in its own process group so that stop() ends all of it."""

    def __init__(
        self, env: dict[str, str], *, workers: int = 3, port: int | None = None, log=None, app: str = "localism.wsgi"
    ):
        self.env = env
        self.app = app
        self.workers = workers
        self.port = port or free_port()
        self.log = log
        self.process: subprocess.Popen | None = None

    @property
    def address(self) -> tuple[str, int]:
        return ("127.0.0.1", self.port)

    def start(self, *, timeout: float = 60) -> None:
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                self.app,
                "--bind",
                f"127.0.0.1:{self.port}",
                "--workers",
                str(self.workers),
                "--timeout",
                "60",
                "--graceful-timeout",
                "5",
                "--log-level",
                "warning",
            ],
            cwd=ROOT,
            env=self.env,
            stdout=self.log,
            stderr=subprocess.STDOUT if self.log is not None else None,
            start_new_session=True,
        )
        self._wait_until_serving(timeout)

    def _wait_until_serving(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited with status {self.process.returncode} before serving")
            try:
                connection = http.client.HTTPConnection(*self.address, timeout=10)
                connection.request("GET", "/robots.txt")
                status = connection.getresponse().status
                connection.close()
                if status == 200:
                    return
            except OSError:
                pass
            time.sleep(0.2)  # polling for the server to come up, within the deadline
        raise RuntimeError(f"gunicorn did not serve http://127.0.0.1:{self.port}/ within {timeout:.0f} s")

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=15)


@dataclass
class PageFigures:
    latencies_ms: list[float] = field(default_factory=list)
    errors: int = 0
    error_examples: list[str] = field(default_factory=list)

    def summary(self, seconds: float) -> dict:
        from devtools.bench import percentile

        requests = len(self.latencies_ms) + self.errors
        ok = self.latencies_ms or [0.0]
        return {
            "requests": requests,
            "requests_per_second": round(requests / seconds, 1),
            "median_ms": round(statistics.median(ok), 1),
            "p95_ms": round(percentile(ok, 0.95), 1),
            "errors": self.errors,
        }


def sample_urls(rng: random.Random) -> dict[str, Callable[[], str]]:
    """For each page in the mix, a function giving a URL picked from the data in the bench database."""
    from consultations.models import Consultation
    from directory.filters import MILES
    from directory.models import Listing, Location, TaxonomyTerm
    from localism.models import Place, Postcode
    from transparency.models import SpendingFacet

    names = list(Listing.objects.published().order_by("?").values_list("name", flat=True)[:500])
    counts: dict[str, int] = {}
    for name in names:
        for word in re.findall(r"[a-z]{5,}", name.lower()):
            counts[word] = counts.get(word, 0) + 1
    keywords = sorted(counts, key=counts.get, reverse=True)[:30] or ["community"]
    # Postcodes where services are, so that "near me" finds something, as it would for most residents.
    located = set(Location.objects.exclude(postcode="").order_by("?").values_list("postcode", flat=True)[:300])
    postcodes = list(Postcode.objects.filter(postcode__in=located).values_list("postcode", flat=True)) or list(
        Postcode.objects.values_list("postcode", flat=True)[:100]
    )
    categories = list(TaxonomyTerm.objects.filter(parent__isnull=False).values_list("slug", flat=True))
    listings = [str(pk) for pk in Listing.objects.published().order_by("?").values_list("pk", flat=True)[:1000]]
    consultations = [c.get_absolute_url() for c in Consultation.objects.filter(published_at__isnull=False)[:200]]
    facets = list(SpendingFacet.objects.values_list("kind", "value"))
    if not (postcodes and listings and consultations and facets):
        raise RuntimeError("The bench database lacks listings, postcodes, consultations or spending: seed it first.")
    miles = [value for value, _label in MILES]

    def search() -> str:
        query = {"q": rng.choice(keywords), "postcode": rng.choice(postcodes), "miles": rng.choice(miles)}
        if categories:
            query["category"] = rng.choice(categories)
        return "/directory/?" + urlencode(query)

    def spending() -> str:
        kind, value = rng.choice(facets)
        return "/transparency/spending/?" + urlencode({kind: value})

    places = [place.get_absolute_url() for place in Place.objects.filter(kind=Place.Kind.TOWN)[:50]]

    return {
        "home": lambda: "/",
        "place": lambda: rng.choice(places),
        "directory.search": search,
        "directory.listing": lambda: f"/directory/listings/{rng.choice(listings)}/",
        "consultations.detail": lambda: rng.choice(consultations),
        "transparency.spending": spending,
    }


def drive(
    address: tuple[str, int],
    urls: dict[str, Callable[[], str]],
    *,
    seconds: float,
    clients: int,
    seed: int = 8,
    mix: dict[str, int] = MIX,
) -> tuple[dict[str, PageFigures], float]:
    """Each client asks for pages of the mix one after another until the time is up; returns figures per page."""
    figures = {name: PageFigures() for name in mix}
    lock = threading.Lock()
    names, weights = list(mix), list(mix.values())
    warm = threading.Barrier(clients + 1)
    stop = threading.Event()

    def client(number: int) -> None:
        rng = random.Random(seed + number)
        connection = http.client.HTTPConnection(*address, timeout=60)
        headers = {"Accept": "text/html", "User-Agent": "localism-loadtest"}

        def get(url: str) -> tuple[int | str, float]:
            nonlocal connection
            start = time.perf_counter()
            try:
                connection.request("GET", url, headers=headers)
                response = connection.getresponse()
                response.read()
                status: int | str = response.status
            except (OSError, http.client.HTTPException) as error:
                connection.close()
                connection = http.client.HTTPConnection(*address, timeout=60)
                status = type(error).__name__
            return status, (time.perf_counter() - start) * 1000

        # Warm-up, not counted: every worker imports, compiles templates and connects to the database.
        for name in names:
            get(urls[name]())
        warm.wait()
        while not stop.is_set():
            name = rng.choices(names, weights)[0]
            url = urls[name]()
            status, elapsed = get(url)
            with lock:
                page = figures[name]
                if isinstance(status, int) and 200 <= status < 300:
                    page.latencies_ms.append(elapsed)
                else:
                    page.errors += 1
                    if len(page.error_examples) < 5:
                        page.error_examples.append(f"{status} {url}")
        connection.close()

    threads = [threading.Thread(target=client, args=(n,), daemon=True) for n in range(clients)]
    for thread in threads:
        thread.start()
    warm.wait(timeout=300)
    start = time.monotonic()
    try:
        stop.wait(seconds)
    finally:
        stop.set()
        for thread in threads:
            thread.join(timeout=70)
    return figures, time.monotonic() - start


# Anonymous pages asked for alone, each for a share of the run: what the page cache serves (a few
# listings and places over and over, as a busy day's visitors ask for them), beside a bare Django hello
# served by the same gunicorn in the same run.
ALONE = ("home", "place", "directory.listing")


def _warm_up(address: tuple[str, int], paths: list[str]) -> None:
    """Each page asked for once, not counted: rendered and kept, as a busy site has them."""
    connection = http.client.HTTPConnection(*address, timeout=60)
    try:
        for path in paths:
            connection.request("GET", path)
            connection.getresponse().read()
    finally:
        connection.close()


def drive_with_wrk(address: tuple[str, int], paths: list[str], *, seconds: float, clients: int) -> dict:
    """One page's figures from wrk (Debian's `wrk`, a C client), asking for paths in turn: Python client
    threads would use as much of the machine as the server they measure."""
    host, port = address
    command = [
        "wrk",
        "--threads=1",
        f"--connections={clients}",
        f"--duration={max(1, round(seconds))}s",
        f"--script={ROOT / 'devtools' / 'loadtest_alone.lua'}",
        f"http://{host}:{port}",
        "--",
        *paths,
    ]
    output = subprocess.run(command, capture_output=True, text=True, check=True, timeout=seconds + 60).stdout
    figures = json.loads(output.strip().splitlines()[-1])
    elapsed = figures["duration_us"] / 1e6
    return {
        "requests": figures["requests"],
        "requests_per_second": round(figures["requests"] / elapsed, 1),
        "median_ms": round(figures["median_us"] / 1000, 1),
        "p95_ms": round(figures["p95_us"] / 1000, 1),
        # wrk counts answers of 400 and over, and broken connections.
        "errors": figures["status_errors"] + figures["socket_errors"],
    }


def drive_alone(env: dict[str, str], urls, *, seconds: float, clients: int, workers: int) -> dict:
    """Requests per second of each page alone against the portal, and of a bare Django hello: with wrk when
    it is installed, else with the Python client threads (which then take a core from the server)."""

    has_wrk = shutil.which("wrk") is not None

    def one_page(address, paths: list[str]) -> dict:
        _warm_up(address, paths)
        if has_wrk:
            return drive_with_wrk(address, paths, seconds=seconds, clients=clients)
        few = itertools.cycle(paths)
        figures, elapsed = drive(address, {"page": few.__next__}, seconds=seconds, clients=clients, mix={"page": 1})
        return figures["page"].summary(elapsed)

    rows = {}
    bare = {key: value for key, value in env.items() if key != "DJANGO_SETTINGS_MODULE"}
    hello = Gunicorn(bare, workers=workers, app="devtools.hello_wsgi:application")
    hello.start()
    try:
        rows["hello (bare Django)"] = one_page(hello.address, ["/"])
    finally:
        hello.stop()
    portal = Gunicorn(env, workers=workers)
    portal.start()
    try:
        for name in ALONE:
            rows[f"{name} (alone)"] = one_page(portal.address, [urls[name]() for _ in range(5)])
    finally:
        portal.stop()
    client = "wrk" if has_wrk else "Python client threads (install wrk for the server's own figures)"
    print(f"Alone, each page for {seconds:.0f} s with {clients} connections, asked by {client}:")
    print(f"{'alone':<24}{'requests':>10}{'req/s':>9}{'median ms':>11}{'p95 ms':>9}{'errors':>8}")
    for name, row in rows.items():
        print(
            f"{name:<24}{row['requests']:>10}{row['requests_per_second']:>9}"
            f"{row['median_ms']:>11}{row['p95_ms']:>9}{row['errors']:>8}"
        )
    return rows


def report(figures: dict[str, PageFigures], seconds: float) -> dict:
    pages = {name: page.summary(seconds) for name, page in figures.items()}
    everything = PageFigures(
        latencies_ms=[ms for page in figures.values() for ms in page.latencies_ms],
        errors=sum(page.errors for page in figures.values()),
    )
    pages["all"] = everything.summary(seconds)
    print(f"{'page':<24}{'requests':>10}{'req/s':>9}{'median ms':>11}{'p95 ms':>9}{'errors':>8}")
    for name, row in pages.items():
        print(
            f"{name:<24}{row['requests']:>10}{row['requests_per_second']:>9}"
            f"{row['median_ms']:>11}{row['p95_ms']:>9}{row['errors']:>8}"
        )
    for name, page in figures.items():
        for example in page.error_examples:
            print(f"error on {name}: {example}", file=sys.stderr)
    return pages


def _seeded_scale(env: dict[str, str], url: str) -> str | None:
    """The scale `make bench` last seeded this database at: a load test does not reseed it at another."""
    marker = benchrun.data_directory(env) / "bench-seed.json"
    seeded = json.loads(marker.read_text()) if marker.exists() else {}
    return seeded.get("scale") if seeded.get("database") == url else None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m devtools.loadtest", description=__doc__.split("\n\n")[0])
    parser.add_argument("seconds", nargs="?", type=float, default=30, help="how long to drive the load (30)")
    parser.add_argument("--clients", type=int, default=6, help="concurrent clients, one connection each (6)")
    parser.add_argument("--workers", type=int, default=3, help="gunicorn worker processes (3)")
    parser.add_argument(
        "--alone",
        type=float,
        default=0,
        help="then each of home, place and listing alone, and a bare hello, this many s",
    )
    args = parser.parse_args(argv)

    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    env = benchrun.bench_environment()
    env["ALLOWED_HOSTS"] = "127.0.0.1"
    # No collectstatic for a load test of pages: WhiteNoise need not say that STATIC_ROOT is missing.
    env.setdefault("PYTHONWARNINGS", "ignore:No directory at:UserWarning")
    url, server = benchrun.bench_database(env)
    env["DATABASE_URL"] = url
    scale = os.environ.get("SCALE") or _seeded_scale(env, url) or "full"
    gunicorn = None
    try:
        benchrun.prepare(env, scale)
        # This process reads the data to pick the pages from, through the same settings.
        os.environ.update(env)
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "localism.settings")
        import django

        django.setup()
        from django.db import connections

        urls = sample_urls(random.Random(8))
        connections.close_all()

        # Other work on the machine shows in the figures: the load beforehand goes with them.
        load_before = round(os.getloadavg()[0], 2)
        gunicorn = Gunicorn(env, workers=args.workers)
        gunicorn.start()
        print(
            f"Driving gunicorn ({args.workers} workers, http://127.0.0.1:{gunicorn.port}) with {args.clients} "
            f"clients for {args.seconds:.0f} s against the bench database (scale {scale!r}).",
            flush=True,
        )
        figures, seconds = drive(gunicorn.address, urls, seconds=args.seconds, clients=args.clients)
        pages = report(figures, seconds)
        gunicorn.stop()
        alone = (
            drive_alone(env, urls, seconds=args.alone, clients=args.clients, workers=args.workers)
            if args.alone
            else {}
        )
        result = {
            "seconds": round(seconds, 1),
            "clients": args.clients,
            "workers": args.workers,
            "scale": scale,
            "load_average_before": load_before,
            "pages": pages,
            "alone": alone,
        }
        output = benchrun.data_directory(env) / "loadtest.json"
        output.write_text(json.dumps(result, indent=2) + "\n")
        print(f"Written to {output}.")
        return 1 if pages["all"]["errors"] or any(row["errors"] for row in alone.values()) else 0
    except KeyboardInterrupt:
        print("Stopped.", file=sys.stderr)
        return 130
    finally:
        if gunicorn is not None:
            gunicorn.stop()
        benchrun.stop_embedded(server)


if __name__ == "__main__":
    sys.exit(main())
