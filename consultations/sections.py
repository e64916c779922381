"""The consultations sections of the home page and of every place page (a fixed number of queries each)."""

from __future__ import annotations

from localism.dates import long_date

SHOWN = 5


def home_context(request) -> dict:
    from consultations.models import Consultation

    return {"open": list(Consultation.objects.open().for_cards().order_by("closes_at", "id")[:SHOWN])}


def place_context(request, place) -> dict:
    from consultations.models import Consultation

    return {
        "place": place,
        "open": list(Consultation.objects.open().in_place(place).for_cards().order_by("closes_at", "id")[:SHOWN]),
        "outcomes": list(
            Consultation.objects.with_outcome()
            .in_place(place)
            .select_related("outcome")
            .only("title", "slug", "outcome__published_at")
            .order_by("-outcome__published_at", "-id")[:3]
        ),
    }


def search_consultations(query, text):
    """Published consultations, for the site search."""
    from consultations.models import Consultation
    from localism.search import SearchHit, first_hits, ranked, weighted

    matches = ranked(
        Consultation.objects.published().only("title", "slug", "summary"),
        weighted(("title", "A"), ("summary", "B"), ("body", "C")),
        query,
    )
    return first_hits(matches, lambda c: SearchHit(c.title, c.get_absolute_url(), c.summary))


def search_outcomes(query, text):
    """Published outcomes ("we asked, you said, we did"), for the site search."""
    from django.urls import reverse

    from consultations.models import Consultation
    from localism.search import SearchHit, first_hits, ranked, weighted

    matches = ranked(
        Consultation.objects.with_outcome().select_related("outcome").only("title", "slug", "outcome__decided_on"),
        weighted(
            ("title", "A"),
            ("outcome__decision", "B"),
            ("outcome__what_you_said", "C"),
            ("outcome__what_we_asked", "C"),
        ),
        query,
    )
    return first_hits(
        matches,
        lambda c: SearchHit(
            f"Outcome: {c.title}",
            reverse("consultations:outcome", kwargs={"slug": c.slug}),
            f"Decided on {long_date(c.outcome.decided_on)}."
            if c.outcome.decided_on
            else "We asked, you said, we did.",
        ),
    )


def sitemap():
    from django.contrib.sitemaps import Sitemap

    from consultations.models import Consultation

    class ConsultationSitemap(Sitemap):
        changefreq = "daily"

        def items(self):
            return Consultation.objects.published().only("slug").order_by("pk")

    return ConsultationSitemap


def consultation_discussion(consultation, user):
    """The discussion of a consultation: visible with it, open while it is, closed with a reason."""
    from discussions.registry import DiscussionPolicy

    return DiscussionPolicy(
        is_visible=user.has_perm("consultations.see_consultation", consultation),
        is_open=consultation.is_open,
        is_premoderated=consultation.is_premoderated,
        closed_message=(
            "The discussion opens with the consultation."
            if not consultation.is_published or not consultation.has_closed and not consultation.is_open
            else "This consultation has closed, and so has its discussion."
        ),
    )
