"""The list of consultations as open data (CSV and JSON), registered in hooks.py and served by the one
download view of localism/exports.py."""

from __future__ import annotations

from django.http import HttpRequest

from consultations import views
from localism.exports import ListDownload, licence_meta_with_filters
from localism.links import absolute_url

MAX_DOWNLOAD = 5000
COLUMNS = (
    "title",
    "url",
    "status",
    "summary",
    "opens",
    "closes",
    "decision_maker",
    "participation_level",
    "topics",
)


def _consultations(consultations, request: HttpRequest):
    """Every consultation that matches the filters (no paging), with its address and status in words."""
    for c in consultations.prefetch_related("topics")[:MAX_DOWNLOAD]:
        yield (
            c.title,
            absolute_url(c.get_absolute_url()),
            c.status_label,
            c.summary,
            c.opens_at.isoformat(),
            c.closes_at.isoformat(),
            c.decision_maker,
            c.get_participation_level_display(),
            "; ".join(t.name for t in c.topics.all()),
        )


CONSULTATIONS = ListDownload(
    filename="consultations",
    columns=tuple((name, name) for name in COLUMNS),
    filterset=views.consultation_filter,
    page=views.consultation_list,
    json_key="consultations",
    json_meta=licence_meta_with_filters("Consultations"),
    records=_consultations,
)
