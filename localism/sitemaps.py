"""sitemap.xml: each app registers its sitemaps here from its hooks.py."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib.sitemaps import Sitemap
from django.db.models import QuerySet
from django.urls import reverse

from localism.models import Council, Councillor, InformationPage, Place
from localism.registry import Registry

SITEMAPS: Registry[type[Sitemap]] = Registry("sitemaps")


def register_sitemap(name: str, sitemap: type[Sitemap]) -> None:
    SITEMAPS.add(name, sitemap)


def rows_sitemap(changefreq: str, rows: Callable[[], QuerySet], lastmod: str = "") -> type[Sitemap]:
    """A sitemap of the rows `rows()` gives, read afresh at each request: each row's page is its
    get_absolute_url; `lastmod` names the field of the row's last change, where it has one."""

    class RowsSitemap(Sitemap):
        def items(self):
            return rows()

    RowsSitemap.changefreq = changefreq
    if lastmod:
        RowsSitemap.lastmod = lambda self, row: getattr(row, lastmod)
    return RowsSitemap


class SectionSitemap(Sitemap):
    changefreq = "weekly"

    def items(self) -> list[str]:
        return [
            "localism:home",
            "localism:place_list",
            "localism:council_list",
            "localism:who_represents_me",
            "localism:get_involved",
            "localism:about",
            "localism:resource_list",
            "localism:open_data_licence",
        ]

    def location(self, item: str) -> str:
        return reverse(item)


PlaceSitemap = rows_sitemap("daily", lambda: Place.objects.only("slug").order_by("pk"))
CouncilSitemap = rows_sitemap("monthly", lambda: Council.objects.only("slug").order_by("pk"))
CouncillorSitemap = rows_sitemap("weekly", lambda: Councillor.objects.only("slug").order_by("pk"))
InformationPageSitemap = rows_sitemap(
    "monthly", lambda: InformationPage.objects.published().only("slug", "updated_at").order_by("pk"), "updated_at"
)
