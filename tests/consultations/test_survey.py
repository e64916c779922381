"""The survey: every question kind, required questions, one editable response per person, refusals."""

import datetime as dt

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from consultations.models import Answer, Response
from tests.consultations.conftest import answers_for
from tests.consultations.factories import ConsultationFactory, QuestionFactory
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _respond(client, consultation, data):
    return client.post(reverse("consultations:respond", kwargs={"slug": consultation.slug}), data)


def test_a_resident_answers_every_kind_of_question(resident_client, resident, consultation, survey):
    response = _respond(resident_client, consultation, answers_for(survey))
    assert response.status_code == 302
    assert response["Location"] == reverse("consultations:respond_done", kwargs={"slug": consultation.slug})
    saved = Response.objects.get(consultation=consultation, respondent=resident)
    answers = {a.question_id: a for a in saved.answers.all()}
    assert answers[survey["single"].pk].choices == [0]
    assert answers[survey["scale"].pk].choices == [3]
    assert answers[survey["multiple"].pk].choices == [0, 2]
    assert answers[survey["ranking"].pk].choices == [1, 0]  # "Longer hours" first
    assert answers[survey["text"].pk].text == "Swaffham"
    assert answers[survey["long"].pk].text == "Please run\non Sundays"


def test_the_confirmation_page_thanks_the_resident(resident_client, consultation, survey):
    _respond(resident_client, consultation, answers_for(survey))
    page = resident_client.get(
        reverse("consultations:respond_done", kwargs={"slug": consultation.slug})
    ).content.decode()
    assert "Response received" in page
    assert "Answer the equality questions" in page


def test_a_receipt_email_has_a_copy_of_the_answers(
    resident_client, resident, consultation, survey, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _respond(resident_client, consultation, answers_for(survey))
    assert len(mail.outbox) == 1
    email = mail.outbox[0]
    assert email.to == [resident.email]
    assert consultation.title in email.subject
    assert "Longer hours" in email.body and "Swaffham" in email.body


def test_a_required_question_left_empty_is_refused_with_a_message(resident_client, consultation, survey):
    response = _respond(resident_client, consultation, answers_for(survey, **{f"q{survey['single'].pk}": None}))
    assert response.status_code == 400
    assert "Answer the question: Do you use it?" in response.content.decode()
    assert not Response.objects.exists()


def test_a_ranking_with_the_same_place_twice_is_refused(resident_client, consultation, survey):
    ranking = survey["ranking"].pk
    response = _respond(resident_client, consultation, answers_for(survey, **{f"q{ranking}_0": "1"}))
    assert response.status_code == 400
    assert "Give each priority a different place" in response.content.decode()


def test_an_option_that_does_not_exist_is_refused(resident_client, consultation, survey):
    response = _respond(resident_client, consultation, answers_for(survey, **{f"q{survey['single'].pk}": "99"}))
    assert response.status_code == 400
    assert not Response.objects.exists()


def test_changing_answers_keeps_one_response(resident_client, resident, consultation, survey):
    _respond(resident_client, consultation, answers_for(survey))
    _respond(resident_client, consultation, answers_for(survey, **{f"q{survey['text'].pk}": "Watton"}))
    saved = Response.objects.get(respondent=resident)
    assert saved.revision == 2
    assert Answer.objects.get(response=saved, question=survey["text"]).text == "Watton"
    assert Response.objects.count() == 1


def test_the_survey_shows_the_saved_answers_to_change(resident_client, consultation, survey):
    _respond(resident_client, consultation, answers_for(survey))
    page = resident_client.get(reverse("consultations:respond", kwargs={"slug": consultation.slug})).content.decode()
    assert "Change your answers" in page
    assert 'value="Swaffham"' in page


def test_a_double_submission_creates_one_response(resident_client, consultation, survey):
    data = answers_for(survey)
    _respond(resident_client, consultation, data)
    _respond(resident_client, consultation, data)
    assert Response.objects.count() == 1


def test_a_closed_consultation_refuses_a_response(resident_client, survey, consultation):
    consultation.closes_at = timezone.now() - dt.timedelta(minutes=1)
    consultation.opens_at = timezone.now() - dt.timedelta(days=50)
    consultation.save()
    response = _respond(resident_client, consultation, answers_for(survey))
    assert response.status_code == 403
    assert "closed on" in response.content.decode()
    assert not Response.objects.exists()


def test_a_not_yet_open_consultation_refuses_a_response(resident_client):
    consultation = ConsultationFactory(upcoming=True)
    QuestionFactory(consultation=consultation)
    response = resident_client.get(reverse("consultations:respond", kwargs={"slug": consultation.slug}))
    assert "opens on" in response.content.decode()
    assert _respond(resident_client, consultation, {}).status_code == 403


def test_an_unverified_person_cannot_respond(client, consultation, survey):
    client.force_login(UserFactory(verified=False))
    response = _respond(client, consultation, answers_for(survey))
    assert response.status_code == 403
    assert "Confirm your email address" in response.content.decode()


def test_an_anonymous_person_is_asked_to_sign_in(client, consultation, survey):
    response = client.get(reverse("consultations:respond", kwargs={"slug": consultation.slug}))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_a_draft_consultation_is_not_found_by_residents(resident_client):
    consultation = ConsultationFactory(draft=True)
    assert resident_client.get(reverse("consultations:detail", kwargs={"slug": consultation.slug})).status_code == 404
    assert resident_client.get(reverse("consultations:respond", kwargs={"slug": consultation.slug})).status_code == 404


def test_markup_in_an_answer_is_shown_as_text_in_the_receipt(
    resident_client, consultation, survey, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _respond(resident_client, consultation, answers_for(survey, **{f"q{survey['text'].pk}": "<script>x</script>"}))
    html = mail.outbox[0].alternatives[0][0]
    assert "<script>x</script>" not in html
    assert "&lt;script&gt;" in html


def test_a_honeypot_filled_in_refuses_the_response(resident_client, consultation, survey):
    response = _respond(resident_client, consultation, answers_for(survey, website="http://spam.example"))
    assert response.status_code == 400
    assert not Response.objects.exists()


def test_very_long_and_odd_unicode_answers_get_a_clear_message(resident_client, consultation, survey):
    response = _respond(
        resident_client, consultation, answers_for(survey, **{f"q{survey['text'].pk}": "\u202e\U0001f600" * 400})
    )
    assert response.status_code == 400
    assert "500 characters or fewer" in response.content.decode()


def test_survey_submissions_are_rate_limited(resident_client, consultation, survey):
    codes = [_respond(resident_client, consultation, answers_for(survey)).status_code for _ in range(12)]
    assert codes[-1] == 429
