"""Paper petitions: staff add counts with each sheet's date; names are never entered; implausible counts refused."""

import pytest
from django.urls import reverse
from django.utils import timezone

from localism.models import AuditEntry, Place
from petitions.models import DistrictCount, PaperSheet, Petition
from tests.petitions.factories import PetitionFactory

pytestmark = pytest.mark.django_db

ADMIN = reverse("admin:petitions_petition_changelist")


@pytest.fixture
def petition(scheme):
    return PetitionFactory()


def _add(staff_client, petition, signatures, district="breckland", sheet_date=None):
    return staff_client.post(
        f"{ADMIN}{petition.pk}/actions/",
        {
            "action": "add_paper",
            "apply": "1",
            "district": Place.objects.get(slug=district).pk,
            "signatures": str(signatures),
            "sheet_date": sheet_date or timezone.localdate().strftime("%d/%m/%Y"),
            "note": "Dereham market stall",
        },
    )


def test_a_paper_count_is_added_by_district_with_its_date_and_shown_without_names(staff_client, client, petition):
    _add(staff_client, petition, 140)

    sheet = PaperSheet.objects.get()
    assert (sheet.signatures, sheet.sheet_date, sheet.district.slug) == (140, timezone.localdate(), "breckland")
    assert Petition.objects.get(pk=petition.pk).signature_count == 140
    assert DistrictCount.objects.get(petition=petition).paper == 140
    assert AuditEntry.objects.filter(action="petitions.paper.added").count() == 1
    page = client.get(petition.get_absolute_url()).content.decode()
    assert "Breckland" in page and "the names on them are not published" in page


def test_a_count_above_the_schemes_cap_for_one_entry_is_refused_with_the_reason(staff_client, petition):
    response = _add(staff_client, petition, 2001)

    assert response.status_code == 400
    assert "2,001 signatures is more than one entry may add (2,000 under the scheme)" in response.content.decode()
    assert 'value="2001"' in response.content.decode()
    assert not PaperSheet.objects.exists() and Petition.objects.get(pk=petition.pk).signature_count == 0


def test_a_count_that_would_exceed_the_areas_population_is_refused(staff_client, scheme, petition):
    scheme.area_population = 1500
    scheme.save()
    _add(staff_client, petition, 1000)

    response = _add(staff_client, petition, 600)

    assert "That would make 1,600 signatures, more than the 1,500 people who live in" in response.content.decode()
    assert Petition.objects.get(pk=petition.pk).signature_count == 1000


def test_a_sheet_dated_in_the_future_is_refused(staff_client, petition):
    response = _add(staff_client, petition, 10, sheet_date="01/01/2099")

    assert "The date on the sheet cannot be in the future" in response.content.decode()
    assert not PaperSheet.objects.exists()
