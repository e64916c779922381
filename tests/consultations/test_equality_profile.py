"""Equality answers kept in a person's profile: given once, reused (or not) after taking part in each consultation,
in the person's data download and erased with their account, and never shown to staff."""

import re

import pytest
from django.urls import reverse

from accounts.privacy import account_delete
from consultations.models import EqualityMonitoring, EqualityQuestionsAsked, SavedEqualityAnswers
from tests.downloads import downloaded_json

pytestmark = pytest.mark.django_db

SAVED = {"age_band": "35-44", "sex": "female", "ethnic_group": "white-irish", "caring": "10-19"}


@pytest.fixture
def saved(resident):
    return SavedEqualityAnswers.objects.create(person=resident, **SAVED)


def equality_url(consultation) -> str:
    return reverse("consultations:equality", kwargs={"slug": consultation.slug})


def test_a_person_gives_their_answers_in_their_profile_in_two_steps(resident_client, resident):
    url = reverse("consultations:equality_answers")
    assert "You have not saved any answers" in resident_client.get(url).content.decode()
    assert "What is your age?" in resident_client.get(url, {"change": "1"}).content.decode()
    assert "sexual orientation" in resident_client.get(url, {"age_band": "25-34"}).content.decode()

    response = resident_client.post(url, {"age_band": "25-34", "sex": "male", "religion": "sikh"})

    assert response.status_code == 302
    saved = SavedEqualityAnswers.objects.get(person=resident)
    assert (saved.age_band, saved.sex, saved.religion, saved.ethnic_group) == ("25-34", "male", "sikh", "")
    page = resident_client.get(url).content.decode()
    assert "Sikh" in page and "25 to 34" in page
    assert not EqualityMonitoring.objects.exists()  # nothing counted in any consultation


def test_changing_saved_answers_starts_from_them_and_replaces_them(resident_client, resident, saved):
    url = reverse("consultations:equality_answers")
    page = resident_client.get(url, {"age_band": "35-44"}).content.decode()
    assert re.search(r'<input[^>]*value="white-irish"[^>]*checked', page)

    resident_client.post(url, {"age_band": "45-54", "sex": "female"})

    saved = SavedEqualityAnswers.objects.get(person=resident)
    assert (saved.age_band, saved.ethnic_group) == ("45-54", "")


def test_a_person_deletes_their_saved_answers(resident_client, resident, saved):
    resident_client.post(reverse("consultations:equality_answers"), {"action": "delete"})

    assert not SavedEqualityAnswers.objects.filter(person=resident).exists()


def test_a_bad_answer_in_the_profile_is_refused_and_nothing_is_saved(resident_client, resident):
    response = resident_client.post(reverse("consultations:equality_answers"), {"age_band": "25-34", "sex": "x"})

    assert response.status_code == 400
    assert "Choose one of the options" in response.content.decode()
    assert not SavedEqualityAnswers.objects.exists()


def test_the_profile_answers_need_signing_in(client):
    response = client.get(reverse("consultations:equality_answers"))

    assert response.status_code == 302 and reverse("account_login") in response["Location"]


def test_after_responding_a_person_with_saved_answers_is_offered_them(resident_client, consultation, responded, saved):
    page = resident_client.get(reverse("consultations:respond_done", kwargs={"slug": consultation.slug}))

    text = page.content.decode()
    assert "Use my saved answers" in text and "Answer afresh" in text and "Skip them" in text


def test_without_saved_answers_a_person_is_offered_the_questions_or_to_skip(resident_client, consultation, responded):
    text = resident_client.get(reverse("consultations:respond_done", kwargs={"slug": consultation.slug})).content
    assert b"Use my saved answers" not in text and b"Answer the equality questions" in text and b"Skip them" in text


def test_using_saved_answers_records_a_fresh_anonymous_record_for_the_consultation(
    resident_client, resident, consultation, responded, saved
):
    response = resident_client.post(equality_url(consultation), {"choice": "saved"})

    assert response.status_code == 302
    record = EqualityMonitoring.objects.get()
    assert record.consultation_id == consultation.pk
    assert record.answers() == {**dict.fromkeys(record.ANSWER_FIELDS, ""), **SAVED}
    assert EqualityQuestionsAsked.objects.get(person=resident).answered
    # The saved answers stay the person's, unlinked to what the consultation keeps.
    assert SavedEqualityAnswers.objects.filter(person=resident).exists()
    done = resident_client.get(reverse("consultations:respond_done", kwargs={"slug": consultation.slug}))
    assert b"Use my saved answers" not in done.content


def test_answering_afresh_stores_the_new_answers_not_the_saved_ones(resident_client, consultation, responded, saved):
    resident_client.post(equality_url(consultation), {"age_band": "65-74", "sex": "male"})

    record = EqualityMonitoring.objects.get()
    assert (record.age_band, record.sex, record.ethnic_group) == ("65-74", "male", "")


def test_skipping_stores_nothing_and_is_not_asked_again(resident_client, resident, consultation, responded, saved):
    resident_client.post(equality_url(consultation), {"choice": "skip"})
    resident_client.post(equality_url(consultation), {"choice": "saved"})

    assert not EqualityMonitoring.objects.exists()
    assert not EqualityQuestionsAsked.objects.get(person=resident).answered


def test_using_saved_answers_twice_stores_one_record(resident_client, consultation, responded, saved):
    resident_client.post(equality_url(consultation), {"choice": "saved"})
    resident_client.post(equality_url(consultation), {"choice": "saved"})

    assert EqualityMonitoring.objects.count() == 1


def test_someone_with_no_saved_answers_who_asks_to_use_them_is_told_and_still_asked(
    resident_client, resident, consultation, responded
):
    response = resident_client.post(equality_url(consultation), {"choice": "saved"}, follow=True)

    assert "You have no saved equality answers" in response.content.decode()
    assert not EqualityMonitoring.objects.exists() and not EqualityQuestionsAsked.objects.exists()


def test_saved_answers_are_in_the_data_download_with_what_was_answered_or_skipped(
    resident_client, resident, consultation, responded, saved
):
    resident_client.post(equality_url(consultation), {"choice": "saved"})

    data = downloaded_json(resident_client.get(reverse("accounts:data_download")))

    mine = data["consultations"]
    assert {"question": "What is your ethnic group?", "answer": "White: Irish"} in mine["saved_equality_answers"][
        "answers"
    ]
    assert mine["equality_questions"][0]["consultation"] == consultation.title
    assert mine["equality_questions"][0]["equality_questions"] == "Answered"


def test_deleting_the_account_erases_saved_answers_and_what_was_asked_but_keeps_the_anonymous_record(
    resident, consultation, responded, saved, resident_client
):
    resident_client.post(equality_url(consultation), {"choice": "saved"})

    account_delete(user=resident)

    assert not SavedEqualityAnswers.objects.exists()
    assert not EqualityQuestionsAsked.objects.exists()
    assert EqualityMonitoring.objects.count() == 1  # counted in the report, linked to nobody


def test_staff_have_no_admin_page_for_saved_answers_or_who_was_asked(staff_client, saved):
    from django.contrib import admin

    assert SavedEqualityAnswers not in admin.site._registry
    assert EqualityQuestionsAsked not in admin.site._registry
    admin_index = staff_client.get(reverse("admin:index")).content.decode()
    assert "saved equality answers" not in admin_index.lower()
