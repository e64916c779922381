"""sitemap.xml: each app registers its sitemaps here from its hooks.py."""

from __future__ import annotations

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from localism.models import Council, Councillor, InformationPage, Place
from localism.registry import Registry

SITEMAPS: Registry[type[Sitemap]] = Registry("sitemaps")


def register_sitemap(name: str, sitemap: type[Sitemap]) -> None:
    SITEMAPS.add(name, sitemap)


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


class PlaceSitemap(Sitemap):
    changefreq = "daily"

    def items(self):
        return Place.objects.only("slug").order_by("pk")


class CouncilSitemap(Sitemap):
    changefreq = "monthly"

    def items(self):
        return Council.objects.only("slug").order_by("pk")


class CouncillorSitemap(Sitemap):
    changefreq = "weekly"

    def items(self):
        return Councillor.objects.only("slug").order_by("pk")


class InformationPageSitemap(Sitemap):
    changefreq = "monthly"

    def items(self):
        return InformationPage.objects.published().only("slug", "updated_at").order_by("pk")

    def lastmod(self, page: InformationPage):
        return page.updated_at
