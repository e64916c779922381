"""The county-wide list of neighbourhood plans as open data (CSV and JSON), through the one download view."""

from __future__ import annotations

from django.db.models import F

from localism.exports import page_list_download
from neighbourhood_plans import views
from neighbourhood_plans.models import Stage

COLUMNS = (
    ("name", "Plan"),
    ("area_name", "Neighbourhood area"),
    ("district_name", "District"),
    ("council_name", "Council"),
    ("qualifying_body", "Qualifying body"),
    ("stage", "Stage"),
    ("designated_on", "Area designated on"),
    ("consultation_opens", "Pre-submission consultation opens"),
    ("consultation_closes", "Pre-submission consultation closes"),
    ("submitted_on", "Submitted on"),
    ("examination_starts", "Examination started on"),
    ("referendum_on", "Referendum held on"),
    ("turnout", "Turnout (%)"),
    ("yes_share", "Voting yes (%)"),
    ("made_on", "Made on"),
    ("area_slug", "Link"),
)


DOWNLOADS = {
    "plans": page_list_download(
        "Neighbourhood plans",
        filename="neighbourhood-plans",
        json_key="plans",
        columns=COLUMNS,
        filterset=views.filtered_plans,
        page=views.plan_list,
        annotate={
            "area_name": F("area__name"),
            "district_name": F("area__parent__name"),
            "council_name": F("council__name"),
            "area_slug": F("area__slug"),
        },
        labels={"stage": Stage.choices},
        link=("neighbourhood_plans:detail", "slug"),
    ),
}
