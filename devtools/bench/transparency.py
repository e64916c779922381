"""`make bench` measurements for transparency: the spending explorer and the first byte of a large CSV."""

from __future__ import annotations

import time

from django.core.cache import cache
from django.core.management import call_command
from django.test import Client

from devtools.bench import Runner, register
from transparency.models import SpendingFacet, SpendingRecord


@register("transparency", order=50)
def measure(runner: Runner) -> None:
    # Production has a shared cache (Redis, or the database cache table `make run` creates); the bench
    # database may not have the table yet.
    call_command("createcachetable", verbosity=0)
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

    # The first visit to a view (nothing in the shared cache yet, as after an import or for a view nobody
    # asked for before): the whole page, for each kind of filter on its own.
    expense = (
        SpendingFacet.objects.filter(kind=SpendingFacet.Kind.EXPENSE_TYPE).values_list("value", flat=True).first()
    )
    first_visits = {
        "none": {},
        "service_area": {"service_area": area or ""},
        "expense_type": {"expense_type": expense or ""},
        "supplier": {"supplier": supplier or ""},
        "supplier_search": {"q": "wensum"},
        "date_quarter": {"date_from": "01/04/2025", "date_to": "30/06/2025"},
        "date_from": {"date_from": "01/01/2026"},
        "date_range_cut": {"date_from": "14/02/2025", "date_to": "17/09/2025"},
        "amount_min": {"amount_min": "5000"},
        "amount_range": {"amount_min": "1234.56", "amount_max": "2000"},
    }
    client = Client()

    def first_visit(query: dict):
        def visit() -> None:
            cache.clear()
            response = client.get("/transparency/spending/?" + urlencode(query))
            if response.status_code != 200:
                raise RuntimeError(f"the spending page answered {response.status_code} to {query}")

        return visit

    for name, query in first_visits.items():
        runner.call(f"transparency.spending_first_visit.{name}", first_visit(query), n=7)

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
