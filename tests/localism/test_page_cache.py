"""The anonymous page cache: kept pages are served without the view, every write that changes a page
shows on the next request, and one person's page, message or form is never served to another."""

import datetime

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from consultations.services import outcome_publish
from directory.models import Listing
from directory.services import listing_approve
from tests.consultations.factories import ConsultationFactory, OutcomeFactory
from tests.directory.factories import ListingFactory
from tests.discussions.factories import CommentFactory

# Real commits: a page goes stale when the write that changed it commits.
pytestmark = pytest.mark.django_db(transaction=True)

SPENDING_FILE = (
    "Organisational Unit,Beneficiary Name,Payment Date,Amount,Irrecoverable VAT Amount,Purpose,"
    "Transaction Number,Expense Type,Service Area,Procurement Card\r\n"
    "Highways,Cachebury Gritting Ltd,30/06/2025,£820.00,,Winter gritting,T2,Winter gritting,"
    "Highways and Transport,No\r\n"
).encode()


@pytest.fixture(autouse=True)
def page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 60


def _get(client, url, **headers):
    response = client.get(url, headers=headers)
    assert response.status_code == 200, url
    return response


def test_an_anonymous_page_is_served_again_without_the_view_or_the_database(client, django_assert_num_queries):
    first = _get(client, reverse("localism:home"))
    assert first["X-Page-Cache"] == "miss"
    with django_assert_num_queries(0):
        second = _get(Client(), reverse("localism:home"))
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content
    assert second["Content-Security-Policy"] == first["Content-Security-Policy"]


def test_a_public_page_tells_proxies_how_to_keep_and_revalidate_it(client):
    response = _get(client, reverse("directory:search"))
    assert "public" in response["Cache-Control"] and "max-age=0" in response["Cache-Control"]
    assert response["ETag"] and response["Last-Modified"]
    again = Client().get(reverse("directory:search"), headers={"If-None-Match": response["ETag"]})
    assert again.status_code == 304
    assert again.content == b""


def test_a_new_comment_shows_on_the_next_request(client):
    consultation = ConsultationFactory()
    page = reverse("discussions:thread", kwargs={"key": "consultation", "pk": consultation.pk})
    assert "A bus every hour" not in _get(client, page).content.decode()
    CommentFactory(target=consultation, text="A bus every hour would do")
    response = _get(Client(), page)
    assert response["X-Page-Cache"] == "miss"
    assert "A bus every hour would do" in response.content.decode()


def test_an_approved_listing_shows_on_the_next_request(client, moderator):
    listing = ListingFactory(name="Cachebury Knit and Natter", status=Listing.Status.PENDING)
    search = reverse("directory:search") + "?q=Cachebury"
    assert "Cachebury Knit and Natter" not in _get(client, search).content.decode()
    listing_approve(listing=listing, by=moderator)
    assert "Cachebury Knit and Natter" in _get(Client(), search).content.decode()


def test_a_published_outcome_shows_on_the_next_request(client, moderator):
    outcome = OutcomeFactory()
    page = outcome.consultation.get_absolute_url()
    assert "Outcome published" not in _get(client, page).content.decode()
    outcome_publish(outcome=outcome, by=moderator)
    assert "Outcome published" in _get(Client(), page).content.decode()


def test_an_import_shows_on_the_next_request(client, tmp_path):
    page = reverse("transparency:spending")
    assert "Cachebury Gritting" not in _get(client, page).content.decode()
    path = tmp_path / "spending.csv"
    path.write_bytes(SPENDING_FILE)
    call_command("import_spending", str(path))
    assert "Cachebury Gritting" in _get(Client(), page).content.decode()


def test_a_write_that_is_rolled_back_changes_nothing_and_later_writes_still_count(client):
    consultation = ConsultationFactory()
    page = reverse("discussions:thread", kwargs={"key": "consultation", "pk": consultation.pk})
    _get(client, page)
    try:
        with transaction.atomic():
            CommentFactory(target=consultation, text="Never committed")
            raise RuntimeError("rolled back")
    except RuntimeError:
        pass
    assert _get(Client(), page)["X-Page-Cache"] == "hit"
    CommentFactory(target=consultation, text="Committed afterwards")
    response = _get(Client(), page)
    assert "Committed afterwards" in response.content.decode()
    assert "Never committed" not in response.content.decode()


def test_a_signed_in_page_is_never_kept_or_served_to_anyone_else(resident_client, resident):
    home = reverse("localism:home")
    mine = _get(resident_client, home)
    assert "X-Page-Cache" not in mine
    assert "private" in mine["Cache-Control"]
    profile_link = f'href="{reverse("accounts:profile")}"'
    assert profile_link in mine.content.decode()
    anonymous = _get(Client(), home)
    assert anonymous["X-Page-Cache"] == "miss"
    assert profile_link not in anonymous.content.decode()
    assert "X-Page-Cache" not in _get(resident_client, home), "signed in, a kept page is not served either"


def test_a_page_with_a_form_is_not_kept_so_no_one_gets_another_persons_token(client):
    sign_in = reverse("account_login")
    first = _get(client, sign_in)
    assert first.cookies.get("csrftoken")
    assert "X-Page-Cache" not in first and "private" in first["Cache-Control"]
    other = _get(Client(), sign_in)
    assert other.cookies["csrftoken"].value != first.cookies["csrftoken"].value


def test_a_visitor_with_a_message_waiting_is_not_served_a_kept_page(client):
    home = reverse("localism:home")
    _get(client, home)
    waiting = Client()
    waiting.cookies["messages"] = "a message for this visitor alone"
    assert "X-Page-Cache" not in _get(waiting, home)


def test_a_page_with_form_errors_is_not_kept(client):
    page = reverse("transparency:spending") + "?date_from_day=31&date_from_month=2&date_from_year=2025"
    response = client.get(page)
    assert response.status_code == 400
    assert "X-Page-Cache" not in response
    assert "X-Page-Cache" not in Client().get(page)


def test_pages_are_served_when_the_cache_is_down(client, settings):
    settings.CACHES = {
        **settings.CACHES,
        "pages": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": "redis://127.0.0.1:9/0"},
    }
    response = _get(client, reverse("localism:home"))
    assert "X-Page-Cache" not in response


def test_a_kept_page_expires(client, settings, monkeypatch):
    home = reverse("localism:home")
    _get(client, home)
    later = timezone.now() + datetime.timedelta(seconds=settings.PAGE_CACHE_SECONDS + 1)
    monkeypatch.setattr("time.time", lambda: later.timestamp())
    assert _get(Client(), home)["X-Page-Cache"] == "miss"


def test_a_comment_posted_through_the_site_shows_on_the_next_anonymous_request(resident_client):
    consultation = ConsultationFactory()
    page = reverse("discussions:thread", kwargs={"key": "consultation", "pk": consultation.pk})
    _get(Client(), page)
    assert _get(Client(), page)["X-Page-Cache"] == "hit"
    posted = resident_client.post(
        reverse("discussions:comment_create", kwargs={"key": "consultation", "pk": consultation.pk}),
        {"text": "Posted through the site and committed"},
    )
    assert posted.status_code in (200, 302)
    response = _get(Client(), page)
    assert response["X-Page-Cache"] == "miss"
    assert "Posted through the site and committed" in response.content.decode()
