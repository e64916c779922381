"""The public date filters use the GOV.UK date input (day, month, year), say what is wrong with a date in the
field's own name, keep what was typed, and still read the whole dates of older shared links."""

import datetime
import html
import re
from decimal import Decimal

import pytest
from django.urls import reverse

from tests.transparency.factories import ContractFactory, DecisionFactory, GrantFactory, SpendingRecordFactory
from transparency.services import spending_facets_refresh

pytestmark = pytest.mark.django_db

SPENDING = reverse("transparency:spending")


def _parts(name: str, day, month, year) -> dict:
    return {f"{name}_day": day, f"{name}_month": month, f"{name}_year": year}


@pytest.fixture
def payments():
    for day, amount in [(datetime.date(2026, 3, 31), "700"), (datetime.date(2026, 4, 1), "1000")]:
        SpendingRecordFactory(amount=Decimal(amount), payment_date=day)
    SpendingRecordFactory(amount=Decimal("3000"), payment_date=datetime.date(2026, 6, 30))
    spending_facets_refresh()


def _error_summary(page: str) -> list[tuple[str, str]]:
    summary = page.split('class="govuk-error-summary"', 1)[1].split("</ul>", 1)[0]
    return [(href, html.unescape(text)) for href, text in re.findall(r'<a href="([^"]+)">([^<]+)</a>', summary)]


def test_the_spending_filter_asks_for_day_month_and_year_in_a_govuk_date_input(client, payments):
    page = client.get(SPENDING).content.decode()

    fieldset = page.split("Paid on or after (optional)</legend>", 1)[1].split("</fieldset>", 1)[0]
    assert '<fieldset class="govuk-fieldset" role="group" aria-describedby="id_date_from-hint">' in page
    assert '<div class="govuk-date-input" id="id_date_from">' in fieldset
    for part, label, width in [("day", "Day", 2), ("month", "Month", 2), ("year", "Year", 4)]:
        assert (
            f'<label class="govuk-label govuk-date-input__label" for="id_date_from_{part}">{label}</label>' in fieldset
        )
        assert (
            f'class="govuk-input govuk-date-input__input govuk-input--width-{width}" id="id_date_from_{part}" '
            f'name="date_from_{part}" type="text" inputmode="numeric" value=""'
        ) in fieldset


@pytest.mark.parametrize(
    "params",
    [
        _parts("date_from", "1", "4", "2026") | _parts("date_to", "30", "06", "2026"),
        {"date_from": "01/04/2026", "date_to": "30/06/2026"},  # the links shared before the date input
        {"date_from": "2026-04-01", "date_to": "2026-06-30"},
    ],
)
def test_day_month_and_year_filter_as_older_whole_date_links_still_do(client, payments, params):
    page = client.get(SPENDING, params).content.decode()

    assert "£4,000" in page  # 1 April and 30 June, not 31 March


def test_a_date_entered_in_parts_is_shown_again_and_kept_by_the_quarter_links(client, payments):
    page = client.get(SPENDING, _parts("date_from", "1", "4", "2026") | _parts("date_to", "30", "6", "2026"))

    text = page.content.decode()
    assert 'id="id_date_to_day" name="date_to_day" type="text" inputmode="numeric" value="30"' in text
    assert 'aria-current="true">April to June 2026</a>' in text  # the same quarter, chosen by hand


def test_an_older_whole_date_link_fills_in_the_three_boxes(client, payments):
    page = client.get(SPENDING, {"date_from": "2026-04-01"}).content.decode()

    assert 'name="date_from_day" type="text" inputmode="numeric" value="1"' in page
    assert 'name="date_from_month" type="text" inputmode="numeric" value="4"' in page
    assert 'name="date_from_year" type="text" inputmode="numeric" value="2026"' in page


@pytest.mark.parametrize(
    ("typed", "message", "marked"),
    [
        (("31", "2", "2026"), "Paid on or after: 31/02/2026 is not a real date", ["day", "month", "year"]),
        (("12", "13", "2026"), "Paid on or after: 12/13/2026 is not a real date", ["day", "month", "year"]),
        (("1", "", "2026"), "Paid on or after must include a month", ["month"]),
        (("", "", "2026"), "Paid on or after must include a day and a month", ["day", "month"]),
        (("1", "4", "26"), "Paid on or after: enter a year with 4 digits", ["day", "month", "year"]),
        (
            ("first", "April", "2026"),
            "Paid on or after: enter the day, month and year as numbers, like 27 3 2026",
            None,
        ),
    ],
)
def test_a_wrong_date_is_named_and_explained_and_what_was_typed_is_kept(client, payments, typed, message, marked):
    response = client.get(SPENDING, _parts("date_from", *typed) | {"service_area": ""})

    page = response.content.decode()
    assert response.status_code == 400
    assert "<title>Error: " in page
    first = (marked or ["day"])[0]
    assert _error_summary(page) == [(f"#id_date_from_{first}", message)]
    assert f'<span class="govuk-visually-hidden">Error:</span> {html.escape(message)}</p>' in page
    for part, value in zip(("day", "month", "year"), typed, strict=True):
        box = re.search(rf'<input class="([^"]+)" id="id_date_from_{part}"[^>]*value="([^"]*)"', page)
        assert box.group(2) == value  # what was typed is kept
        assert ("govuk-input--error" in box.group(1)) == (marked is None or part in marked)


def test_an_older_link_with_a_date_that_does_not_exist_says_so(client, payments):
    response = client.get(SPENDING, {"date_from": "31/02/2026"})

    assert response.status_code == 400
    assert _error_summary(response.content.decode()) == [
        ("#id_date_from_day", "Paid on or after: 31/02/2026 is not a real date")
    ]


def test_dates_the_wrong_way_round_are_named_on_the_second_date(client, payments):
    response = client.get(SPENDING, _parts("date_from", "1", "6", "2026") | _parts("date_to", "1", "5", "2026"))

    assert _error_summary(response.content.decode()) == [
        ("#id_date_to_day", "The “paid on or before” date must be after the “paid on or after” date")
    ]


@pytest.mark.parametrize(
    ("url", "name", "label", "make"),
    [
        (
            reverse("transparency:contracts"),
            "starts_from",
            "Starts on or after",
            lambda day: ContractFactory(start_date=day),
        ),
        (
            reverse("transparency:grants"),
            "awarded_from",
            "Awarded on or after",
            lambda day: GrantFactory(award_date=day),
        ),
        (
            reverse("transparency:decisions"),
            "decided_from",
            "Decided on or after",
            lambda d: DecisionFactory(decision_date=d),
        ),
    ],
)
def test_contracts_grants_and_decisions_use_the_same_date_input(client, url, name, label, make):
    item = make(datetime.date(2026, 5, 1))

    chosen = client.get(url, _parts(name, "1", "5", "2026"))
    later = client.get(url, _parts(name, "2", "5", "2026"))
    wrong = client.get(url, _parts(name, "30", "2", "2026"))

    assert f'<div class="govuk-date-input" id="id_{name}">' in chosen.content.decode()
    assert chosen.status_code == 200 and html.escape(item.title) in chosen.content.decode()
    assert html.escape(item.title) not in later.content.decode()
    assert wrong.status_code == 400
    assert _error_summary(wrong.content.decode()) == [(f"#id_{name}_day", f"{label}: 30/02/2026 is not a real date")]
