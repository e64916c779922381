"""A nominator's transparency data: in their download, and kept as statutory records when they delete their account."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.downloads import downloaded_json
from tests.transparency.factories import AssetNominationFactory, ExpressionOfInterestFactory
from transparency.models import AssetNomination, NominationDocument

pytestmark = pytest.mark.django_db

PLAN = b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF\n"


def _nomination_with_plan(by) -> AssetNomination:
    nomination = AssetNominationFactory(nominated_by=by, asset_name="The Red Lion", reference="ACV-2026-0042")
    NominationDocument.objects.create(
        nomination=nomination, title="Boundary plan", file=SimpleUploadedFile("plan.pdf", PLAN)
    )
    return nomination


def test_the_download_holds_the_persons_nominations_with_their_documents_described_and_expressions_of_interest(
    resident_client, resident, other_resident
):
    _nomination_with_plan(resident)
    AssetNominationFactory(nominated_by=other_resident, asset_name="Someone else's pub")
    ExpressionOfInterestFactory(submitted_by=resident, service="Holt branch library", reference="RTC-2026-0007")

    data = downloaded_json(resident_client.get(reverse("accounts:data_download")))["transparency"]

    [nomination] = data["asset_nominations"]
    assert (nomination["reference"], nomination["asset"]) == ("ACV-2026-0042", "The Red Lion")
    [document] = nomination["documents"]
    assert (document["title"], document["type"], document["size_in_bytes"]) == ("Boundary plan", "PDF", len(PLAN))
    assert "%PDF" not in json.dumps(data)
    [expression] = data["expressions_of_interest"]
    assert (expression["reference"], expression["service"]) == ("RTC-2026-0007", "Holt branch library")


def test_deleting_the_account_keeps_nominations_and_expressions_of_interest_sent_by_a_former_participant(
    resident_client, resident, password
):
    nomination = _nomination_with_plan(resident)
    expression = ExpressionOfInterestFactory(submitted_by=resident)

    resident_client.post(reverse("accounts:delete"), {"password": password})

    nomination.refresh_from_db(), expression.refresh_from_db()
    assert str(nomination.nominated_by) == str(expression.submitted_by) == "Former participant"
    assert nomination.status == AssetNomination.Status.SUBMITTED and nomination.documents.count() == 1
