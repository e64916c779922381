"""Commenting: who may, replies one level deep, plain text made safe, editing, deleting, agreeing, sorting."""

import datetime as dt

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from discussions.models import Agreement, Comment
from tests.clients import signed_in
from tests.discussions.factories import CommentFactory
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_a_verified_resident_comments_and_sees_it_on_the_consultation(resident_client, consultation, comment_url):
    response = resident_client.post(comment_url, {"text": "Please keep the Tuesday bus"})
    assert response.status_code == 302
    assert response["Location"] == f"{consultation.get_absolute_url()}#comments"
    page = resident_client.get(consultation.get_absolute_url()).content.decode()
    assert "Please keep the Tuesday bus" in page and "Sam Resident" in page


def test_an_unverified_person_cannot_comment(client, comment_url):
    client.force_login(UserFactory(verified=False))
    assert client.post(comment_url, {"text": "Hello"}).status_code == 403
    assert not Comment.objects.exists()


def test_an_anonymous_person_is_sent_to_sign_in(client, comment_url):
    response = client.post(comment_url, {"text": "Hello"})
    assert response.status_code == 302 and reverse("account_login") in response["Location"]


def test_comments_are_plain_text_with_line_breaks_and_nofollow_links(resident_client, consultation, comment_url):
    resident_client.post(
        comment_url, {"text": "<script>alert(1)</script>\nSee https://example.org/a?b=1&c=2.\n\nThanks"}
    )
    page = resident_client.get(consultation.get_absolute_url()).content.decode()
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;<br>" in page
    assert '<a class="govuk-link" href="https://example.org/a?b=1&amp;c=2" rel="nofollow ugc noopener">' in page
    assert '</a>.</p><p class="govuk-body">Thanks</p>' in page


def test_a_javascript_link_is_not_made_clickable(resident_client, consultation, comment_url):
    resident_client.post(comment_url, {"text": 'javascript:alert(1) and "https://x.org/"onmouseover=alert(1)'})
    page = resident_client.get(consultation.get_absolute_url()).content.decode()
    assert 'href="javascript' not in page
    assert "onmouseover=alert" not in page.replace("&quot;onmouseover=alert", "")


def test_a_comment_longer_than_the_limit_is_refused_with_a_message(resident_client, comment_url):
    response = resident_client.post(comment_url, {"text": "a" * 2001})
    assert response.status_code == 400
    assert "2,000 characters or fewer" in response.content.decode()
    assert not Comment.objects.exists()


def test_an_empty_or_invisible_comment_is_refused(resident_client, comment_url):
    response = resident_client.post(comment_url, {"text": " \u200b \n"})
    assert response.status_code == 400
    assert "Enter your comment" in response.content.decode()


def test_a_closed_consultation_refuses_comments(resident_client, consultation, comment_url):
    consultation.opens_at = timezone.now() - dt.timedelta(days=90)
    consultation.closes_at = timezone.now() - dt.timedelta(days=1)
    consultation.save()
    assert resident_client.post(comment_url, {"text": "Late"}).status_code == 403
    assert "its discussion" in resident_client.get(consultation.get_absolute_url()).content.decode()


def test_a_draft_consultations_discussion_is_not_found(resident_client):
    from tests.consultations.factories import ConsultationFactory

    draft = ConsultationFactory(draft=True)
    assert (
        resident_client.get(reverse("discussions:thread", kwargs={"key": "consultation", "pk": draft.pk})).status_code
        == 404
    )
    assert (
        resident_client.post(
            reverse("discussions:comment_create", kwargs={"key": "consultation", "pk": draft.pk}), {"text": "x"}
        ).status_code
        == 404
    )


def test_an_unknown_kind_of_discussion_is_not_found(resident_client):
    assert resident_client.get(reverse("discussions:thread", kwargs={"key": "nothing", "pk": "1"})).status_code == 404


