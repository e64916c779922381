"""Moderators publish, keep or hide a comment (with a house-rule reason) from the comment's own admin page."""

import pytest
from django.core import mail
from django.urls import reverse

from discussions.models import Comment, ModerationDecision, Report
from localism.models import AuditEntry
from tests.discussions.factories import CommentFactory

pytestmark = pytest.mark.django_db

ADMIN = reverse("admin:discussions_comment_changelist")


def decide(client, comment, action: str, **extra):
    return client.post(f"{ADMIN}{comment.pk}/actions/", {"action": action, **extra})


def test_a_pre_moderated_comment_has_publish_and_hide_buttons_on_its_page(staff_client, consultation):
    comment = CommentFactory(target=consultation, status=Comment.Status.AWAITING_MODERATION)

    page = staff_client.get(f"{ADMIN}{comment.pk}/change/").content.decode()

    assert f'action="{ADMIN}{comment.pk}/actions/"' in page
    assert 'value="_publish"' in page and 'value="_hide"' in page
    assert 'value="_dismiss"' not in page  # nobody reported it


def test_publishing_from_the_page_shows_the_comment_and_tells_its_author(
    staff_client, consultation, moderator, django_capture_on_commit_callbacks
):
    comment = CommentFactory(target=consultation, status=Comment.Status.AWAITING_MODERATION)

    with django_capture_on_commit_callbacks(execute=True):
        response = decide(staff_client, comment, "_publish")

    assert response["Location"] == f"{ADMIN}{comment.pk}/change/"
    comment.refresh_from_db()
    assert comment.is_published
    assert ModerationDecision.objects.get(comment=comment).moderator == moderator
    assert mail.outbox and mail.outbox[0].to == [comment.author.email]


def test_hiding_from_the_page_asks_which_house_rule_it_breaks(staff_client, consultation):
    comment = CommentFactory(target=consultation)

    page = decide(staff_client, comment, "_hide")
    refused = decide(staff_client, comment, "_hide", apply="1")

    assert 'type="radio" name="reason" value="abusive"' in page.content.decode()
    assert refused.status_code == 400
    assert "Choose the house rule the comment breaks" in refused.content.decode()
    comment.refresh_from_db()
    assert comment.is_published


def test_hiding_from_the_page_with_a_reason_records_the_decision(staff_client, consultation, moderator):
    comment = CommentFactory(target=consultation)

    decide(staff_client, comment, "_hide", apply="1", reason="personal-information")

    comment.refresh_from_db()
    assert comment.status == Comment.Status.HIDDEN
    assert comment.hidden_reason == "personal-information"
    decision = ModerationDecision.objects.get(comment=comment)
    assert (decision.action, decision.reason, decision.moderator) == ("hidden", "personal-information", moderator)


def test_a_reported_comment_is_kept_from_its_page(staff_client, consultation):
    comment = CommentFactory(target=consultation)
    Report.objects.create(comment=comment, reporter=CommentFactory(target=consultation).author, reason="spam")
    Comment.objects.filter(pk=comment.pk).update(report_count=1)

    page = staff_client.get(f"{ADMIN}{comment.pk}/change/").content.decode()
    decide(staff_client, comment, "_dismiss")

    assert "Keep (close the reports)" in page
    assert Report.objects.get().resolved_at is not None
    comment.refresh_from_db()
    assert comment.is_published


def test_residents_cannot_moderate_through_the_page_buttons(resident_client, consultation):
    comment = CommentFactory(target=consultation, status=Comment.Status.AWAITING_MODERATION)

    decide(resident_client, comment, "_publish")

    comment.refresh_from_db()
    assert comment.status == Comment.Status.AWAITING_MODERATION
    assert not AuditEntry.objects.exists()
