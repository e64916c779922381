"""Freshness: reminders before, on and after a listing's review date, then "may be out of date", then hidden."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core import mail

from directory.freshness import hide_stale_listings, send_freshness_reminders
from directory.models import Listing
from directory.tasks import check_listing_freshness
from tests.directory.factories import ListingFactory

pytestmark = pytest.mark.django_db

CONFIRMED = datetime.datetime(2025, 3, 1, 12, 0, tzinfo=ZoneInfo("Europe/London"))
DUE = datetime.date(2026, 3, 1)  # 365 days later


@pytest.fixture
def listing(organisation, group_owner, moderator):
    return ListingFactory(
        organisation=organisation, name="Lunch club", published_at=CONFIRMED, last_confirmed_at=CONFIRMED
    )


def run(today: datetime.date, capture) -> None:
    with capture(execute=True):
        send_freshness_reminders(today=today)
        hide_stale_listings(today=today)


def subjects() -> list[str]:
    return [message.subject for message in mail.outbox]


def test_nothing_is_sent_before_the_reminder_window(listing, django_capture_on_commit_callbacks):
    run(DUE - datetime.timedelta(days=15), django_capture_on_commit_callbacks)

    assert mail.outbox == []


def test_the_group_is_reminded_14_days_before_on_the_day_and_14_days_after(
    listing, django_capture_on_commit_callbacks
):
    run(DUE - datetime.timedelta(days=14), django_capture_on_commit_callbacks)
    assert subjects() == ["Please check Lunch club is still up to date"]
    assert mail.outbox[0].to == ["owner@example.org"]
    assert "1 March 2026" in mail.outbox[0].body

    run(DUE, django_capture_on_commit_callbacks)
    assert subjects()[-1] == "Lunch club: please confirm it is up to date today"

    run(DUE + datetime.timedelta(days=14), django_capture_on_commit_callbacks)
    assert subjects()[-1] == "Lunch club needs checking: it will soon show as out of date"
    assert len(mail.outbox) == 3


def test_the_review_falls_due_a_year_after_the_day_in_london_it_was_confirmed(
    organisation, group_owner, django_capture_on_commit_callbacks
):
    """Confirmed at half past midnight in British Summer Time, 23:30 the day before in UTC: the reminders, the
    listing's page and the hiding all count from the London day."""
    confirmed = datetime.datetime(2025, 7, 11, 0, 30, tzinfo=ZoneInfo("Europe/London"))
    listing = ListingFactory(
        organisation=organisation, name="Night owls", published_at=confirmed, last_confirmed_at=confirmed
    )
    due = datetime.date(2026, 7, 11)
    assert listing.review_due_on == due

    run(due - datetime.timedelta(days=1), django_capture_on_commit_callbacks)
    assert subjects() == ["Please check Night owls is still up to date"]
    run(due, django_capture_on_commit_callbacks)
    assert subjects()[-1] == "Night owls: please confirm it is up to date today"
    assert "11 July 2026" in mail.outbox[-1].body
    assert set(listing.freshness_reminders.values_list("due_on", flat=True)) == {due}

    run(due + datetime.timedelta(days=89), django_capture_on_commit_callbacks)
    assert not Listing.objects.get(pk=listing.pk).is_hidden_as_stale
    run(due + datetime.timedelta(days=90), django_capture_on_commit_callbacks)
    assert Listing.objects.get(pk=listing.pk).is_hidden_as_stale


def test_running_twice_on_the_same_day_sends_once(listing, django_capture_on_commit_callbacks):
    run(DUE, django_capture_on_commit_callbacks)
    run(DUE, django_capture_on_commit_callbacks)
    run(DUE + datetime.timedelta(days=1), django_capture_on_commit_callbacks)

    assert len(mail.outbox) == 1


def test_a_missed_day_is_caught_up_the_next_day(listing, django_capture_on_commit_callbacks):
    run(DUE - datetime.timedelta(days=13), django_capture_on_commit_callbacks)

    assert subjects() == ["Please check Lunch club is still up to date"]


def test_a_month_after_the_due_date_residents_see_may_be_out_of_date(listing):
    assert not listing.may_be_out_of_date(DUE + datetime.timedelta(days=29))
    assert listing.may_be_out_of_date(DUE + datetime.timedelta(days=30))


def test_three_months_after_it_is_hidden_and_the_group_and_staff_are_told(
    listing, client, django_capture_on_commit_callbacks
):
    run(DUE + datetime.timedelta(days=89), django_capture_on_commit_callbacks)
    listing.refresh_from_db()
    assert not listing.is_hidden_as_stale
    mail.outbox.clear()

    run(DUE + datetime.timedelta(days=90), django_capture_on_commit_callbacks)

    listing.refresh_from_db()
    assert listing.is_hidden_as_stale
    assert client.get(listing.get_absolute_url()).status_code == 404
    # The group at once; staff by their email frequency.
    assert [m.to for m in mail.outbox] == [["owner@example.org"]]
    assert "is hidden from the directory" in mail.outbox[0].subject
    from notifications.models import Notification

    assert Notification.objects.filter(
        event__kind="directory.listing_hidden", recipient__email="moderator@example.org"
    ).exists()


def test_confirming_starts_the_year_again(listing, group_owner, django_capture_on_commit_callbacks):
    from directory.services import listing_confirm_current

    listing_confirm_current(
        listing=listing, by=group_owner, now=datetime.datetime(2026, 2, 20, tzinfo=ZoneInfo("UTC"))
    )

    run(DUE, django_capture_on_commit_callbacks)
    run(DUE + datetime.timedelta(days=90), django_capture_on_commit_callbacks)

    listing.refresh_from_db()
    assert mail.outbox == []
    assert not listing.is_hidden_as_stale


def test_drafts_are_never_reminded(organisation, group_owner, django_capture_on_commit_callbacks):
    ListingFactory(
        organisation=organisation, status=Listing.Status.DRAFT, published_at=CONFIRMED, last_confirmed_at=CONFIRMED
    )

    run(DUE, django_capture_on_commit_callbacks)

    assert mail.outbox == []


def test_the_beat_task_runs_both_steps(listing, settings):
    assert check_listing_freshness.apply().get() == {"reminded": 0, "hidden": 1}
    assert (
        settings.CELERY_BEAT_SCHEDULE["directory-listing-freshness"]["task"]
        == "directory.tasks.check_listing_freshness"
    )
