"""The community asset transfer applications as open data (CSV and JSON), through the one download view."""

from __future__ import annotations

from django.db.models import F

from asset_transfers import views
from asset_transfers.models import Stage, Tenure, TransferApplication
from localism.exports import page_list_download

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


DOWNLOADS = {
    "applications": page_list_download(
        "Community asset transfer applications",
        filename="community-asset-transfers",
        json_key="applications",
        columns=COLUMNS,
        filterset=views.filtered_applications,
        page=views.application_list,
        annotate={
            "place_name": F("place__name"),
            "organisation_name": F("organisation__name"),
            "council_name": F("council__name"),
            "link": F("reference"),
        },
        labels={
            "tenure_sought": Tenure.choices,
            "stage": Stage.choices,
            "outcome": TransferApplication.Outcome.choices,
        },
        link=("asset_transfers:detail", "reference"),
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
