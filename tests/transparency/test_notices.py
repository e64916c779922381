"""Public notices: each council (a parish clerk for the parish) gives its own, meetings with three clear days'
notice (Local Government Act 1972, schedule 12 and section 243), and people following the area are told."""

import datetime

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from localism.dates import clear_days_between, earliest_meeting_day
from localism.models import Place
from notifications.services import subscription_follow
from tests.admin_forms import assert_choice_refused
from tests.clients import signed_in
from tests.downloads import downloaded_bytes, downloaded_csv_dicts, downloaded_json
from tests.factories import council
from tests.permission_matrix import who_may
from tests.transparency.factories import NoticeFactory
from transparency import tasks
from transparency.models import Notice, NoticeDocument

pytestmark = pytest.mark.django_db

PARISH = frozenset({"county staff", "parish clerk"})


def at(day: datetime.date, hour: int = 19) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def notice_form(**overrides) -> dict:
    """The admin's add form for a notice, with no documents."""
    data = {
        "council": council("cromer-town-council").pk,
        "kind": Notice.Kind.GENERAL,
        "title": "Allotment rents for next year",
        "slug": "allotment-rents",
        "body": "The council will set allotment rents at its next meeting.",
        "published_on": timezone.localdate().strftime("%d/%m/%Y"),
        "display_until": "",
        "meeting_at_0": "",
        "meeting_at_1": "",
        "venue": "",
        "is_published": "on",
        "documents-TOTAL_FORMS": "0",
        "documents-INITIAL_FORMS": "0",
        "documents-MIN_NUM_FORMS": "0",
        "documents-MAX_NUM_FORMS": "1000",
    }
    return data | overrides


# --- Three clear days ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("published", "earliest", "why"),
    [
        (datetime.date(2026, 12, 7), datetime.date(2026, 12, 11), "Tuesday to Thursday are clear"),
        (datetime.date(2026, 12, 10), datetime.date(2026, 12, 15), "Saturday counts, Sunday does not"),
        (datetime.date(2026, 8, 27), datetime.date(2026, 9, 2), "the August bank holiday does not count"),
        (datetime.date(2026, 12, 23), datetime.date(2027, 1, 3), "the Christmas break and New Year's Day"),
        (datetime.date(2027, 3, 24), datetime.date(2027, 4, 3), "the Easter break, Thursday to Tuesday"),
    ],
)
def test_three_clear_days_leave_out_sundays_bank_holidays_and_the_christmas_and_easter_breaks(
    published, earliest, why
):
    assert earliest_meeting_day(published) == earliest, why
    assert clear_days_between(published, earliest) == 3
    assert clear_days_between(published, earliest - datetime.timedelta(days=1)) < 3


def test_a_meeting_notice_with_too_little_notice_is_refused_with_the_earliest_date(parish_clerk):
    published = datetime.date(2026, 12, 10)  # a Thursday: Sunday the 13th does not count
    data = notice_form(
        kind=Notice.Kind.MEETING,
        title="Meeting of the full council",
        published_on=published.strftime("%d/%m/%Y"),
        meeting_at_0="14/12/2026",
        meeting_at_1="19:00",
        venue="The Parish Hall",
    )

    response = signed_in(parish_clerk).post(reverse("admin:transparency_notice_add"), data)

    assert response.status_code == 200
    html = response.content.decode()
    assert "3 clear days&#x27; notice" in html
    assert "the earliest the meeting can be is 15 December 2026" in html
    assert 'value="Meeting of the full council"' in html  # what was typed is kept
    assert not Notice.objects.exists()


def test_a_meeting_notice_needs_the_meeting_time(parish_clerk):
    response = signed_in(parish_clerk).post(
        reverse("admin:transparency_notice_add"), notice_form(kind=Notice.Kind.MEETING)
    )

    assert response.status_code == 200
    assert "A notice of a meeting says when the meeting is held." in response.content.decode()
    assert not Notice.objects.exists()


# --- Each council its own -------------------------------------------------------------------------


def test_a_parish_notice_is_given_by_its_clerk_and_the_county(council_personas):
    notice = NoticeFactory(council=council("cromer-town-council"), is_published=False)

    assert who_may(council_personas, "transparency.publish_notice", notice) == PARISH


