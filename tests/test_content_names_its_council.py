"""Content names its council: who is asking, whose budget it is and who decided, on the public pages and downloads."""

import pytest
from django.urls import reverse

from localism.models import Council
from tests.budgeting.factories import RoundFactory
from tests.consultations.factories import ConsultationFactory
from tests.downloads import downloaded_csv_dicts
from tests.transparency.factories import DecisionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def cromer(reference_data):
    return Council.objects.get(slug="cromer-town-council")


def test_a_consultation_says_which_council_is_asking(client, cromer):
    consultation = ConsultationFactory(council=cromer, decision_maker="Full town council")

    page = client.get(consultation.get_absolute_url()).content.decode()

    assert "Who is asking" in page
    assert f'href="{cromer.get_absolute_url()}">Cromer Town Council</a>' in page
    assert "Full town council, Cromer Town Council" in page


def test_a_budgeting_round_says_whose_budget_it_is(client, cromer):
    budget_round = RoundFactory(council=cromer)

    page = client.get(reverse("budgeting:round_detail", kwargs={"slug": budget_round.slug})).content.decode()

    assert "Whose budget" in page
    assert "Cromer Town Council" in page


def test_a_decision_names_its_council_on_its_page_in_the_list_and_in_the_download(client, cromer):
    decision = DecisionFactory(council=cromer, decision_maker="Full town council", title="Christmas lights")

    detail = client.get(decision.get_absolute_url()).content.decode()
    listing = client.get(reverse("transparency:decisions")).content.decode()
    download = client.get(reverse("transparency:decisions_download", args=["csv"]))
    rows = downloaded_csv_dicts(download)

    assert "Cromer Town Council" in detail
    assert "Full town council, Cromer Town Council" in listing
    assert [(row["Title"], row["Council"]) for row in rows] == [("Christmas lights", "Cromer Town Council")]


def test_the_decisions_list_costs_the_same_queries_with_many_councils(
    client, reference_data, django_assert_max_num_queries
):
    for council in Council.objects.all()[:12]:
        DecisionFactory(council=council)

    with django_assert_max_num_queries(6):
        response = client.get(reverse("transparency:decisions"))

    assert response.status_code == 200
