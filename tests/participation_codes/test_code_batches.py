"""Staff make a batch of codes for their council's round or consultation, print its sheet (an accessible PDF
read back here) and revoke it."""

import io
import re

import pytest
from django.urls import reverse
from pypdf import PdfReader

from localism.models import AuditEntry, Council
from participation_codes.models import CodeBatch, ParticipationCode
from participation_codes.services import code_digest
from tests.budgeting.factories import RoundFactory
from tests.consultations.factories import ConsultationFactory
from tests.downloads import downloaded_bytes

pytestmark = pytest.mark.django_db

CODE = re.compile(r"\b[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}\b")


def _codes_page(target) -> str:
    return reverse(f"admin:{target._meta.app_label}_{target._meta.model_name}_codes", args=[target.pk])


def _make(client, target, size=10, label="Posted to Cromer households"):
    return client.post(_codes_page(target), {"size": size, "label": label})


def _structure_tags(node, found) -> set:
    node = node.get_object() if hasattr(node, "get_object") else node
    if isinstance(node, dict):
        if "/S" in node:
            found.add(str(node["/S"]))
        kids = node.get("/K")
        for kid in kids if isinstance(kids, list) else [kids] if kids is not None else []:
            _structure_tags(kid, found)
    return found


def test_staff_make_codes_and_get_a_tagged_pdf_sheet_that_holds_them_as_text(staff_client):
    budget_round = RoundFactory(title="Cromer community fund")

    response = _make(staff_client, budget_round, size=10)

    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    pdf = PdfReader(io.BytesIO(downloaded_bytes(response)))
    text = " ".join(" ".join(page.extract_text() for page in pdf.pages).split())
    codes = CODE.findall(text)
    assert len(set(codes)) == 10
    assert "Cromer community fund" in text and "one vote, once, without an account" in text
    assert reverse("budgeting:vote_code", kwargs={"slug": budget_round.slug}) in text.replace(" ", "")
    # Only each code's keyed hash is kept, and each printed code has one.
    batch = CodeBatch.objects.get()
    assert batch.size == 10 and batch.target == budget_round
    assert set(ParticipationCode.objects.values_list("digest", flat=True)) == {code_digest(c) for c in codes}
    # Accessible: tagged (a structure tree of headings and paragraphs, in reading order), language and title set.
    catalog = pdf.trailer["/Root"]
    assert bool(catalog["/MarkInfo"]["/Marked"])
    assert str(catalog["/Lang"]) == "en-GB"
    assert {"/H1", "/H2", "/P"} <= _structure_tags(catalog["/StructTreeRoot"], set())
    assert "Cromer community fund" in pdf.metadata.title
    assert b"pdfuaid" in catalog["/Metadata"].get_object().get_data()  # declares PDF/UA
    assert AuditEntry.objects.filter(action="participation_codes.batch.made").exists()


def test_a_consultations_codes_are_made_from_its_own_page(staff_client):
    consultation = ConsultationFactory(title="Bus shelters")
    change = staff_client.get(reverse("admin:consultations_consultation_change", args=[consultation.pk]))
    assert _codes_page(consultation) in change.content.decode()
    sheet = PdfReader(io.BytesIO(downloaded_bytes(_make(staff_client, consultation))))
    assert "one survey response, once" in " ".join(sheet.pages[0].extract_text().split())


def test_a_bad_batch_is_refused_and_nothing_is_made(staff_client):
    budget_round = RoundFactory()
    response = _make(staff_client, budget_round, size=0, label="")
    html = response.content.decode()
    assert response.status_code == 400
    assert "Make at least 1 code" in html and "Say where the codes will go" in html
    assert not CodeBatch.objects.exists()


def test_staff_revoke_a_batch_and_see_how_many_were_used(staff_client, moderator):
    from budgeting.services import ballot_cast_with_code
    from tests.budgeting.factories import ProjectFactory
    from tests.participation_codes.helpers import codes_for

    budget_round = RoundFactory()
    codes = codes_for(budget_round, 3)
    ballot_cast_with_code(round=budget_round, code=codes[0], project_ids=[ProjectFactory(round=budget_round).pk])
    batch = CodeBatch.objects.get()
    page = staff_client.get(_codes_page(budget_round)).content.decode()
    assert "<td>3</td><td>1</td>" in page  # three codes, one used

    staff_client.post(
        reverse("admin:participation_codes_codebatch_changelist"), {"action": "revoke", "_selected_action": [batch.pk]}
    )

    batch.refresh_from_db()
    assert batch.revoked_by == moderator and batch.revoked_at is not None
    assert AuditEntry.objects.filter(action="participation_codes.batch.revoked").exists()


def test_a_council_makes_codes_only_for_its_own_rounds_and_sees_only_its_batches(client, parish_clerk):
    own = RoundFactory(council=Council.objects.get(slug="cromer-town-council"))
    other = RoundFactory(council=Council.objects.get(slug="holt-town-council"))
    client.force_login(parish_clerk)

    assert _make(client, own, size=2).status_code == 200
    assert _make(client, other, size=2).status_code == 404
    assert CodeBatch.objects.count() == 1
    theirs = CodeBatch.objects.create(
        content_type_id=CodeBatch.objects.get().content_type_id,
        object_id=other.pk,
        council=other.council,
        label="Holt's",
        size=0,
    )
    listing = client.get(reverse("admin:participation_codes_codebatch_changelist")).content.decode()
    assert "Holt&#x27;s" not in listing and "Holt's" not in listing
    assert client.get(reverse("admin:participation_codes_codebatch_change", args=[theirs.pk])).status_code in (
        302,
        403,
        404,
    )