def test_a_clerk_publishes_a_notice_for_their_council_and_followers_of_the_town_are_told(
    parish_clerk, resident, other_resident, client, django_capture_on_commit_callbacks
):
    cromer = Place.objects.get(slug="cromer")
    subscription_follow(user=resident, target=cromer)
    subscription_follow(user=other_resident, target=Place.objects.get(slug="great-yarmouth"))
    for person in (resident, other_resident):
        person.email_frequency = "instant"
        person.save()
    clerk = signed_in(parish_clerk)

    with django_capture_on_commit_callbacks(execute=True):
        response = clerk.post(reverse("admin:transparency_notice_add"), notice_form())
    with django_capture_on_commit_callbacks(execute=True):  # saving it again tells nobody twice
        clerk.post(
            reverse("admin:transparency_notice_change", args=[Notice.objects.get().pk]),
            notice_form(title="Allotment rents for next year (corrected)"),
        )

    notice = Notice.objects.get()
    assert response.status_code == 302
    assert notice.council == council("cromer-town-council")
    assert list(notice.places.all()) == list(notice.council.places.all())  # the council's whole area
    assert [m.to for m in mail.outbox] == [[resident.email]]
    assert mail.outbox[0].subject == "Cromer Town Council: Allotment rents for next year"
    html = client.get(reverse("localism:place_detail", args=["cromer"])).content.decode()
    assert "Allotment rents for next year (corrected)" in html
    assert "Cromer Town Council" in html


def test_a_clerk_cannot_give_a_notice_for_another_council(parish_clerk):
    response = signed_in(parish_clerk).post(
        reverse("admin:transparency_notice_add"), notice_form(council=council("holt-town-council").pk)
    )

    assert_choice_refused(response)
    assert not Notice.objects.exists()


def test_a_clerk_cannot_change_another_councils_notice_nor_see_it_listed(parish_clerk):
    holt = NoticeFactory(council=council("holt-town-council"), title="Holt allotments")
    own = NoticeFactory(title="Cromer allotments")
    clerk = signed_in(parish_clerk)

    listed = clerk.get(reverse("admin:transparency_notice_changelist")).content.decode()
    response = clerk.post(
        reverse("admin:transparency_notice_change", args=[holt.pk]),
        notice_form(council=council("holt-town-council").pk, title="Changed", slug=holt.slug),
    )

    holt.refresh_from_db()
    assert own.title in listed and holt.title not in listed
    assert response.status_code == 302 and response.url == reverse("admin:index")
    assert holt.title == "Holt allotments"


# --- What the public sees ---------------------------------------------------------------------------


def test_the_list_shows_current_notices_and_earlier_ones_on_request(client, reference_data):
    today = timezone.localdate()
    current = NoticeFactory(title="Vacancy for a councillor", kind=Notice.Kind.VACANCY)
    past = NoticeFactory(
        title="Accounts for the year before",
        published_on=today - datetime.timedelta(days=60),
        display_until=today - datetime.timedelta(days=30),
    )
    draft = NoticeFactory(title="Not ready yet", is_published=False)
    future = NoticeFactory(title="Published next week", published_on=today + datetime.timedelta(days=7))

    opening = client.get(reverse("transparency:notices")).content.decode()
    earlier = client.get(reverse("transparency:notices"), {"shown": "past"}).content.decode()

    assert current.title in opening and past.title not in opening
    assert past.title in earlier and current.title not in earlier
    for hidden in (draft, future):
        assert hidden.title not in opening + earlier
        assert client.get(hidden.get_absolute_url()).status_code == 404
    assert "no longer on display" in client.get(past.get_absolute_url()).content.decode()


def test_notices_filter_by_council_and_kind_and_say_what_is_wrong(client, reference_data):
    cromer = NoticeFactory(
        title="Cromer meeting",
        kind=Notice.Kind.MEETING,
        meeting_at=at(timezone.localdate() + datetime.timedelta(days=10)),
    )
    holt = NoticeFactory(title="Holt vacancy", council=council("holt-town-council"), kind=Notice.Kind.VACANCY)

    by_council = client.get(reverse("transparency:notices"), {"council": "holt-town-council"}).content.decode()
    by_kind = client.get(reverse("transparency:notices"), {"kind": "meeting"}).content.decode()
    wrong = client.get(reverse("transparency:notices"), {"council": "no-such-council", "kind": "gossip"})

    assert holt.title in by_council and cromer.title not in by_council
    assert cromer.title in by_kind and holt.title not in by_kind
    assert wrong.status_code == 400
    assert "Choose one of the councils in the list" in wrong.content.decode()
    assert "Choose one of the kinds of notice in the list" in wrong.content.decode()


