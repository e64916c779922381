"""Residents explore spending: filters, totals, charts with tables, supplier pages and downloads."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from localism.services import dataset_import
from tests.downloads import downloaded_csv_rows, downloaded_json
from tests.transparency.factories import SpendingRecordFactory
from transparency.models import Dataset
from transparency.services import spending_facets_refresh

pytestmark = pytest.mark.django_db


@pytest.fixture
def spending():
    SpendingRecordFactory(
        beneficiary_name="Wensum Care Services Ltd", amount=Decimal("12000.00"), payment_date=datetime.date(2025, 4, 3)
    )
    SpendingRecordFactory(
        beneficiary_name="Wensum Care Services Ltd", amount=Decimal("-500.00"), payment_date=datetime.date(2025, 5, 3)
    )
    SpendingRecordFactory(
        beneficiary_name="Anglian Highways Ltd",
        amount=Decimal("80000.00"),
        payment_date=datetime.date(2025, 6, 30),
        service_area="Highways and Transport",
        expense_type="Winter gritting",
        purpose="Salt",
    )
    spending_facets_refresh()  # what every import does: the explorer's choices and the supplier list


def test_the_explorer_shows_net_totals_and_each_chart_with_its_table(client, spending):
    response = client.get(reverse("transparency:spending"))

    html = response.content.decode()
    assert response.status_code == 200
    assert "£91,500" in html  # 12,000 - 500 + 80,000
    assert '<svg class="localism-chart"' in html
    assert "Spend by month as a table" in html
    assert "April 2025" in html and "£12,000" in html
    assert "May 2025" in html and "-£500" in html
    assert 'href="/transparency/spending/suppliers/anglian-highways-ltd/"' in html
    assert "Highways and Transport" in html


def test_thousands_of_payments_are_counted_with_commas_beside_the_money(client, spending):
    SpendingRecordFactory.create_batch(1_200, beneficiary_name="Anglian Highways Ltd", amount=Decimal("10.00"))
    spending_facets_refresh()

    explorer = client.get(reverse("transparency:spending")).content.decode()
    address = reverse("transparency:supplier_detail", kwargs={"slug": "anglian-highways-ltd"})
    supplier = client.get(address).content.decode()

    payments = '<span class="govuk-caption-m">Payments</span><span class="govuk-heading-l govuk-!-margin-bottom-0">{}<'
    assert payments.format("1,203") in explorer
    assert "£103,500" in explorer  # 91,500 + 1,200 × 10
    assert payments.format("1,201") in supplier


def test_a_service_area_filter_narrows_the_totals_and_payments(client, spending):
    response = client.get(reverse("transparency:spending"), {"service_area": "Highways and Transport"})

    html = response.content.decode()
    assert "£80,000" in html
    assert "Wensum Care Services Ltd" not in html


def test_each_choice_of_service_area_and_expense_type_is_offered_once(client, spending):
    html = client.get(reverse("transparency:spending"), {"service_area": "Highways and Transport"}).content.decode()

    assert html.count(">All service areas</option>") == 1
    assert html.count(">All expense types</option>") == 1
    assert '<option value="Highways and Transport" selected>Highways and Transport</option>' in html
    assert html.count(">Winter gritting</option>") == 1


def test_date_and_amount_ranges_filter(client, spending):
    response = client.get(
        reverse("transparency:spending"), {"date_from": "01/05/2025", "date_to": "30/06/2025", "amount_min": "0"}
    )

    html = response.content.decode()
    assert "£80,000" in html
    assert "12,000.00" not in html
    assert "-£500.00" not in html


def test_supplier_search_finds_part_of_a_name_in_any_case(client, spending):
    response = client.get(reverse("transparency:spending"), {"q": "WENSUM"})

    html = response.content.decode()
    assert "£11,500" in html
    assert "Anglian Highways Ltd" not in html


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"date_from": "31/02/2025"}, "31/02/2025 is not a real date"),
        ({"amount_min": "lots"}, "Enter an amount in pounds, like 5000 or 5000.50"),
        ({"service_area": "Nonsense"}, "Choose one of the options in the list"),
        ({"date_from": "01/06/2025", "date_to": "01/05/2025"}, "must be after"),
        ({"amount_min": "900", "amount_max": "100"}, "must be more than"),
        ({"q": "x" * 500}, "Enter no more than 100 characters"),
        ({"amount_min": "1e400"}, "Enter"),
    ],
)
def test_bad_filters_get_a_clear_message_not_an_error_page(client, spending, params, message):
    response = client.get(reverse("transparency:spending"), params)

    assert response.status_code == 400
    html = response.content.decode()
    assert "govuk-error-summary" in html
    assert message in html
    assert "<title>Error: " in html


@pytest.mark.parametrize("text", ["\x00", "\u202e\u0301 ", "'; DROP TABLE x; --", "%_%", "\\"])
def test_odd_supplier_searches_do_not_break_the_page(client, spending, text):
    assert client.get(reverse("transparency:spending"), {"q": text}).status_code in (200, 400)


def test_the_csv_download_has_the_filtered_rows_and_is_formula_safe(client, spending):
    SpendingRecordFactory(beneficiary_name="=cmd|' /C calc'!A0", service_area="Highways and Transport")
    spending_facets_refresh()

    response = client.get(
        reverse("transparency:spending_download", kwargs={"fmt": "csv"}), {"service_area": "Highways and Transport"}
    )

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = downloaded_csv_rows(response)
    assert rows[0][:5] == ["Body name", "Organisational unit", "Service area", "Expense type", "Payment date"]
    assert len(rows) == 3
    names = {row[8] for row in rows[1:]}
    assert names == {"Anglian Highways Ltd", "'=cmd|' /C calc'!A0"}


def test_the_json_download_carries_the_licence_and_the_filters(client, spending):
    response = client.get(reverse("transparency:spending_download", kwargs={"fmt": "json"}), {"q": "wensum"})

    document = downloaded_json(response)
    assert document["licence"] == "Open Government Licence v3.0"
    assert document["filters"] == {"q": "wensum"}
    assert sorted(r["amount"] for r in document["records"]) == ["-500.00", "12000.00"]


def test_a_download_with_bad_filters_shows_the_errors(client, spending):
    response = client.get(reverse("transparency:spending_download", kwargs={"fmt": "csv"}), {"amount_min": "lots"})

    assert response.status_code == 400
    assert "Enter an amount in pounds" in response.content.decode()


def test_each_supplier_has_a_page_with_its_payments(client, spending):
    response = client.get(reverse("transparency:supplier_detail", kwargs={"slug": "wensum-care-services-ltd"}))

    html = response.content.decode()
    assert response.status_code == 200
    assert '<h1 class="govuk-heading-xl">Wensum Care Services Ltd</h1>' in html
    assert "£11,500" in html
    assert "supplier=wensum-care-services-ltd" in html


def test_an_unknown_supplier_is_not_found(client, spending):
    assert client.get(reverse("transparency:supplier_detail", kwargs={"slug": "nobody"})).status_code == 404


def test_the_explorer_uses_a_fixed_number_of_queries_whatever_the_data(client, django_assert_max_num_queries):
    for index in range(120):
        SpendingRecordFactory(
            beneficiary_name=f"Supplier {index % 30}",
            service_area=f"Area {index % 7}",
            payment_date=datetime.date(2024, 1, 1) + datetime.timedelta(days=index * 5),
        )
    spending_facets_refresh()

    # The choices, the data version, the one aggregate pass, the top suppliers' names, the page of payments
    # (and, for a supplier, its name, which says too whether any of its payments delivered something: none
    # did, so what they delivered is not asked, transparency.delivery): none of them grows with the data.
    with django_assert_max_num_queries(5):
        assert client.get(reverse("transparency:spending")).status_code == 200
    with django_assert_max_num_queries(6):
        assert client.get(reverse("transparency:supplier_detail", kwargs={"slug": "supplier-3"})).status_code == 200


def test_deep_pages_are_capped_and_bad_page_numbers_are_handled(client, spending):
    assert client.get(reverse("transparency:spending"), {"page": "99999"}).status_code == 200
    assert client.get(reverse("transparency:spending"), {"page": "abc"}).status_code == 200


def test_the_figures_change_as_soon_as_new_spending_is_imported(
    client, spending, moderator, sample_file, django_capture_on_commit_callbacks
):
    assert "£91,500" in client.get(reverse("transparency:spending")).content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        dataset_import(
            dataset=Dataset.SPENDING, file_name="q.csv", data=sample_file("spending-2026-q1.csv"), by=moderator
        )

    html = client.get(reverse("transparency:spending")).content.decode()
    assert "£91,500" not in html
    assert "403" in html  # 3 payments before, 400 imported


def test_after_an_import_each_service_area_is_ready_without_a_pass_over_the_records(
    client, moderator, sample_file, django_capture_on_commit_callbacks, django_assert_max_num_queries
):
    with django_capture_on_commit_callbacks(execute=True):
        dataset_import(
            dataset=Dataset.SPENDING, file_name="q.csv", data=sample_file("spending-2026-q1.csv"), by=moderator
        )

    # The choices, the data version and the page of payments: the figures come from the shared cache.
    with django_assert_max_num_queries(3):
        response = client.get(reverse("transparency:spending"), {"service_area": "Museums"})
    assert response.status_code == 200
    with django_assert_max_num_queries(3):
        assert client.get(reverse("transparency:spending")).status_code == 200
