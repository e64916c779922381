"""Staff powers on the public site need completed two-factor authentication, as the staff admin does.

Every staff-only page outside the admin, asked by four people: a staff member who has set up an
authenticator and signed in with it (the control), a staff account that never set one up, a staff
member who gave their password but not yet their code, and a resident. Only the first gets in; the
other three get exactly the resident's answer.
"""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from budgeting.models import Project
from consultations.models import Question, Response
from discussions.models import Comment
from tests.budgeting.factories import ProjectFactory, RoundFactory
from tests.clients import signed_in
from tests.consultations.factories import ConsultationFactory, MeetingFactory, QuestionFactory, TeamFactory
from tests.discussions.factories import CommentFactory
from tests.transparency.factories import AssetNominationFactory, ExpressionOfInterestFactory
from transparency.models import NominationDocument

pytestmark = pytest.mark.django_db


def staff_only_pages(other_resident) -> dict[str, str]:
    """Every page the public site shows to staff alone, by what it shows."""
    draft = ConsultationFactory(draft=True)
    running = ConsultationFactory()
    question = QuestionFactory(consultation=running, kind=Question.Kind.TEXT)
    Response.objects.create(consultation=running, respondent=other_resident).answers.create(
        question=question, text="My answer"
    )
    meeting = MeetingFactory(team=TeamFactory(consultation=running), is_published=False)
    awaiting = CommentFactory(target=running, author=other_resident, status=Comment.Status.AWAITING_MODERATION)
    nomination = AssetNominationFactory(nominated_by=other_resident)
    document = NominationDocument.objects.create(
        nomination=nomination, title="Plan", file=SimpleUploadedFile("plan.pdf", b"%PDF-1.4\n", "application/pdf")
    )
    expression = ExpressionOfInterestFactory(submitted_by=other_resident)
    project = ProjectFactory(round=RoundFactory(), proposer=other_resident, status=Project.Status.SUBMITTED)
    return {
        "a draft consultation": reverse("consultations:detail", kwargs={"slug": draft.slug}),
        "every survey answer": reverse("consultations:responses_csv", kwargs={"slug": running.slug}),
        "the equality report": reverse("consultations:equality_report", kwargs={"slug": running.slug}),
        "results before closing": reverse("consultations:results", kwargs={"slug": running.slug}),
        "an unpublished meeting": reverse("consultations:meeting", kwargs={"slug": running.slug, "pk": meeting.pk}),
        "a comment awaiting moderation": reverse("discussions:comment_detail", kwargs={"pk": awaiting.pk}),
        "a pending nomination": reverse("transparency:asset_detail", kwargs={"reference": nomination.reference}),
        "a nomination's private document": reverse(
            "transparency:nomination_document", kwargs={"reference": nomination.reference, "pk": document.pk}
        ),
        "a pending expression of interest": reverse(
            "transparency:challenge_detail", kwargs={"reference": expression.reference}
        ),
        "a proposal awaiting checks": project.get_absolute_url(),
    }


def _answer(client: Client, url: str) -> tuple[int, str, tuple[str, ...]]:
    """What the page showed: its status, where it sent the person, and the templates it drew."""
    response = client.get(url)
    templates = tuple(sorted({t.name for t in response.templates if t.name and not t.name.startswith("django/")}))
    return response.status_code, response.get("Location", ""), templates


def test_every_staff_only_page_needs_completed_two_factor_authentication(
    moderator, staff_without_mfa, resident, other_resident, password
):
    pages = staff_only_pages(other_resident)
    staff = signed_in(moderator)
    without = signed_in(staff_without_mfa)
    at_the_code = Client()
    response = at_the_code.post(reverse("account_login"), {"login": moderator.email, "password": password})
    assert response["Location"] == reverse("mfa_authenticate")
    public = signed_in(resident)
    problems = []
    for what, url in pages.items():
        refused = _answer(public, url)
        if _answer(staff, url) == refused:
            problems.append(f"{what}: staff with two-factor authentication get the resident's answer {refused[:2]}")
        for who, client in [("staff without two-factor", without), ("staff at the code step", at_the_code)]:
            answer = _answer(client, url)
            # Signed out at the code step, they may be sent to sign in where a resident is refused.
            if answer != refused and not (who == "staff at the code step" and reverse("account_login") in answer[1]):
                problems.append(f"{what}: {who} got {answer[:2]}, not the resident's {refused[:2]}")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize(
    ("persona", "is_official", "status"),
    [
        # Staff without two-factor authentication can neither reply officially nor skip pre-moderation.
        ("staff_without_mfa", False, Comment.Status.AWAITING_MODERATION),
        # Staff with it reply officially without waiting.
        ("moderator", True, Comment.Status.PUBLISHED),
    ],
)
def test_only_staff_with_two_factor_reply_officially_without_waiting(client, request, persona, is_official, status):
    consultation = ConsultationFactory(is_premoderated=True)
    client.force_login(request.getfixturevalue(persona))
    url = reverse("discussions:comment_create", kwargs={"key": "consultation", "pk": consultation.pk})
    client.post(url, {"text": "The council's answer", "as_official": "on"})
    comment = Comment.objects.get()
    assert comment.is_official is is_official
    assert comment.status == status


def test_the_header_offers_the_staff_admin_only_to_staff_who_can_use_it(client, staff_without_mfa, moderator):
    client.force_login(staff_without_mfa)
    page = client.get(reverse("localism:home")).content.decode()
    assert "Staff admin" not in page
    assert "Set up two-factor authentication" in page
    client.force_login(moderator)
    assert "Staff admin" in client.get(reverse("localism:home")).content.decode()


def test_staff_emails_go_only_to_staff_who_can_act_on_them(
    resident_client, organisation, moderator, staff_without_mfa, django_capture_on_commit_callbacks
):
    from notifications.models import Notification
    from tests.directory.factories import ListingFactory

    listing = ListingFactory(organisation=organisation)
    with django_capture_on_commit_callbacks(execute=True):
        resident_client.post(
            reverse("directory:listing_report", kwargs={"pk": listing.pk}), {"what_is_wrong": "It has closed."}
        )
    recipients = set(
        Notification.objects.filter(event__kind="directory.problem_reported_staff").values_list(
            "recipient__email", flat=True
        )
    )
    assert recipients == {moderator.email}
