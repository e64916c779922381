import gc
import json
import statistics

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from devtools import bench


class Command(BaseCommand):
    help = "Measure the key pages and jobs on the seeded bench database; writes DATA_DIR/bench.json."

    def add_arguments(self, parser):
        parser.add_argument("--requests", type=int, default=30, help="Requests per page (default 30).")
        parser.add_argument(
            "--only",
            action="append",
            metavar="APP",
            help="Measure only this app's pages (repeatable), e.g. directory.",
        )

    def handle(self, *args, **options):
        gc.freeze()  # as localism/wsgi.py does in every server process
        # The database as autovacuum keeps it on a production server, soon after the bulk seeding: the planner's
        # statistics, and visibility maps that let index-only scans answer without visiting the tables. A server
        # that runs without autovacuum would otherwise plan every page from no statistics at all. (Inside a
        # transaction, as in the tests, VACUUM cannot run: the statistics alone.)
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE" if connection.in_atomic_block else "VACUUM (ANALYZE)")
        runner = bench.Runner(requests=options["requests"])
        for measure in bench.measurements(options["only"]):
            # A measurement that fails outside a timed call (its set-up, a worker that will not start)
            # is recorded under its function's name; the others still run and are written.
            try:
                measure(runner)
            except Exception as error:
                runner.fail(f"{measure.__module__.rsplit('.', 1)[-1]}.{measure.__name__}", error)
        self.stdout.write(
            f"{'measurement':32} {'median ms':>10} {'p95 ms':>10} {'queries':>8} {'n':>6} {'SQL ms':>8} {'÷ SQL':>6}"
        )
        for name, result in runner.results.items():
            if "failed" in result:
                self.stdout.write(f"{name:32} FAILED: {result['failed']}")
            elif "seconds" in result:
                others = "".join(f"  {k} {v}" for k, v in result.items() if k not in ("seconds", "count"))
                self.stdout.write(f"{name:32} {result['seconds']:>10} s {'':>9} {'':>8} {result['count']:>6}{others}")
            else:
                sql = f"{result['sql_ms']:>8} {result.get('ratio') or '':>6}" if "sql_ms" in result else ""
                self.stdout.write(
                    f"{name:32} {result['median_ms']:>10} {result['p95_ms']:>10} "
                    f"{result['queries']:>8} {result['n']:>6} {sql}"
                )
        ratios = [r["ratio"] for r in runner.results.values() if r.get("ratio") and not r.get("baseline")]
        if ratios:
            self.stdout.write(
                "Page time ÷ its own SQL (replayed on a raw cursor in the same run): "
                f"median {statistics.median(ratios):.2f}, highest {max(ratios)} ({len(ratios)} pages)"
            )
        for name, result in runner.results.items():
            if result.get("baseline"):
                self.stdout.write(
                    f"Baseline, not a key page: {name} {result['median_ms']} ms, ÷ SQL {result['ratio']}"
                )
        path = settings.DATA_DIR / ("bench.json" if not options["only"] else "bench-only.json")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(runner.results, indent=1, sort_keys=True))
        self.stdout.write(f"Written to {path}")
        if runner.failures:
            raise CommandError(f"{len(runner.failures)} measurement(s) failed: {', '.join(runner.failures)}")
