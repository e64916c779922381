"""`make bench` measurements of the directory: search, a listing page and the ORUK API."""

from __future__ import annotations

from devtools.bench import Runner, register


@register("directory", order=30)
def measure_directory(runner: Runner) -> None:
    from django.db import connection

    from directory.models import Listing, TaxonomyTerm

    if not connection.in_atomic_block:
        # As autovacuum leaves a production database: statistics and visibility maps up to date
        # after the bulk load (index-only scans count public listings without reading the table).
        with connection.cursor() as cursor:
            for table in ("directory_listing", "directory_location", "directory_listing_categories"):
                cursor.execute(f"VACUUM ANALYZE {table}")

    term = TaxonomyTerm.objects.filter(parent__isnull=False).order_by("slug").first()
    category = f"&category={term.slug}" if term else ""
    runner.page("directory.search", f"/directory/?q=community&postcode=NR2+1AB&miles=5{category}")
    listing = Listing.objects.published().order_by("pk").first()
    runner.page("directory.listing", f"/directory/listings/{listing.pk}/")
    runner.page("oruk.services", "/api/oruk/services?page=3&per_page=20")
    runner.page(
        "oruk.service_at_locations", "/api/oruk/service_at_locations?postcode=NR2+1AB&proximity=8000&per_page=20"
    )