def test_a_reply_to_a_reply_joins_the_top_level_comment(resident_client, consultation, comment_url):
    top = CommentFactory(target=consultation)
    reply = CommentFactory(target=consultation, parent=top)
    resident_client.post(comment_url, {"text": "Me too", "parent": reply.pk})
    mine = Comment.objects.get(text="Me too")
    assert mine.parent_id == top.pk
    top.refresh_from_db()
    assert top.reply_count == 2


def test_a_reply_tells_the_author_of_the_comment(
    resident_client, consultation, comment_url, django_capture_on_commit_callbacks
):
    top = CommentFactory(target=consultation)
    with django_capture_on_commit_callbacks(execute=True):
        resident_client.post(comment_url, {"text": "Good point", "parent": top.pk})
    assert [m.to for m in mail.outbox] == [[top.author.email]]
    assert "Sam Resident replied" in mail.outbox[0].subject


def test_a_reply_to_a_comment_in_another_discussion_is_refused(resident_client, comment_url):
    from tests.consultations.factories import ConsultationFactory

    elsewhere = CommentFactory(target=ConsultationFactory())
    response = resident_client.post(comment_url, {"text": "Sneaky", "parent": elsewhere.pk})
    assert response.status_code == 400
    assert not Comment.objects.filter(text="Sneaky").exists()


def test_an_official_reply_is_marked_and_tells_the_author(
    client, moderator, consultation, comment_url, django_capture_on_commit_callbacks
):
    top = CommentFactory(target=consultation)
    client.force_login(moderator)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(comment_url, {"text": "We will look at this", "parent": top.pk, "as_official": "on"})
    reply = Comment.objects.get(text="We will look at this")
    assert reply.is_official
    page = client.get(top.get_absolute_url()).content.decode()
    assert "Official council reply" in page
    assert "The council replied to your comment" in mail.outbox[0].subject


def test_residents_cannot_post_an_official_reply(resident_client, consultation, comment_url):
    resident_client.post(comment_url, {"text": "I am the council", "as_official": "on"})
    assert not Comment.objects.get(text="I am the council").is_official


def test_the_author_changes_a_comment_within_15_minutes(resident_client, resident, consultation):
    comment = CommentFactory(target=consultation, author=resident)
    response = resident_client.post(
        reverse("discussions:comment_edit", kwargs={"pk": comment.pk}), {"text": "Changed"}
    )
    assert response.status_code == 302
    comment.refresh_from_db()
    assert comment.text == "Changed" and comment.edited_at is not None


def test_a_comment_cannot_be_changed_after_15_minutes(resident_client, resident, consultation):
    comment = CommentFactory(
        target=consultation, author=resident, created_at=timezone.now() - dt.timedelta(minutes=16)
    )
    assert (
        resident_client.post(
            reverse("discussions:comment_edit", kwargs={"pk": comment.pk}), {"text": "Late"}
        ).status_code
        == 403
    )


def test_nobody_else_can_change_or_delete_a_comment(resident_client, consultation):
    comment = CommentFactory(target=consultation)
    assert (
        resident_client.post(
            reverse("discussions:comment_edit", kwargs={"pk": comment.pk}), {"text": "Mine now"}
        ).status_code
        == 403
    )
    assert resident_client.post(reverse("discussions:comment_delete", kwargs={"pk": comment.pk})).status_code == 403
    comment.refresh_from_db()
    assert comment.status == Comment.Status.PUBLISHED


def test_the_author_deletes_a_comment(resident_client, resident, consultation):
    comment = CommentFactory(target=consultation, author=resident, text="Oops")
    resident_client.post(reverse("discussions:comment_delete", kwargs={"pk": comment.pk}))
    comment.refresh_from_db()
    assert comment.status == Comment.Status.DELETED and comment.text == ""
    assert "Oops" not in resident_client.get(consultation.get_absolute_url()).content.decode()


