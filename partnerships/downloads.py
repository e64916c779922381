"""The public list of partnerships as open data (CSV and JSON), through the one download view."""

from __future__ import annotations

from django import forms
from django.contrib.postgres.aggregates import StringAgg
from django.db.models import F

from localism.exports import FormFilter, page_list_download
from partnerships import views
from partnerships.models import Partnership

COLUMNS = (
    ("name", "Partnership"),
    ("kind", "Kind"),
    ("council_name", "Supported by"),
    ("summary", "Summary"),
    ("area_names", "Areas"),
    ("website", "Website"),
    ("slug", "Link"),
)


def _listed(request) -> FormFilter:
    """The partnerships the list page shows (it has no filters: the form is there for the download view)."""
    rows = views.listed_partnerships().annotate(
        council_name=F("council__name"),
        area_names=StringAgg("places__name", delimiter="; ", order_by="places__name", default=""),
    )
    return FormFilter(forms.Form(), rows)


DOWNLOADS = {
    "partnerships": page_list_download(
        "Partnerships",
        filename="partnerships",
        json_key="partnerships",
        columns=COLUMNS,
        filterset=_listed,
        page=views.partnership_list,
        labels={"kind": Partnership.Kind.choices},
        link=("partnerships:detail", "slug"),
    ),
}
