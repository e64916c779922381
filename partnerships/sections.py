"""Partnerships on place pages, in the site search and in the sitemap."""

from django.contrib.sitemaps import Sitemap

from partnerships.models import Partnership, Priority

SHOWN = 5


def place(request, place) -> dict:
    """The published partnerships for the place, an area inside it or an area around it."""
    partnerships = list(Partnership.objects.published().in_place(place).order_by("name")[: SHOWN + 1])
    return {"partnerships": partnerships[:SHOWN], "more": len(partnerships) > SHOWN}


# The models whose public pages name the partnership priorities they serve, and the priority's field linking them.
SERVING = {"consultations.consultation": "consultations", "budgeting.round": "budgeting_rounds"}


def priorities_served(request, obj) -> dict:
    """The published partnerships' priorities that a consultation or a budgeting round serves (one query)."""
    priorities = (
        Priority.objects.filter(partnership__in=Partnership.objects.published())
        .filter(**{SERVING[obj._meta.label_lower]: obj})
        .select_related("partnership")
        .order_by("partnership__name", "position", "pk")
    )
    return {"priorities": list(priorities)}


class PartnershipSitemap(Sitemap):
    changefreq = "weekly"

    def items(self):
        return Partnership.objects.published().only("pk", "slug").order_by("pk")


def search_partnerships(query, text):
    """Published partnerships, for the site search."""
    from localism.search import SearchHit, first_hits, ranked, weighted

    matches = ranked(Partnership.objects.published(), weighted(("name", "A"), ("summary", "B"), ("about", "C")), query)
    return first_hits(matches, lambda p: SearchHit(p.name, p.get_absolute_url(), p.summary))
