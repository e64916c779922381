"""Partnerships on place pages, in the site search and in the sitemap."""

from django.contrib.sitemaps import Sitemap

from partnerships.models import Partnership

SHOWN = 5


def place(request, place) -> dict:
    """The published partnerships for the place, an area inside it or an area around it."""
    partnerships = list(Partnership.objects.published().in_place(place).order_by("name")[: SHOWN + 1])
    return {"partnerships": partnerships[:SHOWN], "more": len(partnerships) > SHOWN}


class PartnershipSitemap(Sitemap):
    changefreq = "weekly"

    def items(self):
        return Partnership.objects.published().only("pk", "slug").order_by("pk")


def search_partnerships(query, text):
    """Published partnerships, for the site search."""
    from localism.search import SHOWN_PER_GROUP, SearchGroup, SearchHit, ranked, weighted

    matches = ranked(Partnership.objects.published(), weighted(("name", "A"), ("summary", "B"), ("about", "C")), query)
    hits = [SearchHit(p.name, p.get_absolute_url(), p.summary) for p in matches[:SHOWN_PER_GROUP]]
    return SearchGroup("partnerships", "Partnerships", matches.count(), hits)
