"""Reports, pre- and post-moderation, hiding with a reason, review requests and the public moderation log."""

import pytest
from django.core import mail
from django.urls import reverse

from discussions import services
from discussions.models import Comment, ModerationDecision, Report
from localism.models import AuditEntry
from tests.discussions.factories import CommentFactory

pytestmark = pytest.mark.django_db


def test_a_report_with_a_reason_tells_the_moderators(
    resident_client, moderator, consultation, django_capture_on_commit_callbacks
):
    comment = CommentFactory(target=consultation)
    with django_capture_on_commit_callbacks(execute=True):
        response = resident_client.post(
            reverse("discussions:comment_report", kwargs={"pk": comment.pk}),
            {"reason": "abusive", "details": "Name-calling"},
        )
    assert response.status_code == 302
    assert Report.objects.get().reason == "abusive"
    assert [m.to for m in mail.outbox] == [[moderator.email]]
    assert "reported" in mail.outbox[0].subject


def test_a_report_needs_a_reason_from_the_list(resident_client, consultation):
    comment = CommentFactory(target=consultation)
    response = resident_client.post(
        reverse("discussions:comment_report", kwargs={"pk": comment.pk}), {"reason": "because"}
    )
    assert response.status_code == 400
    assert "Select a reason" in response.content.decode()


def test_reporting_twice_makes_one_report(resident_client, consultation):
    comment = CommentFactory(target=consultation)
    for _ in range(2):
        resident_client.post(reverse("discussions:comment_report", kwargs={"pk": comment.pk}), {"reason": "spam"})
    comment.refresh_from_db()
    assert Report.objects.count() == 1 and comment.report_count == 1


def test_a_pre_moderated_comment_waits_and_only_its_author_sees_it(resident_client, client, consultation, comment_url):
    consultation.is_premoderated = True
    consultation.save()
    resident_client.post(comment_url, {"text": "Waiting for approval"})
    assert Comment.objects.get().status == Comment.Status.AWAITING_MODERATION
    own = resident_client.get(consultation.get_absolute_url()).content.decode()
    assert "Waiting for approval" in own and "Waiting for a moderator" in own
    client.logout()
    assert "Waiting for approval" not in client.get(consultation.get_absolute_url()).content.decode()


def test_publishing_a_pre_moderated_comment_tells_its_author(
    resident, moderator, consultation, django_capture_on_commit_callbacks
):
    comment = CommentFactory(target=consultation, author=resident, status=Comment.Status.AWAITING_MODERATION)
    with django_capture_on_commit_callbacks(execute=True):
        services.comment_publish(comment=comment, moderator=moderator)
    comment.refresh_from_db()
    assert comment.is_published
    assert mail.outbox[0].to == [resident.email] and "published" in mail.outbox[0].subject


def test_a_hidden_comment_shows_the_reason_and_its_author_is_told(
    client, resident, moderator, consultation, django_capture_on_commit_callbacks
):
    comment = CommentFactory(target=consultation, author=resident, text="Rude words")
    with django_capture_on_commit_callbacks(execute=True):
        services.comment_hide(comment=comment, moderator=moderator, reason="abusive")
    page = client.get(consultation.get_absolute_url()).content.decode()
    assert "Rude words" not in page and "Hidden by a moderator: abusive or offensive." in page
    assert mail.outbox[0].to == [resident.email] and "abusive or offensive" in mail.outbox[0].body
    assert AuditEntry.objects.filter(action="discussions.comment.hidden").exists()


@pytest.fixture
def review_url(resident, moderator, consultation):
    """Where the resident asks for a review of their comment a moderator hid as off topic (the email telling
    them of it already sent)."""
    comment = CommentFactory(target=consultation, author=resident)
    services.comment_hide(comment=comment, moderator=moderator, reason="off-topic")
    mail.outbox.clear()
    return reverse("discussions:comment_request_review", kwargs={"pk": comment.pk})


