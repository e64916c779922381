"""Every upload field refuses a scripted SVG, an executable under a document's name and an oversized file.

Residents and groups upload a project picture (participatory budgeting) and a supporting document with an
asset nomination; staff upload documents, meeting papers, library resources and data files in the admin.
Each refusal says why, and nothing is stored: no row, no file in the media folder.
"""

import dataclasses
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from budgeting.models import Project
from consultations.models import Document, MeetingPaper
from directory.models import Listing
from localism.imports import IMPORTERS
from localism.models import ImportBatch, Resource
from tests.admin_forms import add_inline_form, admin_form_data
from tests.budgeting.factories import ProjectFactory, proposal_form
from tests.consultations.factories import ConsultationFactory, MeetingFactory
from tests.directory.factories import MembershipFactory
from tests.factories import PlaceFactory
from tests.transparency.factories import NOMINATION_FORM, DecisionFactory
from transparency.models import AssetNomination, DecisionDocument, SpendingRecord

pytestmark = pytest.mark.django_db

SVG_WITH_SCRIPT = (
    b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)">'
    b"<script>alert(document.cookie)</script></svg>"
)
EXECUTABLE = (
    b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 48 + b"This program cannot be run"
)
PNG_HEADER = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"


def upload(name: str, content: bytes, content_type: str = "application/octet-stream") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type=content_type)


def stored_files(settings) -> list[Path]:
    root = Path(settings.MEDIA_ROOT)
    return [path for path in root.rglob("*") if path.is_file()] if root.exists() else []


# --- A project picture (any group member) -----------------------------------------------------

PICTURES = {
    "scripted_svg": (
        upload("bench.svg", SVG_WITH_SCRIPT, "image/svg+xml"),
        "The picture must be a JPG, PNG or WebP file",
    ),
    "svg_named_png": (upload("bench.png", SVG_WITH_SCRIPT, "image/png"), "The picture is not a real JPG, PNG or WebP"),
    "exe_named_png": (upload("bench.png", EXECUTABLE, "image/png"), "The picture is not a real JPG, PNG or WebP"),
    "exe_named_pdf": (
        upload("bench.pdf", EXECUTABLE, "application/pdf"),
        "The picture must be a JPG, PNG or WebP file",
    ),
    "riff_not_webp": (
        upload("bench.webp", b"RIFF\x00\x00\x00\x00WAVEfmt ", "image/webp"),
        "not a real JPG, PNG or WebP",
    ),
    "over_5_mb": (upload("bench.png", PNG_HEADER + b"\x00" * (5 * 1024 * 1024), "image/png"), "smaller than 5 MB"),
}


