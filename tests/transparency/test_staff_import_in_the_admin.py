"""Staff import files from the admin: the errors of a broken file are shown line by line."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from localism.models import ImportBatch
from transparency.models import SpendingRecord

pytestmark = pytest.mark.django_db

IMPORT_URL = reverse("admin:localism_importbatch_import")


def _upload(client, name: str, data: bytes, dataset: str = "spending"):
    return client.post(IMPORT_URL, {"dataset": dataset, "file": SimpleUploadedFile(name, data, "text/csv")})


def test_staff_import_the_demo_quarter_and_see_the_batch(staff_client, sample_file):
    response = _upload(staff_client, "spending-2026-q1.csv", sample_file("spending-2026-q1.csv"))

    batch = ImportBatch.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:localism_importbatch_change", kwargs={"object_id": batch.pk})
    assert SpendingRecord.objects.count() == 400
    page = staff_client.get(response["Location"])
    assert "spending-2026-q1.csv" in page.content.decode()
    assert "Imported spending-2026-q1.csv: 400 new rows, 0 already published." in page.content.decode()


def test_a_broken_file_shows_every_error_and_imports_nothing(staff_client, sample_file):
    response = _upload(staff_client, "spending-broken.csv", sample_file("spending-broken.csv"))

    assert response.status_code == 400
    html = response.content.decode()
    for line in (
        "Nothing was imported.",
        "Line 4: “31/02/2026” is not a date in the form dd/mm/yyyy",
        "Line 7: “twelve pounds” is not an amount of money (for example £1,234.56)",
        "Line 10: Beneficiary name is missing",
        "Line 12: “2026/13/01” is not a date in the form dd/mm/yyyy",
    ):
        assert line in html
    assert SpendingRecord.objects.count() == 0


def test_the_same_file_twice_is_imported_once(staff_client, sample_file):
    _upload(staff_client, "spending-2026-q1.csv", sample_file("spending-2026-q1.csv"))
    # Imported at 23:30 UTC on 10 July, which is half past midnight on the 11th in London (British Summer Time).
    ImportBatch.objects.update(imported_at=datetime.datetime(2026, 7, 10, 23, 30, tzinfo=datetime.UTC))

    response = _upload(staff_client, "again.csv", sample_file("spending-2026-q1.csv"))

    assert response.status_code == 302
    assert SpendingRecord.objects.count() == 400
    assert "was already imported on 11 July 2026 at 12:30am" in staff_client.get(response["Location"]).content.decode()


def test_a_file_that_is_not_csv_is_refused(staff_client):
    response = _upload(staff_client, "virus.exe", b"MZ\x90\x00")

    assert response.status_code == 400
    assert "The file must be a CSV file" in response.content.decode()
    assert ImportBatch.objects.count() == 0


def test_residents_cannot_import(client, resident, sample_file):
    client.force_login(resident)

    response = _upload(client, "spending-2026-q1.csv", sample_file("spending-2026-q1.csv"))

    assert response.status_code == 302
    assert reverse("account_login") in response["Location"] or reverse("admin:login") in response["Location"]
    assert SpendingRecord.objects.count() == 0


def test_the_batch_list_and_its_import_link_are_there(staff_client):
    response = staff_client.get(reverse("admin:localism_importbatch_changelist"))

    assert response.status_code == 200
    assert IMPORT_URL in response.content.decode()
