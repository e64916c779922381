"""Spending pages say how recent the data is: the latest payment date in the data, read cheaply."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_the_explorer_says_up_to_when_the_data_is_published(client, spending_with_a_gap):
    html = client.get(reverse("transparency:spending")).content.decode()

    assert "Published up to 30 June 2026" in html


def test_the_published_up_to_date_is_that_of_all_the_data_even_in_a_filtered_view(client, spending_with_a_gap):
    html = client.get(reverse("transparency:spending"), {"q": "nobody by this name"}).content.decode()

    assert "Published up to 30 June 2026" in html


def test_a_supplier_page_says_how_recent_the_data_is(client, spending_with_a_gap):
    html = client.get(reverse("transparency:supplier_detail", kwargs={"slug": "wensum-care-ltd"})).content.decode()

    assert "Published up to 30 June 2026" in html


def test_how_recent_the_data_is_costs_no_query_of_its_own(client, spending_with_a_gap, django_assert_max_num_queries):
    client.get(reverse("transparency:spending"))
    with django_assert_max_num_queries(3) as queries:
        client.get(reverse("transparency:spending"))

    assert sum("payment_date DESC LIMIT 1" in query["sql"] for query in queries.captured_queries) == 1
    assert sum("latest_id" in query["sql"] for query in queries.captured_queries) == 1  # the same query
