"""The decisions log: what was decided, by whom, and the consultation it concludes."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from localism.models import Place
from tests.downloads import downloaded_bytes, downloaded_csv_rows
from tests.factories import PlaceFactory
from tests.transparency.factories import DecisionFactory
from transparency.models import DecisionDocument
from transparency.selectors import decisions_for_consultation

pytestmark = pytest.mark.django_db


def test_a_decision_shows_its_maker_date_summary_documents_and_consultation(client):
    decision = DecisionFactory(
        title="Library opening hours",
        consultation_slug="library-hours",
        consultation_url=reverse("consultations:detail", kwargs={"slug": "library-hours"}),
        consultation_title="Library opening hours consultation",
    )
    DecisionDocument.objects.create(
        decision=decision, title="Cabinet report", file=SimpleUploadedFile("report.pdf", b"%PDF-1.4 report")
    )

    response = client.get(decision.get_absolute_url())

    html = response.content.decode()
    for text in (
        "Library opening hours",
        "10 February 2026",
        "Cabinet",
        "<strong>new</strong>",
        'href="/consultations/library-hours/"',
    ):
        assert text in html
    assert "Cabinet report" in html and "(PDF," in html
    document = decision.documents.get()
    link = reverse("transparency:decision_document", kwargs={"slug": decision.slug, "pk": document.pk})
    assert f'href="{link}"' in html
    download = client.get(link)
    assert download.status_code == 200
    assert downloaded_bytes(download) == b"%PDF-1.4 report"


def test_unpublished_decisions_are_not_found(client):
    decision = DecisionFactory(is_published=False)
    document = DecisionDocument.objects.create(
        decision=decision, title="Draft report", file=SimpleUploadedFile("draft.pdf", b"%PDF-1.4 draft")
    )
    link = reverse("transparency:decision_document", kwargs={"slug": decision.slug, "pk": document.pk})
    assert client.get(link).status_code == 404

    assert client.get(decision.get_absolute_url()).status_code == 404
    assert decision.title not in client.get(reverse("transparency:decisions")).content.decode()


def test_staff_markdown_is_sanitised(client):
    decision = DecisionFactory(summary="<script>alert(1)</script> [x](javascript:alert(1))")

    html = client.get(decision.get_absolute_url()).content.decode()

    assert "<script>alert(1)" not in html
    assert "javascript:alert" not in html


def test_the_consultations_app_can_list_the_decisions_for_a_consultation():
    concluding = DecisionFactory(consultation_slug="library-hours")
    DecisionFactory(consultation_slug="library-hours", is_published=False)
    DecisionFactory(consultation_slug="other")

    assert list(decisions_for_consultation("library-hours")) == [concluding]
    assert list(decisions_for_consultation("")) == []


def test_decisions_can_be_searched_and_filtered_by_date(client):
    DecisionFactory(title="Gritting routes", decision_date=datetime.date(2025, 10, 1))
    DecisionFactory(title="Library hours", decision_date=datetime.date(2026, 2, 1))

    html = client.get(reverse("transparency:decisions"), {"q": "gritting"}).content.decode()
    assert "Gritting routes" in html and "Library hours" not in html
    html = client.get(reverse("transparency:decisions"), {"decided_from": "01/01/2026"}).content.decode()
    assert "Library hours" in html and "Gritting routes" not in html


def test_the_decisions_list_uses_a_fixed_number_of_queries(client, django_assert_max_num_queries):
    DecisionFactory.create_batch(40)

    with django_assert_max_num_queries(4):
        assert client.get(reverse("transparency:decisions")).status_code == 200


def test_decisions_download_as_csv_with_absolute_links(client, settings):
    settings.SITE_URL = "https://portal.example.org"
    DecisionFactory(
        title="Library hours",
        slug="library-hours",
        consultation_url=reverse("consultations:detail", kwargs={"slug": "x"}),
    )

    rows = downloaded_csv_rows(client.get(reverse("transparency:decisions_download", kwargs={"fmt": "csv"})))

    assert rows[0][3] == "Council"
    assert rows[1][0] == "Library hours"
    assert rows[1][5] == "https://portal.example.org/consultations/x/"
    assert rows[1][6] == "https://portal.example.org/transparency/decisions/library-hours/"


def test_a_place_page_shows_its_decisions(client, reference_data):
    norwich = Place.objects.get(slug="norwich")
    decision = DecisionFactory(title="Norwich library hours")
    decision.places.add(norwich)
    elsewhere = DecisionFactory(title="Somewhere else")
    elsewhere.places.add(PlaceFactory(name="Elsewhere"))

    html = client.get(reverse("localism:place_detail", kwargs={"slug": "norwich"})).content.decode()

    assert "Norwich library hours" in html
    assert "Somewhere else" not in html
