"""`make bench` measurements for transparency: the spending explorer and the first byte of a large CSV."""

from __future__ import annotations

import time

from django.core.management import call_command
from django.db import connection
from django.test import Client

from localism.bench import Runner, register
from transparency.models import SpendingFacet, SpendingRecord
from transparency.selectors import spending_summary


@register("transparency", order=50)
def measure(runner: Runner) -> None:
    # Production has a shared cache (Redis, or the database cache table `make run` creates); the bench
    # database may not have the table yet.
    call_command("createcachetable", verbosity=0)
    # What autovacuum does soon after a bulk load in production: the visibility map lets the explorer's
    # covering indexes answer without visiting the table.
    with connection.cursor() as cursor:
        cursor.execute(f'VACUUM (ANALYZE) "{SpendingRecord._meta.db_table}"')
    area = SpendingFacet.objects.filter(kind=SpendingFacet.Kind.SERVICE_AREA).values_list("value", flat=True).first()
    latest = SpendingRecord.objects.order_by("-payment_date").values_list("payment_date", flat=True).first()
    supplier = SpendingRecord.objects.values_list("supplier_slug", flat=True).first()
    from urllib.parse import urlencode

    # The headline figure: the explorer with one filter (a service area), its totals and its three charts.
    runner.page("transparency.spending", "/transparency/spending/?" + urlencode({"service_area": area or ""}))
    if latest is not None:
        quarter_start = latest.replace(day=1, month=((latest.month - 1) // 3) * 3 + 1)
        runner.page(
            "transparency.spending_quarter",
            "/transparency/spending/?" + urlencode({"date_from": f"{quarter_start:%d/%m/%Y}"}),
            n=10,
        )
    runner.page("transparency.spending_search", "/transparency/spending/?q=wensum", n=10)
    runner.page("transparency.spending_unfiltered", "/transparency/spending/", n=10)
    if supplier:
        runner.page("transparency.supplier", f"/transparency/spending/suppliers/{supplier}/", n=10)
    runner.page("transparency.assets", "/transparency/assets/", n=10)

    # The same figures without the shared cache (the first visitor to a view after an import): the one
    # aggregate pass over the filtered records, timed on its own.
    timings = []
    for _ in range(10):
        start = time.perf_counter()
        spending_summary(SpendingRecord.objects.filter(service_area=area or ""))
        timings.append((time.perf_counter() - start) * 1000)
    timings.sort()
    runner.results["transparency.spending_summary_uncached"] = {
        "median_ms": round(timings[len(timings) // 2], 2),
        "p95_ms": round(timings[-1], 2),
        "queries": 2,
        "n": len(timings),
    }

    # Time to the first byte of a large filtered CSV (about 100,000 rows at full scale), and the whole download.
    url = "/transparency/spending/download.csv?" + urlencode({"amount_min": "5000"})
    client = Client()
    firsts, totals, rows = [], [], 0
    for _ in range(5):
        start = time.perf_counter()
        response = client.get(url)
        iterator = iter(response.streaming_content)
        next(iterator)
        firsts.append((time.perf_counter() - start) * 1000)
        rows = 0
        for chunk in iterator:
            rows += chunk.count(b"\n")
        totals.append(time.perf_counter() - start)
    firsts.sort()
    runner.results["transparency.csv_first_byte"] = {
        "median_ms": round(firsts[len(firsts) // 2], 2),
        "p95_ms": round(firsts[-1], 2),
        "queries": 1,
        "n": len(firsts),
    }
    runner.throughput("transparency.csv_download", sorted(totals)[len(totals) // 2], rows)
