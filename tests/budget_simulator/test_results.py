"""Results: how people moved each service, in all and by district, public once the consultation closes; the
CSV through the one download view; the consultation's equality questions asked once; query counts fixed."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from budget_simulator import services
from budget_simulator.models import BudgetSubmission
from consultations import services as services_equality
from consultations.models import EqualityMonitoring, EqualityQuestionsAsked, Response
from localism.models import Place
from tests.downloads import downloaded_csv_dicts, downloaded_json
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _results(simulator, area: str = "") -> str:
    url = reverse("budget_simulator:results", kwargs={"slug": simulator.consultation.slug})
    return url + (f"?area={area}" if area else "")


def _submit(simulator, *, libraries: int, home_care: int, tax: int, district: Place | None = None, person=None):
    by_name = {s.name: s.pk for s in simulator.services.all()}
    submission, _ = services.budget_submit(
        simulator=simulator,
        respondent=person or UserFactory(),
        steps={by_name["Libraries"]: libraries, by_name["Home care"]: home_care},
        council_tax_steps=tax,
    )
    if district is not None:
        BudgetSubmission.objects.filter(pk=submission.pk).update(district=district)
    return submission


def _close(simulator) -> None:
    consultation = simulator.consultation
    consultation.closes_at = timezone.now() - dt.timedelta(minutes=1)
    consultation.save()


@pytest.fixture
def districts(reference_data):
    return Place.objects.get(slug="north-norfolk"), Place.objects.get(slug="breckland")


@pytest.fixture
def budgets(simulator, districts):
    """Three budgets from North Norfolk, one from Breckland, one with no postcode (£800,000 to find)."""
    north, breckland = districts
    simulator.saving_required = 800_000
    simulator.save()
    _submit(simulator, libraries=-2, home_care=-1, tax=0, district=north)
    _submit(simulator, libraries=-2, home_care=-1, tax=1, district=north)
    _submit(simulator, libraries=0, home_care=-1, tax=3, district=north)
    _submit(simulator, libraries=1, home_care=-1, tax=3, district=breckland)
    _submit(simulator, libraries=-1, home_care=-1, tax=2)
    _close(simulator)
    return simulator


def _cells(page: str, label: str) -> tuple[str, str]:
    """The two figures in the row whose first cell is `label`."""
    start = page.index(f'<td class="govuk-table__cell">{label}</td>')
    row = page[start : page.index("</tr>", start)]
    numbers = row.split('govuk-table__cell--numeric">')[1:]
    return tuple(n.split("<")[0] for n in numbers)


def test_the_results_show_the_distribution_of_each_service_and_council_tax(client, budgets):
    page = client.get(_results(budgets)).content.decode()

    assert "5 balanced budgets" in page
    assert _cells(page, "-2: Libraries open 4 fewer hours a week") == ("2", "40.0%")
    assert _cells(page, "+1: Sunday opening at 5 libraries") == ("1", "20.0%")
    assert _cells(page, "-1: 120 fewer home care packages") == ("5", "100.0%")
    assert _cells(page, "+3: £16.50 a year more for a Band D household") == ("2", "40.0%")
    assert "Average move: -£200,000" in page  # libraries: (-2 -2 +0 +1 -1) × £250,000 / 5


def test_the_results_by_place_count_each_district_and_filter_to_one(client, budgets):
    page = client.get(_results(budgets)).content.decode()
    assert _cells(page, "No postcode given") == ("1",)
    assert '<a class="govuk-link" href="?area=north-norfolk">North Norfolk</a>' in page

    north = client.get(_results(budgets, "north-norfolk")).content.decode()
    assert "What people chose in North Norfolk" in north
    assert "3 balanced budgets from people in North Norfolk" in north
    assert _cells(north, "-2: Libraries open 4 fewer hours a week") == ("2", "66.7%")
    assert _cells(north, "+1: Sunday opening at 5 libraries") == ("0", "0.0%")


@pytest.mark.parametrize("area", ["atlantis", "north-norfolk%00", "cromer"])
def test_an_area_that_is_not_a_district_is_not_found(client, budgets, area):
    assert client.get(_results(budgets, area)).status_code == 404


def test_results_wait_for_the_consultation_to_close_except_for_staff(client, staff_client, simulator):
    _submit(simulator, libraries=-2, home_care=-1, tax=0)

    public = client.get(_results(simulator)).content.decode()
    staff = staff_client.get(_results(simulator)).content.decode()

    assert "published when the consultation closes" in public and "1 balanced budget" not in public
    assert "1 balanced budget" in staff and "Only staff can see them until it closes" in staff


def test_staff_reach_the_consultations_equality_report_from_the_results(client, staff_client, budgets):
    report = reverse("consultations:equality_report", kwargs={"slug": budgets.consultation.slug})

    assert report in staff_client.get(_results(budgets)).content.decode()
    assert report not in client.get(_results(budgets)).content.decode()


def test_the_results_page_runs_a_fixed_number_of_queries(client, budgets, districts, django_assert_max_num_queries):
    with django_assert_max_num_queries(10) as few:
        client.get(_results(budgets))
    reopen = budgets.consultation
    reopen.closes_at = timezone.now() + dt.timedelta(days=1)
    reopen.save()
    for n in range(30):
        _submit(budgets, libraries=-2, home_care=-1, tax=n % 3, district=districts[n % 2])
    _close(budgets)
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get(_results(budgets)).content.decode()
    assert "35 balanced budgets" in page


def _download(client, **query):
    response = client.get(reverse("budget_simulator:download", kwargs={"fmt": "csv"}), query)
    assert response.status_code == 200
    return downloaded_csv_dicts(response)


def test_the_csv_counts_people_per_service_step_and_district(client, budgets):
    rows = _download(client, simulator=budgets.consultation.slug)

    north = [r for r in rows if r["area"] == "North Norfolk" and r["service"] == "Libraries"]
    assert [(r["steps"], r["change (£)"], r["consequence"], r["people"]) for r in north] == [
        ("-2", "-500000", "Libraries open 4 fewer hours a week", "2"),
        ("0", "0", "", "1"),
    ]
    taxes = [(r["area"], r["steps"], r["people"]) for r in rows if r["service"] == "Council tax"]
    assert ("Not given", "2", "1") in taxes and ("Breckland", "3", "1") in taxes
    assert sum(int(r["people"]) for r in rows if r["service"] == "Home care") == 5


def test_the_csv_follows_the_district_filter(client, budgets):
    rows = _download(client, simulator=budgets.consultation.slug, area="breckland")

    assert {r["area"] for r in rows} == {"Breckland"}


def test_the_download_holds_no_results_before_they_are_public(client, staff_client, simulator):
    _submit(simulator, libraries=-2, home_care=-1, tax=0)

    assert _download(client, simulator=simulator.consultation.slug) == []
    assert len(_download(staff_client, simulator=simulator.consultation.slug)) == 3  # two services, council tax


def test_the_json_download_names_its_licence(client, budgets):
    response = client.get(reverse("budget_simulator:download", kwargs={"fmt": "json"}))
    data = downloaded_json(response)

    assert data["licence"] == "Open Government Licence v3.0"
    assert len(data["choices"]) > 0


def test_a_download_naming_an_unknown_district_explains_itself(client, budgets):
    response = client.get(reverse("budget_simulator:download", kwargs={"fmt": "csv"}), {"area": "atlantis"})

    assert response.status_code == 400
    assert "names a district we do not know" in response.content.decode()


def test_the_equality_questions_are_asked_once_and_counted_in_the_consultations_report(
    resident_client, resident, simulator
):
    _submit(simulator, libraries=-2, home_care=-1, tax=0, person=resident)
    url = reverse("budget_simulator:equality", kwargs={"slug": simulator.consultation.slug})
    done = resident_client.get(reverse("budget_simulator:done", kwargs={"slug": simulator.consultation.slug}))
    assert url in done.content.decode()

    assert "What is your age?" in resident_client.get(url).content.decode()
    response = resident_client.post(url, {"age_band": "35-44", "sex": "female", "religion": "none"})

    assert response.status_code == 302
    record = EqualityMonitoring.objects.get()
    assert (record.consultation_id, record.age_band, record.sex) == (simulator.consultation_id, "35-44", "female")
    assert EqualityQuestionsAsked.objects.filter(consultation=simulator.consultation, person=resident).exists()
    resident_client.post(url, {"age_band": "35-44", "sex": "male"})
    assert EqualityMonitoring.objects.count() == 1


def test_someone_who_answered_with_their_survey_response_is_not_asked_again(resident_client, resident, simulator):
    response = Response.objects.create(consultation=simulator.consultation, respondent=resident)
    services_equality.equality_monitoring_record(
        consultation=simulator.consultation, person=response.respondent, values={"sex": "male"}
    )
    _submit(simulator, libraries=-2, home_care=-1, tax=0, person=resident)
    url = reverse("budget_simulator:equality", kwargs={"slug": simulator.consultation.slug})

    assert resident_client.post(url, {"age_band": "35-44"}).status_code == 302
    assert EqualityMonitoring.objects.count() == 1


def test_answering_after_a_budget_marks_the_survey_response_too(resident_client, resident, simulator):
    Response.objects.create(consultation=simulator.consultation, respondent=resident)
    _submit(simulator, libraries=-2, home_care=-1, tax=0, person=resident)

    resident_client.post(
        reverse("budget_simulator:equality", kwargs={"slug": simulator.consultation.slug}), {"age_band": "25-34"}
    )

    assert not resident_client.get(reverse("consultations:equality", kwargs={"slug": simulator.consultation.slug}))[
        "Location"
    ].endswith("/equality/")


def test_someone_without_a_budget_is_not_asked_the_equality_questions(resident_client, simulator):
    url = reverse("budget_simulator:equality", kwargs={"slug": simulator.consultation.slug})

    assert resident_client.post(url, {"age_band": "35-44"}).status_code == 302
    assert not EqualityMonitoring.objects.exists()
