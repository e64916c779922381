from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from events.models import Event


class EventListSitemap(Sitemap):
    changefreq = "daily"

    def items(self) -> list[str]:
        return ["events:list"]

    def location(self, item: str) -> str:
        return reverse(item)


class EventSitemap(Sitemap):
    changefreq = "daily"

    def items(self):
        return Event.objects.public().upcoming().only("pk").order_by("pk")
