"""The community asset transfer applications as open data (CSV and JSON), through the one download view."""

from __future__ import annotations

from django.conf import settings
from django.db.models import F
from django.urls import reverse

from asset_transfers import views
from asset_transfers.models import Stage, Tenure, TransferApplication
from localism.exports import FormFilter, ListDownload, licence_meta

COLUMNS = (
    ("reference", "Reference"),
    ("asset_name", "Building or land"),
    ("address", "Address"),
    ("place_name", "Place"),
    ("organisation_name", "Group"),
    ("council_name", "Council"),
    ("tenure_sought", "Asked for"),
    ("stage", "Stage"),
    ("outcome", "Outcome"),
    ("submitted_at", "Submitted"),
    ("decided_on", "Decided on"),
    ("link", "Link"),
)


def _filtered(request) -> FormFilter:
    listed = views.filtered_applications(request)
    rows = listed.qs.annotate(
        place_name=F("place__name"),
        organisation_name=F("organisation__name"),
        council_name=F("council__name"),
        link=F("reference"),
    )
    return FormFilter(listed.form, rows)


def _readable(rows):
    """Tenures, stages and outcomes as people read them, and each application's address on the portal."""
    stages, tenures = dict(Stage.choices), dict(Tenure.choices)
    outcomes = dict(TransferApplication.Outcome.choices)
    for row in rows:
        link = settings.SITE_URL + reverse("asset_transfers:detail", kwargs={"reference": row[-1]})
        readable = (tenures.get(row[6], row[6]), stages.get(row[7], row[7]), outcomes.get(row[8], row[8]))
        yield (*row[:6], *readable, *row[9:-1], link)


DOWNLOADS = {
    "applications": ListDownload(
        filename="community-asset-transfers",
        columns=COLUMNS,
        filterset=_filtered,
        page=views.application_list,
        json_key="applications",
        json_meta=lambda request: licence_meta("Community asset transfer applications"),
        rows=_readable,
        json_keys=(
            "reference",
            "asset_name",
            "address",
            "place",
            "group",
            "council",
            "asked_for",
            "stage",
            "outcome",
            "submitted_at",
            "decided_on",
            "url",
        ),
    ),
}