def test_a_deleted_comment_with_replies_leaves_a_notice(resident_client, resident, consultation):
    comment = CommentFactory(target=consultation, author=resident)
    CommentFactory(target=consultation, parent=comment, text="A reply stays")
    resident_client.post(reverse("discussions:comment_delete", kwargs={"pk": comment.pk}))
    page = resident_client.get(consultation.get_absolute_url()).content.decode()
    assert "deleted by its author" in page and "A reply stays" in page


def test_agreeing_counts_once_per_person(resident_client, consultation):
    comment = CommentFactory(target=consultation)
    resident_client.post(reverse("discussions:comment_agree", kwargs={"pk": comment.pk}))
    resident_client.post(reverse("discussions:comment_agree", kwargs={"pk": comment.pk}))
    comment.refresh_from_db()
    assert comment.agreement_count == 1 and Agreement.objects.count() == 1


def test_an_agreement_can_be_taken_back(resident_client, consultation):
    comment = CommentFactory(target=consultation)
    resident_client.post(reverse("discussions:comment_agree", kwargs={"pk": comment.pk}))
    resident_client.post(reverse("discussions:comment_agree", kwargs={"pk": comment.pk}), {"withdraw": "1"})
    comment.refresh_from_db()
    assert comment.agreement_count == 0


def test_nobody_agrees_with_their_own_comment(resident_client, resident, consultation):
    comment = CommentFactory(target=consultation, author=resident)
    assert resident_client.post(reverse("discussions:comment_agree", kwargs={"pk": comment.pk})).status_code == 403
    comment.refresh_from_db()
    assert comment.agreement_count == 0 and not Agreement.objects.exists()


def test_most_agreed_sort_puts_the_most_agreed_first(client, consultation):
    CommentFactory(target=consultation, text="Few agree", agreement_count=1)
    CommentFactory(target=consultation, text="Many agree", agreement_count=9)
    CommentFactory(target=consultation, text="Latest one", agreement_count=0)
    page = client.get(consultation.get_absolute_url() + "?sort=agreed").content.decode()
    assert page.index("Many agree") < page.index("Few agree") < page.index("Latest one")
    page = client.get(consultation.get_absolute_url()).content.decode()
    assert page.index("Latest one") < page.index("Many agree")