def test_the_author_asks_for_a_review_once_and_moderators_are_told(
    resident_client, moderator, review_url, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        assert resident_client.post(review_url).status_code == 302
    assert mail.outbox[-1].to == [moderator.email] and "Review requested" in mail.outbox[-1].subject
    assert resident_client.post(review_url).status_code == 403


def test_the_public_moderation_log_counts_hidden_comments_by_reason_without_content(client, moderator, consultation):
    for reason in ["abusive", "abusive", "spam"]:
        services.comment_hide(
            comment=CommentFactory(target=consultation, text="Secret text"), moderator=moderator, reason=reason
        )
    page = client.get(
        reverse("discussions:moderation_log", kwargs={"key": "consultation", "pk": consultation.pk})
    ).content.decode()
    assert "abusive or offensive" in page and ">2<" in page and "spam or advertising" in page
    assert "Secret text" not in page


def test_moderators_hide_in_bulk_from_the_admin_queue(client, moderator, consultation):
    comments = [CommentFactory(target=consultation) for _ in range(3)]
    Report.objects.create(comment=comments[0], reporter=comments[1].author, reason="spam")
    client.force_login(moderator)
    queue = client.get(reverse("admin:discussions_comment_changelist") + "?queue=waiting").content.decode()
    assert comments[0].text in queue and comments[2].text not in queue
    response = client.post(
        reverse("admin:discussions_comment_changelist"),
        {"action": "hide_spam", "_selected_action": [c.pk for c in comments[:2]]},
    )
    assert response.status_code == 302
    assert Comment.objects.filter(status=Comment.Status.HIDDEN, hidden_reason="spam").count() == 2
    assert ModerationDecision.objects.filter(action="hidden").count() == 2
    assert Report.objects.get().resolved_at is not None


def test_moderators_publish_pre_moderated_comments_from_the_admin(client, moderator, consultation):
    comment = CommentFactory(target=consultation, status=Comment.Status.AWAITING_MODERATION)
    client.force_login(moderator)
    client.post(
        reverse("admin:discussions_comment_changelist"), {"action": "_publish", "_selected_action": [comment.pk]}
    )
    comment.refresh_from_db()
    assert comment.is_published


def test_residents_cannot_reach_the_moderation_queue(resident_client):
    assert resident_client.get(reverse("admin:discussions_comment_changelist")).status_code == 302


def test_a_hidden_reply_no_longer_counts_as_a_reply(moderator, consultation):
    top = CommentFactory(target=consultation)
    reply = CommentFactory(target=consultation, parent=top)
    services.comment_hide(comment=reply, moderator=moderator, reason="spam")
    top.refresh_from_db()
    assert top.reply_count == 0


def test_staff_see_the_history_of_moderation_decisions(client, moderator, consultation):
    services.comment_hide(comment=CommentFactory(target=consultation), moderator=moderator, reason="spam")
    client.force_login(moderator)
    page = client.get(reverse("admin:discussions_moderationdecision_changelist")).content.decode()
    assert "spam or advertising" in page


def test_moderators_are_told_a_pre_moderated_comment_is_waiting(
    resident_client, moderator, consultation, comment_url, django_capture_on_commit_callbacks
):
    moderator.email_frequency = "instant"
    moderator.save()
    consultation.is_premoderated = True
    consultation.save()
    with django_capture_on_commit_callbacks(execute=True):
        resident_client.post(comment_url, {"text": "Please check me"})
    assert [m.to for m in mail.outbox] == [[moderator.email]]
    assert "waiting for moderation" in mail.outbox[0].subject


@pytest.mark.parametrize(
    ("reason", "sentence"),
    [
        ("off-topic", "because it is off topic."),
        ("abusive", "because it is abusive or offensive."),
        ("personal-information", "because it shares personal information."),
        ("spam", "because it is spam or advertising."),
        ("discriminatory", "because it is discriminatory."),
        ("illegal", "because it may break the law."),
        ("duplicate", "because it was posted more than once."),
    ],
)
def test_the_author_is_told_why_their_comment_was_hidden_in_a_sentence_that_reads(
    resident, moderator, consultation, django_capture_on_commit_callbacks, reason, sentence
):
    assert len(Comment.HideReason) == 7  # a new reason needs its sentence here and in Comment.HIDDEN_BECAUSE
    comment = CommentFactory(target=consultation, author=resident)
    with django_capture_on_commit_callbacks(execute=True):
        services.comment_hide(comment=comment, moderator=moderator, reason=reason)

    (email,) = mail.outbox
    assert sentence in email.body
    assert sentence.replace(".", "") in email.alternatives[0][0]


def test_the_moderators_are_told_why_a_comment_under_review_was_hidden(
    resident_client, review_url, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        resident_client.post(review_url)

    assert "hidden because it is off topic on" in mail.outbox[-1].body


def test_the_report_form_says_optional_once(resident_client, consultation):
    comment = CommentFactory(target=consultation)

    html = resident_client.get(reverse("discussions:comment_report", kwargs={"pk": comment.pk})).content.decode()

    assert "Tell us more (optional)" in html
    assert "(optional) (optional)" not in html
