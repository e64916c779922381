"""Contracts over £5,000 and grants: the same import, explore pages, and the 360Giving export."""

from decimal import Decimal

import pytest
from django.conf import settings
from django.urls import reverse

from localism.jsonschemas import error_messages, registry_of, validator
from localism.services import dataset_import
from tests.downloads import downloaded_csv_rows, downloaded_json, downloaded_text
from tests.transparency.factories import ContractFactory, GrantFactory
from tests.vendored import SHARED_DATA, assert_identical_to_shared, assert_matches_recorded_sums
from transparency.models import Contract, Dataset, Grant

VENDORED_360 = settings.BASE_DIR / "transparency" / "360giving"
SCHEMA_360 = VENDORED_360 / "schema"

pytestmark = pytest.mark.django_db


def test_the_contracts_file_imports_with_flags_and_dates(moderator, sample_file):
    result = dataset_import(
        dataset=Dataset.CONTRACTS, file_name="c.csv", data=sample_file("contracts.csv"), by=moderator
    )

    assert result.succeeded, result.batch.errors
    contract = Contract.objects.get(reference="NCC-2025-0163")
    assert contract.value == Decimal("640000.00")
    assert (contract.is_tendered, contract.is_sme, contract.is_vcse) == (True, True, True)
    assert contract.review_date.isoformat() == "2027-01-01"
    assert Contract.objects.get(reference="NCC-2025-0158").review_date is None


def test_a_contract_ending_before_it_starts_is_a_line_error(moderator):
    data = (
        "Reference,Title,Department,Supplier Name,Value,Start Date,End Date\n"
        "C1,Cleaning,Property,Clean Ltd,£6000,01/04/2026,01/03/2026\n"
    ).encode()

    result = dataset_import(dataset=Dataset.CONTRACTS, file_name="c.csv", data=data, by=moderator)

    assert result.batch.errors == [{"line": 2, "message": "End date is before the start date"}]


def test_grants_get_360giving_identifiers(moderator, sample_file):
    dataset_import(
        dataset=Dataset.GRANTS, file_name="g.csv", data=sample_file("grants-360giving-source.csv"), by=moderator
    )

    charity = Grant.objects.get(recipient_org_name="Age UK Norfolk")
    company = Grant.objects.get(recipient_org_name="Norwich Community Transport CIC")
    neither = Grant.objects.get(recipient_org_name="Cromer Youth Football Club")
    assert charity.identifier == "360G-norfolkcc-cg-2025-002"
    assert charity.recipient_org_identifier == "GB-CHC-1051642"
    assert company.recipient_org_identifier == "GB-COH-09123456"  # the lost leading zero restored
    assert neither.recipient_org_identifier == "360G-norfolkcc-org-cromer-youth-football-club"
    assert charity.funding_org_identifier == "GB-LAE-NFK"


def test_the_360giving_csv_has_the_ten_core_fields_iso_dates_and_plain_amounts(client):
    GrantFactory(amount_awarded=Decimal("18500.00"), recipient_org_name="=HYPERLINK(evil)")

    response = client.get(reverse("transparency:grants_download", kwargs={"fmt": "csv"}))

    rows = downloaded_csv_rows(response)
    assert rows[0] == [
        "Identifier",
        "Title",
        "Description",
        "Currency",
        "Amount Awarded",
        "Award Date",
        "Recipient Org:Identifier",
        "Recipient Org:Name",
        "Funding Org:Identifier",
        "Funding Org:Name",
    ]
    assert rows[1][3:6] == ["GBP", "18500.00", "2025-10-14"]
    assert rows[1][7] == "'=HYPERLINK(evil)"  # safe in a spreadsheet


def test_the_360giving_json_follows_the_schema_shape(client):
    GrantFactory(identifier="360G-norfolkcc-cg-1", amount_awarded=Decimal("2400.00"))

    response = client.get(reverse("transparency:grants_download", kwargs={"fmt": "json"}))

    document = downloaded_json(response)
    assert document["grants"] == [
        {
            "id": "360G-norfolkcc-cg-1",
            "title": "Warm spaces",
            "description": "Volunteers running warm spaces.",
            "currency": "GBP",
            "amountAwarded": 2400.0,
            "awardDate": "2025-10-14",
            "recipientOrganization": [{"id": "GB-CHC-1110817", "name": "Norfolk Community Foundation"}],
            "fundingOrganization": [{"id": "GB-LAE-NFK", "name": "Norfolk County Council"}],
        }
    ]
    assert "open-government-licence" in document["license"]


def test_the_360giving_json_validates_against_the_published_package_schema(client):
    GrantFactory(identifier="360G-norfolkcc-cg-1")
    GrantFactory(identifier="360G-norfolkcc-cg-2", recipient_org_name="Cromer Youth Football Club")
    grant_schema = SCHEMA_360 / "360-giving-schema.json"
    registry = registry_of(
        [
            (
                "https://raw.githubusercontent.com/ThreeSixtyGiving/standard/1.4.3/schema/360-giving-package-schema.json",
                SCHEMA_360 / "360-giving-package-schema.json",
            ),
            # The package schema names the grant schema at the release before its own.
            (
                "https://raw.githubusercontent.com/ThreeSixtyGiving/standard/1.4.2/schema/360-giving-schema.json",
                grant_schema,
            ),
            (
                "https://raw.githubusercontent.com/ThreeSixtyGiving/standard/1.4.3/schema/360-giving-schema.json",
                grant_schema,
            ),
        ]
    )
    package = validator(
        registry,
        "https://raw.githubusercontent.com/ThreeSixtyGiving/standard/1.4.3/schema/360-giving-package-schema.json",
    )

    document = downloaded_json(client.get(reverse("transparency:grants_download", kwargs={"fmt": "json"})))

    assert error_messages(package, document) == []
    assert document["publisher"] == {
        "identifier": "GB-LAE-NFK",
        "name": "Norfolk County Council",
        "website": settings.SITE_URL + reverse("localism:home"),
    }


def test_the_vendored_360giving_schema_is_the_published_one():
    assert_matches_recorded_sums(VENDORED_360)


def test_the_vendored_360giving_schema_is_byte_identical_to_the_shared_copy():
    assert_identical_to_shared(VENDORED_360, SHARED_DATA / "360giving")


def test_contracts_filter_by_search_and_sme(client):
    ContractFactory(title="Home care in Breckland", is_sme=True)
    ContractFactory(title="Street lighting", is_sme=False)

    response = client.get(reverse("transparency:contracts"), {"q": "home care", "is_sme": "on"})

    html = response.content.decode()
    assert "Home care in Breckland" in html
    assert "Street lighting" not in html


def test_contracts_and_grants_pages_use_a_fixed_number_of_queries(client, django_assert_max_num_queries):
    ContractFactory.create_batch(60)
    GrantFactory.create_batch(60)

    with django_assert_max_num_queries(6):
        assert client.get(reverse("transparency:contracts")).status_code == 200
    with django_assert_max_num_queries(6):
        assert client.get(reverse("transparency:grants")).status_code == 200


def test_contract_downloads_stream_csv_and_json(client):
    ContractFactory(reference="NCC-1", title="@SUM(A1)")

    csv_text = downloaded_text(client.get(reverse("transparency:contracts_download", kwargs={"fmt": "csv"})))
    document = downloaded_json(client.get(reverse("transparency:contracts_download", kwargs={"fmt": "json"})))

    assert "'@SUM(A1)" in csv_text
    assert document["contracts"][0]["reference"] == "NCC-1"
    assert document["licence"] == "Open Government Licence v3.0"