def test_a_notice_names_its_council_and_serves_its_papers(client, reference_data):
    notice = NoticeFactory(
        title="Meeting of the full council",
        kind=Notice.Kind.MEETING,
        meeting_at=at(timezone.localdate() + datetime.timedelta(days=10)),
        venue="The Parish Hall",
        body="Agenda: <script>alert(1)</script> **minutes**",
    )
    document = NoticeDocument.objects.create(
        notice=notice, title="Agenda", file=SimpleUploadedFile("agenda.pdf", b"%PDF-1.4 agenda", "application/pdf")
    )
    hidden = NoticeFactory(is_published=False)
    hidden_document = NoticeDocument.objects.create(
        notice=hidden, title="Draft", file=SimpleUploadedFile("draft.pdf", b"%PDF-1.4 draft", "application/pdf")
    )

    html = client.get(notice.get_absolute_url()).content.decode()
    paper = client.get(reverse("transparency:notice_document", args=[notice.slug, document.pk]))
    hidden_paper = client.get(reverse("transparency:notice_document", args=[hidden.slug, hidden_document.pk]))

    assert "Cromer Town Council" in html and "The Parish Hall" in html
    assert "<strong>minutes</strong>" in html and "<script>alert(1)</script>" not in html
    assert paper.status_code == 200 and downloaded_bytes(paper) == b"%PDF-1.4 agenda"
    assert hidden_paper.status_code == 404


def test_the_feed_and_the_site_search_carry_published_notices_only(client, reference_data):
    NoticeFactory(title="Closure of the beach car park")
    NoticeFactory(title="Closure of the market car park", is_published=False)

    feed = client.get(reverse("transparency:notices_feed")).content.decode()
    search = client.get(reverse("localism:search"), {"q": "car park closure"}).content.decode()

    assert "Closure of the beach car park" in feed and "market car park" not in feed
    assert "Closure of the beach car park" in search and "market car park" not in search


def test_the_notice_list_runs_a_fixed_number_of_queries(client, reference_data, django_assert_max_num_queries):
    for number in range(30):
        NoticeFactory(title=f"Notice {number}")

    with django_assert_max_num_queries(6):
        response = client.get(reverse("transparency:notices"))

    assert response.status_code == 200


def test_the_morning_run_tells_followers_of_a_notice_dated_to_be_published_today(
    resident, reference_data, django_capture_on_commit_callbacks
):
    subscription_follow(user=resident, target=Place.objects.get(slug="cromer"))
    resident.email_frequency = "instant"
    resident.save()
    notice = NoticeFactory(title="Road closure", published_on=timezone.localdate() + datetime.timedelta(days=1))
    notice.places.set([Place.objects.get(slug="cromer")])

    with django_capture_on_commit_callbacks(execute=True):
        before = tasks.tell_followers_of_notices()
    Notice.objects.filter(pk=notice.pk).update(published_on=timezone.localdate())
    with django_capture_on_commit_callbacks(execute=True):
        on_the_day = tasks.tell_followers_of_notices()
        again = tasks.tell_followers_of_notices()

    assert (before, on_the_day, again) == (0, 1, 1)
    assert [m.to for m in mail.outbox] == [[resident.email]]  # the second run tells nobody twice


def test_notices_download_as_csv_and_json_with_the_lists_filters(client, reference_data):
    today = timezone.localdate()
    NoticeFactory(title="Vacancy for a councillor", kind=Notice.Kind.VACANCY)
    NoticeFactory(title="Holt market closed", council=council("holt-town-council"), kind=Notice.Kind.ROADS)
    NoticeFactory(
        title="Earlier accounts",
        published_on=today - datetime.timedelta(days=60),
        display_until=today - datetime.timedelta(days=30),
    )
    NoticeFactory(title="Not public", is_published=False)

    page = client.get(reverse("transparency:notices")).content.decode()
    csv_response = client.get(reverse("transparency:notices_download", args=["csv"]), {"shown": "current"})
    rows = downloaded_csv_dicts(csv_response)
    json_response = client.get(
        reverse("transparency:notices_download", args=["json"]), {"council": "holt-town-council"}
    )
    notices = downloaded_json(json_response)["notices"]
    wrong = client.get(reverse("transparency:notices_download", args=["csv"]), {"kind": "gossip"})

    assert f"{reverse('transparency:notices_download', args=['csv'])}?shown=current" in page
    assert sorted(row["Title"] for row in rows) == ["Holt market closed", "Vacancy for a councillor"]
    vacancy = next(row for row in rows if row["Title"] == "Vacancy for a councillor")
    assert (vacancy["Council"], vacancy["Kind"]) == ("Cromer Town Council", "Vacancy or co-option")
    assert vacancy["Link"].endswith(
        reverse("transparency:notice_detail", args=[Notice.objects.get(title="Vacancy for a councillor").slug])
    )
    assert [(n["title"], n["council"], n["kind"]) for n in notices] == [
        ("Holt market closed", "Holt Town Council", "Roads and traffic")
    ]
    assert wrong.status_code == 400
