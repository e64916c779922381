"""Survey answers, comments, replies and team applications are inert wherever they are shown."""

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from consultations.models import Answer, TeamApplication
from discussions.models import Comment
from tests.budgeting.factories import ProjectFactory
from tests.clients import signed_in
from tests.security.payloads import CORE_PAYLOADS, PAYLOADS, assert_inert, assert_shown_inert, shown_as_text

pytestmark = pytest.mark.django_db


def html_emails() -> list[str]:
    return [
        body for message in mail.outbox for body, kind in getattr(message, "alternatives", []) if kind == "text/html"
    ]


def assert_comment_shown_inert(html: str, payload: str) -> None:
    assert_inert(html, payload)
    if "https://" in payload:
        # Web addresses in comments become links: the address stays escaped inside the link.
        assert 'href="https://example.org/&quot;&gt;&lt;script&gt;alert(&#x27;link&#x27;)' in html
    else:
        assert shown_as_text(html, payload), f"{payload!r} is not shown as text"


@pytest.mark.parametrize("payload", PAYLOADS)
def test_survey_answers_are_inert_on_the_respondents_own_pages_and_receipt(
    resident_client, consultation, text_questions, moderator, django_capture_on_commit_callbacks, payload
):
    short, long = text_questions["text"], text_questions["long"]
    respond = reverse("consultations:respond", kwargs={"slug": consultation.slug})
    with django_capture_on_commit_callbacks(execute=True):
        response = resident_client.post(
            respond, {f"q{short.pk}": f"short {payload}", f"q{long.pk}": f"long {payload}"}
        )
    assert response.status_code == 302
    assert sorted(Answer.objects.values_list("text", flat=True)) == sorted([f"long {payload}", f"short {payload}"])

    # Changing the answers shows them back in the form.
    edit = resident_client.get(respond).content.decode()
    assert_shown_inert(edit, f"short {payload}")
    assert_shown_inert(edit, f"long {payload}")
    assert_inert(
        resident_client.get(
            reverse("consultations:respond_done", kwargs={"slug": consultation.slug})
        ).content.decode(),
        payload,
    )
    receipts = html_emails()
    assert receipts, "no receipt was emailed"
    for body in receipts:
        assert_shown_inert(body, f"long {payload}")
    # Staff see the results as they come in (totals only; the answers themselves go out as a CSV).
    staff = signed_in(moderator)
    results = staff.get(reverse("consultations:results", kwargs={"slug": consultation.slug}))
    assert results.status_code == 200
    assert_inert(results.content.decode(), payload)


@pytest.mark.parametrize("payload", PAYLOADS)
def test_comments_and_replies_are_inert_on_every_page_that_shows_them(
    resident, other_resident, consultation, moderator, payload
):
    resident.display_name = payload[:60]
    resident.save(update_fields=["display_name"])
    author, replier = Client(), Client()
    author.force_login(resident)
    replier.force_login(other_resident)
    thread_url = reverse("discussions:thread", kwargs={"key": "consultation", "pk": consultation.pk})
    assert author.post(f"{thread_url}comment/", {"text": payload}).status_code == 302
    comment = Comment.objects.get()
    reply = replier.post(f"{thread_url}comment/", {"text": f"Reply: {payload}", "parent": comment.pk})
    assert reply.status_code == 302

    public = Client()
    for url in (
        consultation.get_absolute_url(),
        thread_url,
        reverse("discussions:comment_detail", kwargs={"pk": comment.pk}),
    ):
        html = public.get(url).content.decode()
        assert_comment_shown_inert(html, payload)
        assert shown_as_text(html, payload[:60]), "the author's name is not shown"
    assert_comment_shown_inert(
        public.get(reverse("discussions:comment_detail", kwargs={"pk": comment.pk})).content.decode(),
        f"Reply: {payload}",
    )
    assert_shown_inert(
        author.get(reverse("discussions:comment_edit", kwargs={"pk": comment.pk})).content.decode(), payload
    )
    assert_inert(
        author.get(reverse("discussions:comment_delete", kwargs={"pk": comment.pk})).content.decode(), payload
    )
    assert_inert(
        replier.get(reverse("discussions:comment_report", kwargs={"pk": comment.pk})).content.decode(), payload
    )
    staff = signed_in(moderator)
    assert_inert(staff.get(reverse("admin:discussions_comment_changelist")).content.decode(), payload)
    assert_shown_inert(
        staff.get(reverse("admin:discussions_comment_change", kwargs={"object_id": comment.pk})).content.decode(),
        payload,
    )


@pytest.mark.parametrize("payload", CORE_PAYLOADS)
def test_a_comment_on_a_budgeting_project_is_inert(resident_client, payload):
    project = ProjectFactory(title="Benches for the seafront")
    response = resident_client.post(
        reverse("discussions:comment_create", kwargs={"key": "budgeting-project", "pk": project.pk}), {"text": payload}
    )
    assert response.status_code == 302
    assert_comment_shown_inert(Client().get(project.get_absolute_url()).content.decode(), payload)


@pytest.mark.parametrize("payload", PAYLOADS)
def test_a_team_application_is_inert_for_staff_and_on_the_team_list(
    resident, consultation, moderator, django_capture_on_commit_callbacks, payload
):
    resident.display_name = payload[:60]
    resident.save(update_fields=["display_name"])
    applicant = signed_in(resident)
    fields = ("why", "brings", "organisation_name", "access_needs")
    response = applicant.post(
        reverse("consultations:team_apply", kwargs={"slug": consultation.slug}),
        {field: f"{field} {payload}" for field in fields},
    )
    assert response.status_code == 302
    application = TeamApplication.objects.get()
    staff = signed_in(moderator)
    page = staff.get(
        reverse("admin:consultations_teamapplication_change", kwargs={"object_id": application.pk})
    ).content.decode()
    for field in fields:
        assert_shown_inert(page, f"{field} {payload}")
    listing = staff.get(reverse("admin:consultations_teamapplication_changelist")).content.decode()
    assert_shown_inert(listing, f"organisation_name {payload}")
    decline = staff.post(
        reverse("admin:consultations_teamapplication_changelist"),
        {"action": "_decline", "_selected_action": [application.pk]},
    )
    assert_inert(decline.content.decode(), payload)

    with django_capture_on_commit_callbacks(execute=True):
        staff.post(
            reverse("admin:consultations_teamapplication_changelist"),
            {"action": "_accept", "_selected_action": [application.pk]},
        )
    team_page = Client().get(consultation.get_absolute_url()).content.decode()
    assert_shown_inert(team_page, f"brings {payload}")
    assert_shown_inert(team_page, f"organisation_name {payload}")
    assert shown_as_text(team_page, payload[:60]), "the member's name is not shown"
    for body in html_emails():
        assert_inert(body, payload)