@pytest.mark.parametrize("sort", ["newest", "agreed"])
def test_pages_of_comments_follow_on_without_gaps_or_repeats(client, consultation, sort):
    moment = timezone.now()
    for n in range(45):
        # Some share a timestamp and an agreement count, which the cursor must still tell apart.
        CommentFactory(
            target=consultation,
            text=f"Comment {n:03d}.",
            created_at=moment - dt.timedelta(seconds=n // 3),
            agreement_count=n % 4,
        )
    seen = []
    url = reverse("discussions:thread", kwargs={"key": "consultation", "pk": consultation.pk}) + f"?sort={sort}"
    import re

    while url:
        page = client.get(url).content.decode()
        seen += re.findall(r"Comment (\d{3})\.", page)
        found = re.search(r'href="(/discussions/consultation/\d+/\?sort=\w+&amp;after=[\d.]+)" rel="next"', page)
        url = found.group(1).replace("&amp;", "&") if found else None
    assert sorted(seen) == [f"{n:03d}" for n in range(45)]


@pytest.mark.parametrize("cursor", ["abc", "1.2.3.4", "-1.-5", "99999999999999999999999.1", "", "1.2"])
def test_a_bad_page_cursor_never_breaks_the_page(client, consultation, cursor):
    CommentFactory(target=consultation)
    assert (
        client.get(
            reverse("discussions:thread", kwargs={"key": "consultation", "pk": consultation.pk})
            + f"?after={cursor}&sort=agreed"
        ).status_code
        == 200
    )


def test_only_the_first_replies_are_shown_with_a_link_to_the_rest(client, consultation):
    top = CommentFactory(target=consultation)
    for n in range(8):
        CommentFactory(target=consultation, parent=top, text=f"Reply {n}")
    page = client.get(consultation.get_absolute_url()).content.decode()
    assert "Reply 4" in page and "Reply 5" not in page and "See all 8 replies" in page
    assert "Reply 7" in client.get(top.get_absolute_url()).content.decode()


def test_comment_writes_are_rate_limited(resident_client, comment_url):
    codes = [resident_client.post(comment_url, {"text": f"Comment {n}"}).status_code for n in range(8)]
    assert codes[-1] == 429
    assert Comment.objects.count() == 6


def test_a_honeypot_filled_in_refuses_the_comment(resident_client, comment_url):
    assert resident_client.post(comment_url, {"text": "Buy now", "website": "spam"}).status_code == 400
    assert not Comment.objects.exists()


def test_the_comment_form_links_to_the_house_rules(resident_client, consultation):
    assert (
        reverse("localism:page_detail", kwargs={"slug": "house-rules"})
        in resident_client.get(consultation.get_absolute_url()).content.decode()
    )


@pytest.mark.parametrize(
    "url",
    [
        reverse("discussions:comment_detail", kwargs={"pk": "99999999999999999999999"}),
        reverse("discussions:comment_report", kwargs={"pk": "99999999999999999999999"}),
        reverse("discussions:thread", kwargs={"key": "consultation", "pk": "99999999999999999999999"}),
    ],
)
def test_impossible_numbers_in_addresses_are_not_found(resident_client, url):
    assert resident_client.get(url).status_code == 404


def test_an_impossible_parent_is_not_found(resident_client, comment_url):
    assert resident_client.post(comment_url, {"text": "Hi", "parent": "99999999999999999999999"}).status_code == 404


def test_a_comment_shows_when_it_was_written_as_gov_uk_writes_times(client, consultation):
    import datetime
    from zoneinfo import ZoneInfo

    london = ZoneInfo("Europe/London")
    CommentFactory(target=consultation, created_at=datetime.datetime(2026, 3, 14, 11, 56, tzinfo=london))
    CommentFactory(target=consultation, created_at=datetime.datetime(2026, 3, 15, 12, 0, tzinfo=london))

    html = client.get(consultation.get_absolute_url()).content.decode()

    assert "14 March 2026, 11:56am</time>" in html
    assert "15 March 2026, midday</time>" in html
    assert "a.m." not in html and "p.m." not in html


@pytest.mark.parametrize(
    ("count", "shown"), [(0, "0 people agree"), (1, "1 person agrees"), (2, "2 people agree"), (21, "21 people agree")]
)
def test_a_comment_says_how_many_people_agree_in_words_that_read(client, consultation, count, shown):
    CommentFactory(target=consultation, agreement_count=count)

    html = client.get(consultation.get_absolute_url()).content.decode()

    assert f"<li>{shown}</li>" in html


def test_a_comments_own_page_offers_each_person_what_they_may_do_with_it(consultation, resident):
    """The comment's page asks the same rules as the thread: its author may change or delete it, another
    resident may agree with it or report it, a visitor may do neither."""
    comment = CommentFactory(target=consultation, author=resident)
    url = reverse("discussions:comment_detail", kwargs={"pk": comment.pk})
    own = signed_in(resident).get(url).content.decode()
    assert reverse("discussions:comment_edit", kwargs={"pk": comment.pk}) in own
    assert reverse("discussions:comment_delete", kwargs={"pk": comment.pk}) in own
    assert reverse("discussions:comment_report", kwargs={"pk": comment.pk}) not in own
    other = signed_in(UserFactory()).get(url).content.decode()
    assert reverse("discussions:comment_agree", kwargs={"pk": comment.pk}) in other
    assert reverse("discussions:comment_report", kwargs={"pk": comment.pk}) in other
    assert reverse("discussions:comment_edit", kwargs={"pk": comment.pk}) not in other
    visitor = Client().get(url).content.decode()
    for action in ("comment_agree", "comment_report", "comment_edit", "comment_delete"):
        assert reverse(f"discussions:{action}", kwargs={"pk": comment.pk}) not in visitor
