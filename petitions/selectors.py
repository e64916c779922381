"""Reads for the staff checks."""

from __future__ import annotations

from django.contrib.postgres.search import SearchQuery, SearchVector

from petitions.models import Petition


def possible_duplicates_of(petition: Petition, limit: int = 5) -> list[Petition]:
    """Open petitions to the same council that share a word with this one's title (a duplicate is seldom
    worded the same way, so any shared word counts; staff judge)."""
    words = SearchQuery(" OR ".join(petition.title.split()), search_type="websearch", config="english")
    return list(
        Petition.objects.filter(council_id=petition.council_id, status=Petition.Status.OPEN)
        .exclude(pk=petition.pk)
        .alias(document=SearchVector("title", "action", config="english"))
        .filter(document=words)
        .order_by("-opened_at")[:limit]
    )
