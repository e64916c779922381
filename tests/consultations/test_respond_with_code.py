"""Answering a survey with a one-time code, without an account: page by page as the survey branches, the answers
kept in the session until the code is typed on the last step, used once; one refusal for every bad code."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from consultations.models import Response
from consultations.views import CODE_PROGRESS
from participation_codes.models import ParticipationCode
from participation_codes.services import REFUSAL, batch_create, batch_revoke
from tests.consultations.conftest import answers_for
from tests.consultations.factories import (
    ConsultationFactory,
    assert_the_unasked_safety_answer_is_refused,
    branching_survey,
)
from tests.participation_codes.helpers import codes_for

pytestmark = pytest.mark.django_db


def _page(consultation, step=None):
    if step is None:
        return reverse("consultations:respond_code", kwargs={"slug": consultation.slug})
    return reverse("consultations:respond_code_page", kwargs={"slug": consultation.slug, "step": step})


def _send(consultation):
    return reverse("consultations:respond_code_send", kwargs={"slug": consultation.slug})


def _done(consultation):
    return reverse("consultations:respond_code_done", kwargs={"slug": consultation.slug})


def _respond(client, consultation, data):
    """Answer a survey of one page, then send it with the code in `data`."""
    code = data.pop("code", "")
    answered = client.post(_page(consultation), data)
    assert answered["Location"] == _send(consultation), answered.content.decode()[:2000]
    return client.post(_send(consultation), {"code": code})


def _nothing_used():
    return not Response.objects.exists() and not ParticipationCode.objects.filter(used_at__isnull=False).exists()


# --- A survey on one page ---------------------------------------------------------------------------------


def test_a_code_answers_the_survey_once_without_an_account(client, consultation, survey):
    code = codes_for(consultation)[0]
    page = client.get(consultation.get_absolute_url()).content.decode()
    assert _page(consultation) in page

    response = _respond(client, consultation, answers_for(survey, code=code))

    assert response["Location"] == _done(consultation)
    saved = Response.objects.get(consultation=consultation)
    assert saved.channel == Response.Channel.CODE and saved.respondent is None
    assert saved.answers.get(question=survey["text"]).text == "Swaffham"
    assert "Your code is now used up" in client.get(response["Location"]).content.decode()
    assert REFUSAL in _respond(client, consultation, answers_for(survey, code=code)).content.decode()
    assert Response.objects.count() == 1
    results = client.get(reverse("consultations:results", kwargs={"slug": consultation.slug}))
    assert results.status_code == 200


def test_the_last_step_shows_the_answers_to_check_with_links_to_change_them(client, consultation, survey):
    client.post(_page(consultation), answers_for(survey))
    page = client.get(_send(consultation)).content.decode()
    assert "Check your answers and send them" in page
    assert "Swaffham" in page and "1. Longer hours; 2. Lower fares" in page
    assert f'href="{_page(consultation, 1)}"' in page
    assert 'name="code"' in page and _nothing_used()


def test_a_wrong_used_revoked_or_other_consultations_code_gets_one_message_and_nothing_changes(
    client, consultation, survey
):
    used = codes_for(consultation)[0]
    _respond(client, consultation, answers_for(survey, code=used))
    batch, revoked = batch_create(target=consultation, size=1, label="Drop-in", by=None)
    batch_revoke(batch=batch, by=None)
    elsewhere = codes_for(ConsultationFactory())[0]

    pages = [
        _respond(client, consultation, answers_for(survey, code=code))
        for code in ("ABCD-EFGH-JKMN", used, revoked[0], elsewhere)
    ]

    assert {page.status_code for page in pages} == {400}
    assert all(REFUSAL in page.content.decode() for page in pages)
    assert Response.objects.count() == 1
    assert ParticipationCode.objects.filter(used_at__isnull=False).count() == 1


def test_a_wrong_code_keeps_the_answers_for_the_right_one(client, consultation, survey):
    code = codes_for(consultation)[0]
    assert _respond(client, consultation, answers_for(survey, code="ABCD-EFGH-JKMN")).status_code == 400
    assert _nothing_used()
    assert client.post(_send(consultation), {"code": code})["Location"] == _done(consultation)
    assert Response.objects.get().answers.get(question=survey["text"]).text == "Swaffham"


def test_a_page_missing_a_required_answer_is_refused_and_the_code_is_not_asked_yet(client, consultation, survey):
    page = client.post(_page(consultation), answers_for(survey, **{f"q{survey['single'].pk}": None}))
    assert page.status_code == 400
    assert "Answer the question: Do you use it?" in page.content.decode()
    assert client.get(_send(consultation))["Location"] == _page(consultation, 1)
    assert _nothing_used()


def test_a_closed_consultation_takes_no_code_response(client):
    closed = ConsultationFactory(
        opens_at=timezone.now() - dt.timedelta(days=30), closes_at=timezone.now() - dt.timedelta(days=1)
    )
    code = codes_for(closed)[0]
    page = client.post(_send(closed), {"code": code})
    assert "closed" in page.content.decode() and not Response.objects.exists()
    assert not ParticipationCode.objects.filter(used_at__isnull=False).exists()


# --- A survey that branches ------------------------------------------------------------------------------


@pytest.fixture
def branching(consultation):
    return branching_survey(consultation)


def _answered(client, consultation, *pages):
    """Answer pages in order, each (step, form data); the address each answer leads to."""
    locations = []
    for step, data in pages:
        response = client.post(_page(consultation, step), data)
        assert response.status_code == 302, response.content.decode()[:2000]
        locations.append(response["Location"])
    return locations


def test_a_code_response_follows_the_branching_page_by_page(client, consultation, branching):
    code = codes_for(consultation)[0]
    use, when, safety = branching["use"].pk, branching["when"].pk, branching["safety"].pk
    first = client.get(_page(consultation)).content.decode()
    assert "Do you use community transport?" in first and "When do you travel?" not in first
    assert ">Continue</button>" in first and "Save and come back later" not in first

    locations = _answered(client, consultation, (1, {f"q{use}": "0"}), (2, {f"q{when}": ["1"]}))
    assert locations == [_page(consultation, 2), _page(consultation, 4)]
    last = client.get(_page(consultation, 4)).content.decode()
    assert "How safe do you feel travelling in the evening?" in last and "What stops you" not in last
    assert not Response.objects.exists()

    assert _answered(client, consultation, (4, {f"q{safety}": "3"})) == [_send(consultation)]
    assert not Response.objects.exists()  # nothing is stored before the code is used
    check = client.get(_send(consultation)).content.decode()
    assert "Evenings" in check and "What stops you" not in check

    assert client.post(_send(consultation), {"code": code})["Location"] == _done(consultation)
    saved = Response.objects.get()
    assert saved.channel == Response.Channel.CODE
    assert {a.question_id: a.choices for a in saved.answers.all()} == {use: [0], when: [1], safety: [3]}
    assert saved.not_asked == [branching["why_not"].pk]
    assert client.get(_page(consultation)).status_code == 200  # the answers left the session: a fresh start
    assert CODE_PROGRESS.format(consultation.pk) not in client.session


def test_the_first_address_resumes_at_the_next_page_to_answer(client, consultation, branching):
    _answered(client, consultation, (1, {f"q{branching['use'].pk}": "1"}))
    assert client.get(_page(consultation))["Location"] == _page(consultation, 3)
    page = client.get(_page(consultation, 1)).content.decode()
    assert 'value="1" checked' in page


def test_a_page_posted_out_of_order_is_refused_with_nothing_kept(client, consultation, branching):
    code = codes_for(consultation)[0]
    early = client.post(_page(consultation, 4), {f"q{branching['else'].pk}": "Hello"})
    assert early.status_code == 400
    assert "This page is not the next one in your survey" in early.content.decode()
    assert client.get(_page(consultation, 4))["Location"] == _page(consultation, 1)

    _answered(client, consultation, (1, {f"q{branching['use'].pk}": "0"}))
    kept = dict(client.session)
    skipped = client.post(_page(consultation, 3), {f"q{branching['why_not'].pk}": "Sneaked in"})
    assert skipped.status_code == 400
    assert dict(client.session) == kept

    too_soon = client.post(_send(consultation), {"code": code})
    assert too_soon.status_code == 400 and _nothing_used()


def test_an_answer_to_a_question_that_should_not_be_asked_is_refused_with_nothing_kept(
    client, consultation, branching
):
    code = codes_for(consultation)[0]
    _answered(client, consultation, (1, {f"q{branching['use'].pk}": "0"}), (2, {f"q{branching['when'].pk}": ["0"]}))
    kept = dict(client.session)
    assert_the_unasked_safety_answer_is_refused(client, _page(consultation, 4), branching)
    assert dict(client.session) == kept
    assert client.post(_send(consultation), {"code": code}).status_code == 400 and _nothing_used()


def test_changing_an_earlier_answer_goes_the_new_way_and_forgets_the_old_answers(client, consultation, branching):
    code = codes_for(consultation)[0]
    use = branching["use"].pk
    _answered(
        client,
        consultation,
        (1, {f"q{use}": "0"}),
        (2, {f"q{branching['when'].pk}": ["1"]}),
        (4, {f"q{branching['safety'].pk}": "1"}),
    )
    assert _answered(client, consultation, (1, {f"q{use}": "1"})) == [_page(consultation, 3)]
    assert client.get(_send(consultation))["Location"] == _page(consultation, 3)
    _answered(client, consultation, (3, {f"q{branching['why_not'].pk}": "No bus on Sundays"}))
    assert client.get(_page(consultation))["Location"] == _send(consultation)
    client.post(_send(consultation), {"code": code})
    saved = Response.objects.get()
    assert {a.question_id for a in saved.answers.all()} == {use, branching["why_not"].pk}


def test_two_people_answering_at_once_keep_their_own_answers(client, consultation, branching):
    from django.test import Client

    other = Client()
    codes = codes_for(consultation, 2)
    use = branching["use"].pk
    _answered(client, consultation, (1, {f"q{use}": "0"}))
    assert other.post(_page(consultation), {f"q{use}": "1"})["Location"] == _page(consultation, 3)
    assert client.get(_page(consultation))["Location"] == _page(consultation, 2)
    _answered(client, consultation, (2, {f"q{branching['when'].pk}": ["0"]}), (4, {}))
    _answered(other, consultation, (3, {f"q{branching['why_not'].pk}": "Too far"}), (4, {}))
    client.post(_send(consultation), {"code": codes[0]})
    other.post(_send(consultation), {"code": codes[1]})
    assert sorted(r.answers.count() for r in Response.objects.all()) == [2, 2]
    assert Response.objects.filter(answers__text="Too far").count() == 1


def test_the_pages_of_a_code_response_read_a_fixed_number_of_queries(
    client, consultation, django_assert_max_num_queries
):
    from tests.consultations.factories import QuestionFactory

    for n in range(40):
        QuestionFactory(consultation=consultation, position=n, text=f"Question {n}", is_required=False)
    with django_assert_max_num_queries(8):
        assert client.get(_page(consultation)).status_code == 200
    with django_assert_max_num_queries(10):
        assert client.post(_page(consultation), {})["Location"] == _send(consultation)
    with django_assert_max_num_queries(8):
        assert client.get(_send(consultation)).status_code == 200
