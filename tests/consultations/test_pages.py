"""The consultation list and page: statuses, filters, search, days left, timeline, documents, team."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone

from consultations.models import Question
from tests.consultations.factories import (
    ConsultationFactory,
    DocumentFactory,
    MeetingFactory,
    OutcomeFactory,
    StageFactory,
    TeamFactory,
    TeamMemberFactory,
)
from tests.discussions.factories import CommentFactory
from tests.downloads import downloaded_bytes, downloaded_json, downloaded_text
from tests.factories import PlaceFactory, TopicFactory

pytestmark = pytest.mark.django_db


LONDON = ZoneInfo("Europe/London")


@pytest.mark.parametrize(
    "now, closes_at, left",
    [
        # The evening before a morning closing: tomorrow is the closing day, whatever the hours between.
        (dt.datetime(2026, 12, 7, 20, 0, tzinfo=LONDON), dt.datetime(2026, 12, 8, 9, 0, tzinfo=LONDON), "1 day left"),
        (
            dt.datetime(2026, 12, 7, 8, 0, tzinfo=LONDON),
            dt.datetime(2026, 12, 7, 23, 0, tzinfo=LONDON),
            "closes today",
        ),
        # Late at night, for a closing just after midnight ten days on: 9 days and 2 hours, but ten days left.
        (
            dt.datetime(2026, 12, 7, 23, 0, tzinfo=LONDON),
            dt.datetime(2026, 12, 17, 1, 0, tzinfo=LONDON),
            "10 days left",
        ),
        # In summer, London's day starts at 23:00 UTC: half past midnight tomorrow is tomorrow, not today.
        (
            dt.datetime(2026, 7, 10, 23, 30, tzinfo=LONDON),
            dt.datetime(2026, 7, 11, 0, 30, tzinfo=LONDON),
            "1 day left",
        ),
    ],
)
def test_days_left_count_the_days_to_the_closing_date_in_london(client, monkeypatch, now, closes_at, left):
    monkeypatch.setattr(timezone, "now", lambda: now.astimezone(dt.UTC))
    consultation = ConsultationFactory(
        title="Day opportunities",
        published_at=now - dt.timedelta(days=8),
        opens_at=now - dt.timedelta(days=7),
        closes_at=closes_at,
    )
    # The card: "1 day left, closes 8 December 2026"; the page's summary: "1 day left".
    card = f"{left[0].upper()}{left[1:]}, closes {closes_at.day} {closes_at:%B %Y}"
    assert card in client.get(reverse("consultations:list")).content.decode()
    page = client.get(consultation.get_absolute_url()).content.decode()
    assert left in page
    assert ("closes today" in page) == (left == "closes today")


def test_the_list_shows_open_and_upcoming_consultations_with_days_left(client):
    # Noon on the tenth day from today in London, whatever the hour the test runs: ten days left.
    closing_day = timezone.localdate() + dt.timedelta(days=10)
    closes_at = dt.datetime.combine(closing_day, dt.time(12), tzinfo=LONDON)
    ConsultationFactory(title="Day opportunities", closes_at=closes_at)
    ConsultationFactory(title="Library hours", upcoming=True)
    ConsultationFactory(title="Old closed one", closed=True)
    ConsultationFactory(title="Secret draft", draft=True)
    page = client.get(reverse("consultations:list")).content.decode()
    assert "Day opportunities" in page and "10 days left" in page
    assert "Library hours" in page and "Opening soon" in page
    assert "Old closed one" not in page
    assert "Secret draft" not in page


def test_filter_by_status_shows_closed_and_decided_consultations(client):
    ConsultationFactory(title="Open one")
    ConsultationFactory(title="Closed one", closed=True)
    outcome = OutcomeFactory(consultation__title="Decided one")
    outcome.published_at = timezone.now()
    outcome.save()
    page = client.get(reverse("consultations:list") + "?status=closed").content.decode()
    assert "Closed one" in page and "Open one" not in page and "Decided one" not in page
    page = client.get(reverse("consultations:list") + "?status=outcome").content.decode()
    assert "Decided one" in page and "Outcome published" in page


def test_filter_by_topic_and_place(client, reference_data):
    from localism.models import Place, Topic

    transport = Topic.objects.get(slug="transport-and-roads")
    breckland = Place.objects.get(slug="breckland")
    inside = ConsultationFactory(title="Buses in Breckland")
    inside.topics.add(transport)
    inside.places.add(Place.objects.filter(parent=breckland).first())
    ConsultationFactory(title="Elsewhere")
    assert (
        "Buses in Breckland"
        in client.get(reverse("consultations:list") + "?topic=transport-and-roads").content.decode()
    )
    page = client.get(reverse("consultations:list") + "?place=breckland").content.decode()
    assert "Buses in Breckland" in page and "Elsewhere" not in page


def test_search_finds_consultations_by_their_words(client):
    ConsultationFactory(title="Day opportunities for adults", summary="Learning disabilities day services")
    ConsultationFactory(title="Library hours")
    page = client.get(reverse("consultations:list") + "?q=disability").content.decode()
    assert "Day opportunities" in page and "Library hours" not in page


@pytest.mark.parametrize(
    "query",
    [
        "?topic=nope",
        "?status=banana",
        "?page=abc",
        "?page=-4",
        "?q=" + "%00" * 3,
        "?q=" + "x" * 500,
        "?place=%F0%9F%98%80",
    ],
)
def test_odd_list_parameters_never_break_the_page(client, query):
    ConsultationFactory()
    assert client.get(reverse("consultations:list") + query).status_code == 200


def test_the_list_runs_a_fixed_number_of_queries(client, django_assert_num_queries):
    topic = TopicFactory()
    for _ in range(25):
        ConsultationFactory().topics.add(topic)
    # The page of cards with the number that match (one query), and the choices of the topic and area selects.
    with django_assert_num_queries(3):
        page = client.get(reverse("consultations:list") + "?status=open")
    assert page.status_code == 200
    assert "25 consultations" in page.content.decode()
    with django_assert_num_queries(5):  # past the last page: found empty, counted, and the last page shown
        page = client.get(reverse("consultations:list") + "?status=open&page=9")
    assert "Page 2 of 2" in page.content.decode()


def test_the_page_shows_who_decides_the_timeline_documents_and_team(client, consultation):
    consultation.decision_expected_on = dt.date(2027, 3, 1)
    consultation.save()
    place = PlaceFactory(name="Little Snoring")
    consultation.places.add(place)
    consultation.topics.add(TopicFactory(name="Rural buses"))
    StageFactory(
        consultation=consultation,
        title="Co-design workshops",
        kind="co-design",
        starts_on=dt.date(2020, 1, 1),
        ends_on=dt.date(2020, 2, 1),
    )
    StageFactory(consultation=consultation, title="Public consultation")
    DocumentFactory(consultation=consultation, title="Easy Read summary", is_easy_read=True)
    member = TeamMemberFactory(team=TeamFactory(consultation=consultation), name="Pat", access_needs="Wheelchair user")
    MeetingFactory(team=member.team, title="First workshop")
    MeetingFactory(team=member.team, title="Unpublished meeting", is_published=False)
    page = client.get(consultation.get_absolute_url()).content.decode()
    assert "Cabinet" in page and "March 2027" in page
    assert f'<a class="govuk-link" href="{place.get_absolute_url()}">Little Snoring</a>' in page
    assert "Rural buses" in page
    assert 'aria-current="step"' in page and "Co-design workshops" in page
    # A document as every page lists one (components/document_link.html): its type and size in brackets.
    assert 'Easy Read summary (Easy Read)</a> <span class="localism-meta">(PDF, 20\xa0bytes)</span>' in page
    assert "Pat" in page and "Wheelchair user" not in page
    assert "First workshop" in page and "Unpublished meeting" not in page
    assert "Consultation" in page  # the ladder of participation


def test_a_document_downloads(client, consultation):
    document = DocumentFactory(consultation=consultation)
    response = client.get(document.get_absolute_url())
    assert response.status_code == 200
    assert downloaded_bytes(response).startswith(b"%PDF")


def test_staff_preview_a_draft_with_a_banner(client, moderator):
    consultation = ConsultationFactory(draft=True)
    client.force_login(moderator)
    page = client.get(consultation.get_absolute_url()).content.decode()
    assert "Preview: this consultation is not published" in page


def test_the_page_runs_a_fixed_number_of_queries_whatever_the_comments(
    client, resident, consultation, django_assert_max_num_queries
):
    for question_kind in Question.Kind.values:
        consultation.questions.create(kind=question_kind, text=question_kind, options=["a", "b", "c", "d", "e"])
    for _ in range(30):
        parent = CommentFactory(target=consultation)
        for _ in range(3):
            CommentFactory(target=consultation, parent=parent)
    client.force_login(resident)
    with django_assert_max_num_queries(18):
        page = client.get(consultation.get_absolute_url())
    assert page.status_code == 200
    assert "Older comments" in page.content.decode()


def test_a_meeting_page_shows_agenda_minutes_and_decisions(client, consultation):
    meeting = MeetingFactory(team=TeamFactory(consultation=consultation))
    meeting.decisions.create(
        title="Evening journeys", options_considered="6pm or 10pm", decided_by="The team", reasons="Shifts"
    )
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert "Welcome" in page and "evening journeys" in page and "6pm or 10pm" in page


def test_an_unpublished_meeting_is_not_found(client, consultation):
    meeting = MeetingFactory(team=TeamFactory(consultation=consultation), is_published=False)
    assert client.get(meeting.get_absolute_url()).status_code == 404


def test_home_and_place_pages_show_open_consultations(client, reference_data):
    from localism.models import Place

    cromer = Place.objects.get(slug="cromer")
    consultation = ConsultationFactory(title="Cromer seafront buses")
    consultation.places.add(cromer)
    assert "Cromer seafront buses" in client.get(reverse("localism:home")).content.decode()
    assert (
        "Cromer seafront buses"
        in client.get(reverse("localism:place_detail", kwargs={"slug": "cromer"})).content.decode()
    )
    assert (
        "Cromer seafront buses"
        in client.get(reverse("localism:place_detail", kwargs={"slug": cromer.parent.slug})).content.decode()
    )
    elsewhere = PlaceFactory(name="Elsewhere", kind="district")
    assert "Cromer seafront buses" not in client.get(elsewhere.get_absolute_url()).content.decode()


def test_each_card_links_to_its_consultations_page_on_the_list_home_and_place_pages(client, reference_data):
    from localism.models import Place

    cromer = Place.objects.get(slug="cromer")
    consultations = [ConsultationFactory(slug=slug) for slug in ("cromer-buses", "2027-budget", "9")]
    for consultation in consultations:
        consultation.places.add(cromer)
    for address in (reverse("consultations:list"), reverse("localism:home"), cromer.get_absolute_url()):
        page = client.get(address).content.decode()
        for consultation in consultations:
            assert f'<a class="govuk-link" href="{consultation.get_absolute_url()}">{consultation.title}</a>' in page


@pytest.mark.parametrize(
    ("traits", "tag"),
    [
        ({}, '<strong class="govuk-tag govuk-tag--green">Open</strong>'),
        ({"upcoming": True}, '<strong class="govuk-tag govuk-tag--blue">Opening soon</strong>'),
        ({"closed": True}, '<strong class="govuk-tag govuk-tag--grey">Closed</strong>'),
    ],
)
def test_the_list_and_the_page_tag_each_status(client, traits, tag):
    consultation = ConsultationFactory(**traits)

    assert (
        tag
        in client.get(reverse("consultations:list") + "?status=open&status=upcoming&status=closed").content.decode()
    )
    assert tag in client.get(consultation.get_absolute_url()).content.decode()


def test_a_published_outcome_and_a_draft_have_their_tags(client, moderator):
    outcome = OutcomeFactory()
    outcome.published_at = timezone.now()
    outcome.save()
    draft = ConsultationFactory(draft=True)

    assert '<strong class="govuk-tag govuk-tag--purple">Outcome published</strong>' in (
        client.get(outcome.consultation.get_absolute_url()).content.decode()
    )
    client.force_login(moderator)
    assert '<strong class="govuk-tag govuk-tag--yellow">Draft</strong>' in (
        client.get(draft.get_absolute_url()).content.decode()
    )


def test_the_list_downloads_as_csv_and_json(client):
    ConsultationFactory(title="=cmd|' /C calc'!A0")
    ConsultationFactory(title="Library hours")
    csv_address = reverse("consultations:list_download", kwargs={"fmt": "csv"})
    body = downloaded_text(client.get(csv_address, {"status": "open"}))
    assert "'=cmd" in body and "Library hours" in body
    json_address = reverse("consultations:list_download", kwargs={"fmt": "json"})
    data = downloaded_json(client.get(json_address, {"status": "open"}))
    assert {c["title"] for c in data["consultations"]} == {"=cmd|' /C calc'!A0", "Library hours"}
    assert data["licence"] == "Open Government Licence v3.0"


def test_the_download_address_the_list_had_before_still_works(client):
    ConsultationFactory(title="Library hours")
    response = client.get(reverse("consultations:list"), {"status": "open", "format": "csv"})
    assert response.status_code == 301
    assert response["Location"] == reverse("consultations:list_download", kwargs={"fmt": "csv"}) + "?status=open"
    assert "Library hours" in downloaded_text(client.get(response["Location"]))


def test_the_default_list_downloads_what_it_shows(client):
    ConsultationFactory(title="Open now")
    ago = timezone.now() - dt.timedelta(days=30)
    ConsultationFactory(title="Long closed", opens_at=ago - dt.timedelta(days=30), closes_at=ago)
    page = client.get(reverse("consultations:list")).content.decode()
    body = downloaded_text(client.get(reverse("consultations:list_download", kwargs={"fmt": "csv"})))
    assert "Open now" in page and "Long closed" not in page
    assert "Open now" in body and "Long closed" not in body
