"""The county-wide list (filters by stage and district as GET parameters), a plan's page, and queries."""

import pytest
from django.test import Client
from django.urls import reverse

from neighbourhood_plans.models import STAGE_ORDER, Stage
from tests.downloads import downloaded_csv_dicts, downloaded_json

pytestmark = pytest.mark.django_db


@pytest.fixture
def plans(make_plan):
    made = {stage: make_plan(stage, parish=f"Parish {stage}") for stage in STAGE_ORDER}
    made["broadland"] = make_plan(Stage.MADE, parish="Reepham", district="broadland")
    return made


def _rows(response) -> list[str]:
    import re

    return re.findall(
        r'<th scope="row" class="govuk-table__header"><a class="govuk-link" href="[^"]+">([^<]+)</a>',
        response.content.decode(),
    )


def test_the_list_filters_by_stage(plans):
    response = Client().get(reverse("neighbourhood_plans:list"), {"stage": "made"})
    assert _rows(response) == ["Parish made", "Reepham"]


def test_the_list_filters_by_district(plans):
    response = Client().get(reverse("neighbourhood_plans:list"), {"district": "broadland"})
    assert _rows(response) == ["Reepham"]
    response = Client().get(reverse("neighbourhood_plans:list"), {"district": "north-norfolk", "stage": "made"})
    assert _rows(response) == ["Parish made"]


def test_the_list_without_filters_shows_every_plan(plans):
    assert len(_rows(Client().get(reverse("neighbourhood_plans:list")))) == 7


def test_a_bad_filter_says_so_and_keeps_the_choice(plans):
    response = Client().get(reverse("neighbourhood_plans:list"), {"stage": "abandoned", "district": "broadland"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Choose one of the stages listed" in page
    assert '<option value="broadland" selected>' in page


def test_the_list_reads_a_fixed_number_of_queries(make_plan, django_assert_max_num_queries):
    make_plan(parish="First")
    with django_assert_max_num_queries(3):
        Client().get(reverse("neighbourhood_plans:list"))
    for index in range(10):
        make_plan(parish=f"Parish {index}")
    with django_assert_max_num_queries(3):
        response = Client().get(reverse("neighbourhood_plans:list"), {"district": "north-norfolk"})
    assert len(_rows(response)) == 11


def test_a_resident_reads_the_stage_and_referendum_result_of_a_parish_plan(plans, django_assert_max_num_queries):
    plan = plans[Stage.REFERENDUM]
    with django_assert_max_num_queries(4):
        response = Client().get(plan.get_absolute_url())
    page = response.content.decode()
    assert "Referendum held" in page and "Turnout" in page and "31.5%" in page and "80%" in page
    assert "Supported: more than half" in page
    assert reverse("consultations:detail", kwargs={"slug": "draft-plan"}) in page


def test_the_parish_page_shows_its_plan(plans):
    plan = plans[Stage.EXAMINATION]
    page = Client().get(plan.area.get_absolute_url()).content.decode()
    assert "Neighbourhood plans" in page and plan.get_absolute_url() in page


def test_the_site_search_and_the_sitemap_list_plans(plans):
    page = Client().get(reverse("localism:search"), {"q": "Reepham"}).content.decode()
    assert "Reepham Neighbourhood Plan" in page
    sitemap = Client().get(reverse("sitemap")).content.decode()
    assert plans["broadland"].get_absolute_url() in sitemap


def test_the_list_downloads_as_csv_and_json_with_its_filters(plans):
    client = Client()
    page = client.get(reverse("neighbourhood_plans:list"), {"stage": "made"}).content.decode()
    csv_response = client.get(reverse("neighbourhood_plans:list_download", args=["csv"]), {"stage": "made"})
    rows = downloaded_csv_dicts(csv_response)
    json_response = client.get(reverse("neighbourhood_plans:list_download", args=["json"]), {"district": "broadland"})
    listed = downloaded_json(json_response)["plans"]
    wrong = client.get(reverse("neighbourhood_plans:list_download", args=["csv"]), {"stage": "abandoned"})

    assert f"{reverse('neighbourhood_plans:list_download', args=['csv'])}?stage=made" in page
    assert [(row["Neighbourhood area"], row["Stage"]) for row in rows] == [
        ("Parish made", "Made (in force)"),
        ("Reepham", "Made (in force)"),
    ]
    assert rows[1]["District"] == "Broadland" and rows[1]["Link"].endswith(plans["broadland"].get_absolute_url())
    assert [(plan["area_name"], plan["council_name"]) for plan in listed] == [
        ("Reepham", plans["broadland"].council.name)
    ]
    assert wrong.status_code == 400 and "Choose one of the stages listed" in wrong.content.decode()
