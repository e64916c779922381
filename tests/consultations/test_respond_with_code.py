"""Answering a survey with a one-time code, without an account: once, and one refusal for every bad code."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from consultations.models import Response
from participation_codes.models import ParticipationCode
from participation_codes.services import REFUSAL, batch_create, batch_revoke
from tests.consultations.conftest import answers_for
from tests.consultations.factories import ConsultationFactory
from tests.participation_codes.helpers import codes_for

pytestmark = pytest.mark.django_db


def _respond(client, consultation, data):
    return client.post(reverse("consultations:respond_code", kwargs={"slug": consultation.slug}), data)


def test_a_code_answers_the_survey_once_without_an_account(client, consultation, survey):
    code = codes_for(consultation)[0]
    page = client.get(consultation.get_absolute_url()).content.decode()
    assert reverse("consultations:respond_code", kwargs={"slug": consultation.slug}) in page

    response = _respond(client, consultation, answers_for(survey, code=code))

    assert response["Location"] == reverse("consultations:respond_code_done", kwargs={"slug": consultation.slug})
    saved = Response.objects.get(consultation=consultation)
    assert saved.channel == Response.Channel.CODE and saved.respondent is None
    assert saved.answers.get(question=survey["text"]).text == "Swaffham"
    assert "Your code is now used up" in client.get(response["Location"]).content.decode()
    assert REFUSAL in _respond(client, consultation, answers_for(survey, code=code)).content.decode()
    assert Response.objects.count() == 1
    results = client.get(reverse("consultations:results", kwargs={"slug": consultation.slug}))
    assert results.status_code == 200


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


def test_a_code_response_missing_a_required_answer_keeps_the_code_unused(client, consultation, survey):
    code = codes_for(consultation)[0]
    html = _respond(client, consultation, answers_for(survey, code=code, **{f"q{survey['single'].pk}": None}))
    assert "Answer the question: Do you use it?" in html.content.decode()
    assert not Response.objects.exists() and not ParticipationCode.objects.filter(used_at__isnull=False).exists()


def test_a_closed_consultation_takes_no_code_response(client):
    closed = ConsultationFactory(
        opens_at=timezone.now() - dt.timedelta(days=30), closes_at=timezone.now() - dt.timedelta(days=1)
    )
    code = codes_for(closed)[0]
    page = _respond(client, closed, {"code": code})
    assert "closed" in page.content.decode() and not Response.objects.exists()
