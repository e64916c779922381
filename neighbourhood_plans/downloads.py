"""The county-wide list of neighbourhood plans as open data (CSV and JSON), through the one download view."""

from __future__ import annotations

from django.conf import settings
from django.db.models import F
from django.urls import reverse

from localism.exports import FormFilter, ListDownload, licence_meta
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


def _filtered(request) -> FormFilter:
    listed = views.filtered_plans(request)
    rows = listed.qs.annotate(
        area_name=F("area__name"),
        district_name=F("area__parent__name"),
        council_name=F("council__name"),
        area_slug=F("area__slug"),
    )
    return FormFilter(listed.form, rows)


def _readable(rows):
    """The stage as people read it, and each plan's address on the portal."""
    stages = dict(Stage.choices)
    for row in rows:
        link = settings.SITE_URL + reverse("neighbourhood_plans:detail", kwargs={"slug": row[-1]})
        yield (*row[:5], stages.get(row[5], row[5]), *row[6:-1], link)


DOWNLOADS = {
    "plans": ListDownload(
        filename="neighbourhood-plans",
        columns=COLUMNS,
        filterset=_filtered,
        page=views.plan_list,
        json_key="plans",
        json_meta=lambda request: licence_meta("Neighbourhood plans"),
        rows=_readable,
        json_keys=(*(name for name, _ in COLUMNS[:-1]), "url"),
    ),
}
