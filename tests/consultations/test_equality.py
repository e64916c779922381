"""Equality monitoring: optional, 16+ questions only for 16+, kept apart from identity, reported with suppression."""

import pytest
from django.urls import reverse

from consultations import services
from consultations.models import EqualityMonitoring, EqualityQuestionsAsked
from consultations.selectors import equality_report
from tests.consultations.factories import ConsultationFactory
from tests.downloads import downloaded_text

pytestmark = pytest.mark.django_db


def test_the_first_step_asks_for_age_with_prefer_not_to_say(resident_client, consultation, responded):
    page = resident_client.get(reverse("consultations:equality", kwargs={"slug": consultation.slug})).content.decode()
    assert "What is your age?" in page and "Prefer not to say" in page


def test_people_16_or_over_are_asked_about_gender_identity_and_sexual_orientation(
    resident_client, consultation, responded
):
    page = resident_client.get(
        reverse("consultations:equality", kwargs={"slug": consultation.slug}) + "?age_band=25-34"
    ).content.decode()
    assert "sexual orientation" in page and "sex registered at birth" in page
    assert "Asian, Asian British or Asian Welsh: Bangladeshi" in page
    assert page.count("Prefer not to say") == 10


@pytest.mark.parametrize("age_band", ["under-16", "prefer-not"])
def test_people_under_16_or_of_unknown_age_are_not_asked_the_16_plus_questions(
    resident_client, consultation, responded, age_band
):
    url = reverse("consultations:equality", kwargs={"slug": consultation.slug})
    page = resident_client.get(f"{url}?age_band={age_band}").content.decode()
    assert "sexual orientation" not in page
    resident_client.post(url, {"age_band": age_band, "sex": "female", "sexual_orientation": "bisexual"})
    record = EqualityMonitoring.objects.get()
    assert record.sex == "female" and record.sexual_orientation == ""


def test_answers_are_stored_apart_from_the_response_and_the_person(resident_client, consultation, responded):
    resident_client.post(
        reverse("consultations:equality", kwargs={"slug": consultation.slug}),
        {"age_band": "35-44", "ethnic_group": "white-roma", "disability": "yes", "disability_impact": "a-little"},
    )
    record = EqualityMonitoring.objects.get()
    fields = {f.name for f in EqualityMonitoring._meta.get_fields()}
    assert not fields & {"user", "respondent", "response", "created_at"}
    assert record.ethnic_group == "white-roma" and record.consultation_id == consultation.pk
    assert EqualityQuestionsAsked.objects.filter(
        consultation=consultation, person=responded.respondent, answered=True
    ).exists()


def test_equality_questions_are_answered_once_per_response(resident_client, consultation, responded):
    url = reverse("consultations:equality", kwargs={"slug": consultation.slug})
    resident_client.post(url, {"age_band": "35-44", "sex": "male"})
    resident_client.post(url, {"age_band": "35-44", "sex": "male"})
    assert EqualityMonitoring.objects.count() == 1


def test_someone_who_has_not_responded_cannot_give_equality_answers(resident_client, consultation):
    response = resident_client.post(
        reverse("consultations:equality", kwargs={"slug": consultation.slug}), {"age_band": "35-44"}
    )
    assert response.status_code == 302
    assert not EqualityMonitoring.objects.exists()


def test_an_invalid_category_is_refused_with_a_message(resident_client, consultation, responded):
    response = resident_client.post(
        reverse("consultations:equality", kwargs={"slug": consultation.slug}),
        {"age_band": "35-44", "religion": "jedi"},
    )
    assert response.status_code == 400
    assert "Choose one of the options" in response.content.decode()


def test_the_report_suppresses_groups_of_fewer_than_5():
    consultation = ConsultationFactory()
    for _ in range(7):
        EqualityMonitoring.objects.create(consultation=consultation, sex="female", religion="none")
    for _ in range(3):
        EqualityMonitoring.objects.create(consultation=consultation, sex="male", religion="none")
    total, tables = equality_report(consultation)
    sex = next(t for t in tables if t.question == "What is your sex?")
    shown = {row.label: row.shown for row in sex.rows}
    assert total == 10
    assert shown == {"Female": "7", "Male": "Fewer than 5", "Prefer not to say": "0", "Not answered": "0"}
    assert sex.answered == 10  # rounded to a multiple of 5, so the hidden 3 cannot be worked out exactly
    religion = next(t for t in tables if t.question == "What is your religion?")
    assert {row.label: row.shown for row in religion.rows}["No religion"] == "10"


def test_the_report_and_its_csv_are_for_staff_only(client, resident_client, moderator, consultation):
    url = reverse("consultations:equality_report", kwargs={"slug": consultation.slug})
    assert resident_client.get(url).status_code == 403
    client.force_login(moderator)
    for _ in range(2):
        EqualityMonitoring.objects.create(consultation=consultation, sex="female")
    assert "Fewer than 5" in client.get(url).content.decode()
    csv = downloaded_text(client.get(url + "?format=csv"))
    assert "What is your sex?,Female,Fewer than 5" in csv


def test_services_refuse_a_second_record_for_the_same_person(resident, consultation, survey):
    response, _ = services.response_submit(
        consultation=consultation,
        respondent=resident,
        answers={
            survey["single"].pk: services.AnswerValue(choices=(0,)),
            survey["scale"].pk: services.AnswerValue(choices=(1,)),
        },
    )
    services.equality_monitoring_record(consultation=consultation, person=resident, values={"sex": "male"})
    with pytest.raises(services.ConsultationError):
        services.equality_monitoring_record(consultation=consultation, person=resident, values={"sex": "male"})
