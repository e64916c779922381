"""Staff record a plan's stages in the admin: designation, each stage with its button, and the refusals
(a short consultation, a referendum figure over 100) shown on the form with what was typed."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from localism.models import Council, Place
from neighbourhood_plans.models import NeighbourhoodPlan, Stage
from tests.downloads import downloaded_bytes
from tests.factories import PlaceFactory
from tests.permission_matrix import who_may

pytestmark = pytest.mark.django_db


def _day(days_ago: int) -> str:
    return f"{timezone.localdate() - datetime.timedelta(days=days_ago):%d/%m/%Y}"


def test_staff_designate_an_area_and_record_every_stage_to_made(staff_client, reference_data):
    district = Place.objects.get(slug="north-norfolk")
    parish = PlaceFactory(name="Northrepps", kind=Place.Kind.PARISH, parent=district)
    council = Council.objects.get(slug="north-norfolk-district-council")
    response = staff_client.post(
        reverse("admin:neighbourhood_plans_neighbourhoodplan_add"),
        {
            "area": parish.pk,
            "council": council.pk,
            "name": "Northrepps Neighbourhood Plan",
            "qualifying_body": "Northrepps Parish Council",
            "designated_on": _day(400),
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    plan = NeighbourhoodPlan.objects.get()
    url = reverse("admin:neighbourhood_plans_neighbourhoodplan_actions", args=[plan.pk])

    short = staff_client.post(
        url, {"action": "open_consultation", "apply": "1", "opens_on": _day(350), "closes_on": _day(320)}
    )
    assert short.status_code == 400 and "at least 6 weeks" in short.content.decode()
    assert _day(320) in short.content.decode()
    assert NeighbourhoodPlan.objects.get().stage == Stage.DESIGNATED

    steps = [
        {"action": "open_consultation", "opens_on": _day(350), "closes_on": _day(300)},
        {"action": "submit", "submitted_on": _day(250)},
        {"action": "start_examination", "starts_on": _day(200), "examiner": "Ann Examiner"},
    ]
    for step in steps:
        assert staff_client.post(url, {**step, "apply": "1"}).status_code == 302
    over = staff_client.post(
        url, {"action": "record_referendum", "apply": "1", "held_on": _day(60), "turnout": "101", "yes_share": "70"}
    )
    assert over.status_code == 400 and "The turnout must be between 0 and 100" in over.content.decode()
    assert NeighbourhoodPlan.objects.get().stage == Stage.EXAMINATION
    staff_client.post(
        url, {"action": "record_referendum", "apply": "1", "held_on": _day(60), "turnout": "27.5", "yes_share": "91"}
    )
    staff_client.post(url, {"action": "make", "apply": "1", "made_on": _day(30)})
    plan = NeighbourhoodPlan.objects.get()
    assert plan.stage == Stage.MADE and plan.turnout_text == "27.5%" and plan.examiner == "Ann Examiner"


def test_the_designation_form_refuses_a_council_outside_the_area(staff_client, reference_data):
    parish = PlaceFactory(name="Northrepps", kind=Place.Kind.PARISH, parent=Place.objects.get(slug="north-norfolk"))
    response = staff_client.post(
        reverse("admin:neighbourhood_plans_neighbourhoodplan_add"),
        {
            "area": parish.pk,
            "council": Council.objects.get(slug="norwich-city-council").pk,
            "name": "Northrepps Neighbourhood Plan",
            "qualifying_body": "Northrepps Parish Council",
            "designated_on": _day(10),
        },
    )
    assert (
        response.status_code == 200 and "district council whose area includes Northrepps" in response.content.decode()
    )
    assert not NeighbourhoodPlan.objects.exists()


# Who may record each stage (and see the plan), by stage: staff, and only at the stage before.
STEPS = {
    Stage.DESIGNATED: "neighbourhood_plans.open_consultation_plan",
    Stage.PRE_SUBMISSION: "neighbourhood_plans.submit_plan",
    Stage.SUBMITTED: "neighbourhood_plans.start_examination_plan",
    Stage.EXAMINATION: "neighbourhood_plans.record_referendum_plan",
    Stage.REFERENDUM: "neighbourhood_plans.make_plan",
}


@pytest.mark.parametrize("stage", [*STEPS, Stage.MADE])
def test_every_plan_permission_for_every_persona(personas, make_plan, stage):
    plan = make_plan(stage)
    assert who_may(personas, "neighbourhood_plans.see_plan", plan) == set(personas)
    assert who_may(personas, "neighbourhood_plans.add_document_plan", plan) == {"staff"}
    for at, perm in STEPS.items():
        assert who_may(personas, perm, plan) == ({"staff"} if at == stage else set()), perm


def test_staff_publish_a_document_that_residents_download_from_the_plan_page(make_plan, staff_client):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.test import Client

    plan = make_plan(Stage.PRE_SUBMISSION)
    url = reverse("admin:neighbourhood_plans_neighbourhoodplan_actions", args=[plan.pk])
    wrong = SimpleUploadedFile("plan.pdf", b"not a pdf at all", content_type="application/pdf")
    refused = staff_client.post(url, {"action": "add_document", "apply": "1", "title": "Draft plan", "file": wrong})
    assert refused.status_code == 400 and "not a real PDF" in refused.content.decode()
    assert not plan.documents.exists()
    draft = SimpleUploadedFile("plan.pdf", b"%PDF-1.4\n% the draft plan\n", content_type="application/pdf")
    staff_client.post(url, {"action": "add_document", "apply": "1", "title": "Draft plan", "file": draft})
    document = plan.documents.get()
    assert document.stage == Stage.PRE_SUBMISSION and document.file_type == "PDF"
    page = Client().get(plan.get_absolute_url()).content.decode()
    assert "Draft plan" in page and document.get_absolute_url() in page
    download = Client().get(document.get_absolute_url())
    assert download.status_code == 200 and downloaded_bytes(download).startswith(b"%PDF")