@pytest.mark.parametrize("case", PICTURES)
def test_a_project_picture_that_is_not_a_real_image_is_refused(
    resident_client, resident, proposal_round, settings, case
):
    picture, message = PICTURES[case]
    picture.seek(0)
    organisation = MembershipFactory(user=resident).organisation
    response = resident_client.post(
        reverse("budgeting:project_propose", kwargs={"slug": proposal_round.slug}),
        proposal_form(organisation, PlaceFactory(), image=picture, image_description="A bench"),
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Project.objects.exists()
    assert stored_files(settings) == []


@pytest.mark.parametrize("case", ["scripted_svg", "exe_named_png", "over_5_mb"])
def test_a_project_picture_cannot_be_swapped_for_a_bad_file_later(
    resident_client, resident, proposal_round, settings, case
):
    picture, message = PICTURES[case]
    picture.seek(0)
    organisation = MembershipFactory(user=resident).organisation
    project = ProjectFactory(round=proposal_round, proposer=resident, organisation=organisation, status="submitted")
    response = resident_client.post(
        reverse("budgeting:project_edit", kwargs={"slug": proposal_round.slug, "pk": project.pk}),
        proposal_form(
            organisation,
            project.place,
            title=project.title,
            description=project.description,
            image=picture,
            image_description="A bench",
        ),
    )
    assert message in response.content.decode()
    project.refresh_from_db()
    assert not project.image
    assert stored_files(settings) == []


def test_a_real_picture_is_served_so_that_it_cannot_run_script(resident_client, resident, proposal_round, settings):
    """The control: a real PNG is taken, and served as an image that a browser will not sniff or script."""
    organisation = MembershipFactory(user=resident).organisation
    response = resident_client.post(
        reverse("budgeting:project_propose", kwargs={"slug": proposal_round.slug}),
        proposal_form(
            organisation,
            PlaceFactory(),
            image=upload("bench.png", PNG_HEADER + b"<script>alert(1)</script>", "image/png"),
            image_description="A bench",
        ),
    )
    assert response.status_code == 302
    project = Project.objects.get()
    served = resident_client.get(
        reverse("budgeting:project_image", kwargs={"slug": proposal_round.slug, "pk": project.pk})
    )
    assert served["Content-Type"] == "image/png"
    assert served["X-Content-Type-Options"] == "nosniff"
    assert served["Content-Security-Policy"] == "default-src 'none'"
    assert len(stored_files(settings)) == 1


# --- A nomination's supporting document (any signed-in resident) ------------------------------

DOCUMENTS = {
    "scripted_svg": (lambda: upload("plan.svg", SVG_WITH_SCRIPT, "image/svg+xml"), "The file must be one of"),
    "svg_named_pdf": (
        lambda: upload("plan.pdf", SVG_WITH_SCRIPT, "application/pdf"),
        "The file is not a real PDF file",
    ),
    "exe_named_pdf": (lambda: upload("plan.pdf", EXECUTABLE, "application/pdf"), "The file is not a real PDF file"),
    "exe_named_docx": (lambda: upload("plan.docx", EXECUTABLE), "The file is not a real DOCX file"),
    "exe_named_txt": (lambda: upload("plan.txt", EXECUTABLE, "text/plain"), "The TXT file must be plain UTF-8 text"),
    "exe": (lambda: upload("plan.exe", EXECUTABLE), "The file must be one of"),
    "html_named_png": (lambda: upload("plan.png", b"<html><script>alert(1)</script>", "image/png"), "must be one of"),
    "too_large": (
        lambda: upload("plan.pdf", b"%PDF-1.4\n" + b"0" * 60_000, "application/pdf"),
        "must be smaller than",
    ),
}


@pytest.fixture
def small_document_limit(settings):
    """A 50 kB limit, so that 'too large' needs no 20 MB upload (the check reads the setting each time)."""
    settings.DOCUMENT_MAX_BYTES = 50_000


@pytest.mark.parametrize("case", DOCUMENTS)
def test_a_nominations_supporting_document_that_is_not_what_it_says_is_refused(
    resident_client, settings, small_document_limit, case
):
    make, message = DOCUMENTS[case]
    response = resident_client.post(reverse("transparency:nominate"), {**NOMINATION_FORM, "evidence_file": make()})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not AssetNomination.objects.exists()
    assert stored_files(settings) == []


def test_a_real_supporting_document_is_kept_and_given_only_as_a_download(
    resident_client, settings, small_document_limit, cromer_postcode
):
    """The control: a real PDF is taken, and comes back as an attachment, never shown inline."""
    plan = upload("plan.pdf", b"%PDF-1.4\n% plan\n")
    response = resident_client.post(reverse("transparency:nominate"), {**NOMINATION_FORM, "evidence_file": plan})
    assert response.status_code == 302
    document = AssetNomination.objects.get().documents.get()
    served = resident_client.get(document.get_absolute_url())
    assert served.status_code == 200
    assert served["Content-Disposition"].startswith("attachment")
    assert served["X-Content-Type-Options"] == "nosniff"
    assert Client().get(document.get_absolute_url()).status_code == 404
    assert len(stored_files(settings)) == 1


# --- Staff uploads in the admin -----------------------------------------------------------------

STAFF_FILES = {
    "scripted_svg": (lambda: upload("paper.svg", SVG_WITH_SCRIPT, "image/svg+xml"), "The file must be one of"),
    "exe_named_pdf": (lambda: upload("paper.pdf", EXECUTABLE, "application/pdf"), "The file is not a real PDF file"),
    "too_large": (
        lambda: upload("paper.pdf", b"%PDF-1.4\n" + b"0" * 60_000, "application/pdf"),
        "must be smaller than",
    ),
}


def _inline_upload(staff: Client, change_url: str, prefix: str, fields: dict):
    data = admin_form_data(staff.get(change_url).content.decode())
    if data.get(f"{prefix}-0-id", "x") == "" and "title" in fields:  # an empty extra form is already there
        data.update({f"{prefix}-0-{name}": value for name, value in fields.items()})
    else:
        data = add_inline_form(data, prefix, fields)
    data["_continue"] = "Save"
    return staff.post(change_url, data)


# Documents staff attach inline: (the object's admin change page, the inline's prefix, its fields, its model).
STAFF_INLINE_DOCUMENTS = {
    "consultation_document": (
        lambda: reverse(
            "admin:consultations_consultation_change", kwargs={"object_id": ConsultationFactory(draft=True).pk}
        ),
        "documents",
        {"title": "The proposal", "position": "1"},
        Document,
    ),
    "meeting_paper": (
        lambda: reverse("admin:consultations_meeting_change", kwargs={"object_id": MeetingFactory().pk}),
        "papers",
        {"title": "Minutes"},
        MeetingPaper,
    ),
    "decision_document": (
        lambda: reverse("admin:transparency_decision_change", kwargs={"object_id": DecisionFactory().pk}),
        "documents",
        {"title": "Cabinet report"},
        DecisionDocument,
    ),
}


@pytest.mark.parametrize("target", STAFF_INLINE_DOCUMENTS)
@pytest.mark.parametrize("case", STAFF_FILES)
def test_a_bad_document_attached_inline_is_refused_in_the_admin(
    staff_client, settings, small_document_limit, case, target
):
    make, message = STAFF_FILES[case]
    change_url, prefix, fields, model = STAFF_INLINE_DOCUMENTS[target]
    response = _inline_upload(staff_client, change_url(), prefix, {**fields, "file": make()})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not model.objects.exists()
    assert stored_files(settings) == []


@pytest.mark.parametrize("case", STAFF_FILES)
def test_a_bad_library_resource_is_refused_in_the_admin(staff_client, settings, small_document_limit, case):
    make, message = STAFF_FILES[case]
    data = admin_form_data(staff_client.get(reverse("admin:localism_resource_add")).content.decode())
    data |= {"title": "Guide", "slug": "guide", "summary": "A guide", "file": make()}
    data |= {"published_at_0": "21/11/2026", "published_at_1": "10:00:00"}
    response = staff_client.post(reverse("admin:localism_resource_add"), data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Resource.objects.exists()
    assert stored_files(settings) == []


def test_a_real_document_is_taken_by_the_admin(staff_client, settings, small_document_limit):
    """The control for the admin uploads above: the same form with a real PDF saves it."""
    decision = DecisionFactory()
    response = _inline_upload(
        staff_client,
        reverse("admin:transparency_decision_change", kwargs={"object_id": decision.pk}),
        "documents",
        {"title": "Cabinet report", "file": upload("report.pdf", b"%PDF-1.4\n% report\n")},
    )
    assert response.status_code == 302
    assert DecisionDocument.objects.get().file_type == "PDF"


DATA_FILES = {
    "scripted_svg": (lambda: upload("spending.svg", SVG_WITH_SCRIPT, "image/svg+xml"), "The file must be a CSV file"),
    "exe_named_csv": (lambda: upload("spending.csv", EXECUTABLE, "text/csv"), "it holds binary data, not text"),
    "too_large": (lambda: upload("spending.csv", b"a,b\n" + b"1,2\n" * 20_000, "text/csv"), "bigger than 48 KB"),
}


@pytest.mark.parametrize("case", DATA_FILES)
def test_a_bad_spending_file_is_refused_in_the_admin(staff_client, monkeypatch, settings, case):
    spending = IMPORTERS["spending"]
    monkeypatch.setitem(IMPORTERS._entries, "spending", dataclasses.replace(spending, max_bytes=50_000))
    make, message = DATA_FILES[case]
    response = staff_client.post(reverse("admin:localism_importbatch_import"), {"dataset": "spending", "file": make()})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not SpendingRecord.objects.exists()
    # A failed attempt may be logged (name, checksum and errors, for the audit), but nothing is imported.
    assert not ImportBatch.objects.exclude(status=ImportBatch.Status.FAILED).exists()
    assert stored_files(settings) == []


LISTING_FILES = {
    "scripted_svg": (lambda: upload("listings.svg", SVG_WITH_SCRIPT, "image/svg+xml"), "The file must be a CSV file"),
    "exe_named_csv": (lambda: upload("listings.csv", EXECUTABLE, "text/csv"), "The file is not UTF-8 text"),
    "too_large": (lambda: upload("listings.csv", b"name\n" + b"x\n" * 2_700_000, "text/csv"), "bigger than 5 MB"),
}


@pytest.mark.parametrize("case", LISTING_FILES)
def test_a_bad_listing_import_file_is_refused_in_the_admin(staff_client, settings, case):
    make, message = LISTING_FILES[case]
    response = staff_client.post(reverse("admin:directory_listing_import"), {"dataset": "listings", "file": make()})
    assert response.status_code == 400
    assert "Nothing was imported" in response.content.decode()
    assert message in response.content.decode()
    assert not Listing.objects.exists()
    assert stored_files(settings) == []
