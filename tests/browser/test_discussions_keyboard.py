"""The discussion component in a real browser: replying, changing, reporting, deleting, sorting and paging
by keyboard, with every page scanned by axe-core."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from discussions.models import Comment
from tests.browser.conftest import expect_error_summary, expect_heading, press, press_button, type_into
from tests.consultations.factories import ConsultationFactory
from tests.discussions.factories import CommentFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def consultation(reference_data):
    """An open consultation (the discussion's owner) with one comment by someone else."""
    consultation = ConsultationFactory(title="A new community transport service", slug="community-transport")
    CommentFactory(target=consultation, text="Evening journeys matter to me.")
    return consultation


def test_a_resident_replies_reports_edits_and_deletes_by_keyboard(
    sign_in, page, client, live_server, resident, consultation, assert_accessible
):
    sign_in(page, resident)
    other = Comment.objects.get()
    page.goto(other.get_absolute_url())
    assert_accessible(page)
    type_into(page, page.get_by_label("Your reply"), "I agree about evenings")
    press_button(page, "Post reply")
    expect(page.get_by_text("I agree about evenings")).to_be_visible()

    mine = Comment.objects.get(text="I agree about evenings")
    page.goto(reverse("discussions:comment_edit", kwargs={"pk": mine.pk}))
    assert_accessible(page)
    page.get_by_label("Your comment").fill("I agree about evening journeys")
    press_button(page, "Save your comment")
    expect(page.get_by_text("(edited)")).to_be_visible()

    page.goto(reverse("discussions:comment_report", kwargs={"pk": other.pk}))
    assert_accessible(page)
    press_button(page, "Report this comment")
    expect_error_summary(page, assert_accessible)
    press(page, page.get_by_label("It is spam or advertising"), "Space")
    press_button(page, "Report this comment")
    expect(page.get_by_text("A moderator will look at this comment")).to_be_visible()

    page.goto(reverse("discussions:comment_delete", kwargs={"pk": mine.pk}))
    assert_accessible(page)
    press_button(page, "Yes, delete my comment")
    expect(page.get_by_text("Your comment is deleted.")).to_be_visible()


def test_a_reader_sorts_and_pages_through_comments_by_keyboard(page, consultation, assert_accessible):
    for n in range(25):
        CommentFactory(target=consultation, text=f"Numbered comment {n:02d}", agreement_count=n % 5)
    page.goto(consultation.get_absolute_url())
    page.get_by_label("Sort comments").select_option("agreed")
    press_button(page, "Sort")
    expect(page).to_have_url(re.compile(r"sort=agreed"))
    press(page, page.get_by_role("link", name=re.compile("Older comments")))
    expect_heading(page, "Discussion", assert_accessible)
    assert page.locator(".localism-comment").count() == 26 - 20  # the rest after a first page of 20
