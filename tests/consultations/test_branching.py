"""Surveys that branch: pages and questions asked according to earlier answers, page by page on the server;
answers saved to come back to; out-of-order posts and answers to questions not asked refused, nothing stored."""

import pytest
from django.urls import reverse

from accounts.privacy import account_delete
from consultations.branching import Survey
from consultations.models import EqualityMonitoring, Response, ResponseDraft
from consultations.services import AnswerValue, response_submit
from consultations.tasks import purge_closed_drafts
from tests.admin_forms import add_inline_form, admin_form_data
from tests.consultations.factories import (
    ConsultationFactory,
    QuestionFactory,
    assert_the_unasked_safety_answer_is_refused,
    branching_survey,
)
from tests.downloads import downloaded_csv_dicts, downloaded_csv_rows, downloaded_json
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def survey(consultation):
    return branching_survey(consultation)


def _page(consultation, step=None):
    if step is None:
        return reverse("consultations:respond", kwargs={"slug": consultation.slug})
    return reverse("consultations:respond_page", kwargs={"slug": consultation.slug, "step": step})


def _yes(survey):
    return {f"q{survey['use'].pk}": "0"}


def _answered(client, consultation, survey, *pages):
    """Answer the first pages in order: each a dict of form data."""
    for step, data in pages:
        response = client.post(_page(consultation, step), data)
        assert response.status_code == 302, response.content.decode()[:2000]
    return response


# --- The rules -------------------------------------------------------------------------------------------


def test_a_page_is_shown_only_when_the_answer_it_hangs_on_was_given(consultation, survey):
    rules = Survey.of(consultation)
    use, when = survey["use"].pk, survey["when"].pk
    assert [s.number for s in rules.path({use: AnswerValue(choices=(0,))})] == [1, 2, 4]
    assert [s.number for s in rules.path({use: AnswerValue(choices=(1,))})] == [1, 3, 4]
    assert [s.number for s in rules.path({})] == [1, 4]
    assert rules.asked({use: AnswerValue(choices=(0,)), when: AnswerValue(choices=(1,))})[-2] == survey["safety"]


def test_a_question_is_not_asked_when_the_question_it_hangs_on_was_skipped(consultation, survey):
    # "When do you travel?" was skipped (no), so an answer left behind for it opens nothing.
    rules = Survey.of(consultation)
    answers = {survey["use"].pk: AnswerValue(choices=(1,)), survey["when"].pk: AnswerValue(choices=(1,))}
    assert survey["safety"].pk in rules.not_asked(answers)
    assert "“When do you travel?” was not asked" in rules.refusals(answers)[0]


# --- Going through the pages -------------------------------------------------------------------------------


def test_a_user_of_the_service_is_asked_about_journeys_then_evening_safety(
    resident_client, resident, consultation, survey
):
    first = resident_client.post(_page(consultation), _yes(survey))
    assert first["Location"] == _page(consultation, 2)
    page = resident_client.get(first["Location"]).content.decode()
    assert "Your journeys" in page and "What stops you" not in page
    assert "Back to the previous page of questions" in page

    second = resident_client.post(_page(consultation, 2), {f"q{survey['when'].pk}": ["1"]})
    assert second["Location"] == _page(consultation, 4)
    last = resident_client.get(second["Location"]).content.decode()
    assert "How safe do you feel travelling in the evening?" in last
    assert "Send your response" in last

    done = resident_client.post(_page(consultation, 4), {f"q{survey['safety'].pk}": "3"})
    assert done["Location"] == reverse("consultations:respond_done", kwargs={"slug": consultation.slug})
    saved = Response.objects.get(respondent=resident)
    assert {a.question_id: a.choices for a in saved.answers.all()} == {
        survey["use"].pk: [0],
        survey["when"].pk: [1],
        survey["safety"].pk: [3],
    }
    assert saved.not_asked == [survey["why_not"].pk]
    assert not ResponseDraft.objects.exists()


def test_a_non_user_is_asked_what_stops_them_and_not_about_safety(resident_client, consultation, survey):
    first = resident_client.post(_page(consultation), {f"q{survey['use'].pk}": "1"})
    assert first["Location"] == _page(consultation, 3)
    _answered(resident_client, consultation, survey, (3, {f"q{survey['why_not'].pk}": "No bus on Sundays"}))
    last = resident_client.get(_page(consultation, 4)).content.decode()
    assert "Anything else?" in last and "How safe" not in last


def test_a_page_before_the_last_says_continue(resident_client, consultation, survey):
    page = resident_client.get(_page(consultation)).content.decode()
    assert ">Continue</button>" in page and "Save and come back later" in page


# --- Refused: out of order, or answers to questions not asked -----------------------------------------------


def test_a_page_posted_before_the_earlier_pages_is_refused_and_nothing_is_stored(
    resident_client, consultation, survey
):
    response = resident_client.post(_page(consultation, 4), {f"q{survey['else'].pk}": "Hello"})
    assert response.status_code == 400
    assert "This page is not the next one in your survey" in response.content.decode()
    assert not Response.objects.exists() and not ResponseDraft.objects.exists()


def test_opening_a_later_page_too_early_goes_to_the_page_to_answer(resident_client, consultation, survey):
    assert resident_client.get(_page(consultation, 4))["Location"] == _page(consultation, 1)


def test_a_page_the_branching_skipped_is_refused(resident_client, resident, consultation, survey):
    _answered(resident_client, consultation, survey, (1, _yes(survey)))
    before = ResponseDraft.objects.get(respondent=resident).answers
    response = resident_client.post(_page(consultation, 3), {f"q{survey['why_not'].pk}": "Sneaked in"})
    assert response.status_code == 400
    assert ResponseDraft.objects.get(respondent=resident).answers == before


def test_an_answer_to_a_question_that_was_not_asked_is_refused_and_the_typing_kept(
    resident_client, consultation, survey
):
    _answered(resident_client, consultation, survey, (1, _yes(survey)), (2, {f"q{survey['when'].pk}": ["0"]}))
    assert_the_unasked_safety_answer_is_refused(resident_client, _page(consultation, 4), survey)
    assert not Response.objects.exists()


def test_an_answer_for_another_page_is_refused(resident_client, consultation, survey):
    response = resident_client.post(_page(consultation), {**_yes(survey), f"q{survey['when'].pk}": "1"})
    assert response.status_code == 400
    assert not ResponseDraft.objects.exists()


def test_an_answer_to_a_question_of_no_survey_is_refused(resident_client, consultation, survey):
    response = resident_client.post(_page(consultation), {**_yes(survey), "q999999": "x"})
    assert response.status_code == 400
    assert "not in this survey" in response.content.decode()


def test_a_page_number_past_the_end_is_not_found(resident_client, consultation, survey):
    assert resident_client.get(_page(consultation, 9)).status_code == 404


def test_staff_entering_a_paper_response_cannot_record_an_answer_to_a_question_not_asked(
    staff_client, consultation, survey
):
    url = reverse("admin:consultations_offline_response", kwargs={"pk": consultation.pk})
    data = {"channel": "paper", f"q{survey['use'].pk}": "0", f"q{survey['when'].pk}": ["0"]}
    response = staff_client.post(url, {**data, f"q{survey['why_not'].pk}": "Should not be here"})
    assert "“What stops you using it?” was not asked" in response.content.decode()
    assert not Response.objects.exists()
    staff_client.post(url, data)
    assert Response.objects.get().not_asked == [survey["why_not"].pk, survey["safety"].pk]


# --- Save and come back ---------------------------------------------------------------------------------


def test_saving_keeps_the_answers_and_the_survey_resumes_at_that_page(resident_client, consultation, survey):
    _answered(resident_client, consultation, survey, (1, _yes(survey)))
    saved = resident_client.post(_page(consultation, 2), {f"q{survey['when'].pk}": ["1"], "action": "save"})
    assert saved["Location"] == consultation.get_absolute_url()
    detail = resident_client.get(saved["Location"]).content.decode()
    assert "Your answers are saved" in detail and "Continue your response" in detail

    resumed = resident_client.get(_page(consultation))
    assert resumed["Location"] == _page(consultation, 2)
    page = resident_client.get(resumed["Location"]).content.decode()
    assert 'value="1" checked' in page
    assert not Response.objects.exists()


def test_saving_does_not_ask_for_required_answers_yet(resident_client, consultation, survey):
    _answered(resident_client, consultation, survey, (1, _yes(survey)))
    assert resident_client.post(_page(consultation, 2), {"action": "save"}).status_code == 302
    refused = resident_client.post(_page(consultation, 2), {})
    assert refused.status_code == 400
    assert "Answer the question: When do you travel?" in refused.content.decode()


def test_changing_an_earlier_answer_forgets_the_answers_no_longer_asked(
    resident_client, resident, consultation, survey
):
    _answered(resident_client, consultation, survey, (1, _yes(survey)), (2, {f"q{survey['when'].pk}": ["1"]}))
    back = resident_client.post(_page(consultation, 1), {f"q{survey['use'].pk}": "1"})
    assert back["Location"] == _page(consultation, 3)
    assert set(ResponseDraft.objects.get(respondent=resident).answers) == {str(survey["use"].pk)}


def test_a_draft_is_not_counted_in_the_results(resident_client, staff_client, consultation, survey):
    _answered(resident_client, consultation, survey, (1, _yes(survey)))
    results = reverse("consultations:results", kwargs={"slug": consultation.slug})
    assert "0 responses" in staff_client.get(results).content.decode()


def test_a_closed_consultation_refuses_a_saved_draft(resident_client, resident, consultation, survey):
    _answered(resident_client, consultation, survey, (1, _yes(survey)))
    consultation.closes_at = consultation.opens_at + (consultation.closes_at - consultation.opens_at) / 1000
    consultation.save()
    response = resident_client.post(_page(consultation, 2), {f"q{survey['when'].pk}": ["1"], "action": "save"})
    assert response.status_code == 403


def test_drafts_are_deleted_once_their_consultation_closes(resident_client, consultation, survey):
    _answered(resident_client, consultation, survey, (1, _yes(survey)))
    other = ConsultationFactory()
    ResponseDraft.objects.create(consultation=other, respondent=UserFactory())
    consultation.closes_at = consultation.opens_at + (consultation.closes_at - consultation.opens_at) / 1000
    consultation.save()
    assert purge_closed_drafts() == 1
    assert list(ResponseDraft.objects.values_list("consultation", flat=True)) == [other.pk]


def test_someone_who_responded_changes_their_answers_page_by_page(resident_client, resident, consultation, survey):
    response_submit(
        consultation=consultation,
        respondent=resident,
        answers={survey["use"].pk: AnswerValue(choices=(1,)), survey["why_not"].pk: AnswerValue(text="Fares")},
    )
    page = resident_client.get(_page(consultation, 3)).content.decode()
    assert "Fares" in page
    last = resident_client.get(_page(consultation, 4)).content.decode()
    assert "Save your changes" in last


# --- Results, downloads and the equality report: "not asked" is not "not answered" -------------------------


@pytest.fixture
def three_responses(consultation, survey):
    use, when, safety = survey["use"].pk, survey["when"].pk, survey["safety"].pk
    yes_evenings = {use: AnswerValue(choices=(0,)), when: AnswerValue(choices=(1,))}
    response_submit(
        consultation=consultation,
        respondent=UserFactory(),
        answers={**yes_evenings, safety: AnswerValue(choices=(4,))},
    )
    response_submit(consultation=consultation, respondent=UserFactory(), answers=yes_evenings)  # left it empty
    response_submit(
        consultation=consultation,
        respondent=UserFactory(),
        answers={use: AnswerValue(choices=(1,)), survey["why_not"].pk: AnswerValue(text="=SUM(A1)")},
    )


def test_results_count_not_asked_apart_from_not_answered(staff_client, consultation, survey, three_responses):
    page = staff_client.get(reverse("consultations:results", kwargs={"slug": consultation.slug})).content.decode()
    safety = page.split("How safe do you feel travelling in the evening?")[1].split("</p>")[0]
    assert "1 of 3 answered" in safety
    assert "Not asked: 1" in safety and "Not answered: 1" in safety


def test_the_responses_download_marks_questions_not_asked(staff_client, consultation, survey, three_responses):
    url = reverse("consultations:responses_csv", kwargs={"slug": consultation.slug})
    rows = downloaded_csv_dicts(staff_client.get(url))
    column = "How safe do you feel travelling in the evening?"
    assert [row[column] for row in rows] == ["Very good", "", "(not asked)"]
    assert [row["What stops you using it?"] for row in rows] == ["(not asked)", "(not asked)", "'=SUM(A1)"]


def test_the_equality_report_tells_questions_not_asked_of_under_16s_from_those_left_empty(staff_client, consultation):
    for _ in range(5):
        EqualityMonitoring.objects.create(consultation=consultation, age_band="under-16", sex="female")
    for _ in range(6):
        EqualityMonitoring.objects.create(consultation=consultation, age_band="35-44", sex="male")
    url = reverse("consultations:equality_report", kwargs={"slug": consultation.slug})
    rows = downloaded_csv_rows(staff_client.get(url, {"format": "csv"}))
    orientation = {r[1]: r[2] for r in rows if r[0].startswith("Which of the following best describes your sexual")}
    assert orientation["Not asked (under 16, or age not given)"] == "5"
    assert orientation["Not answered"] == "6"
    sex = {r[1]: r[2] for r in rows if r[0] == "What is your sex?"}
    assert sex["Not answered"] == "0" and "Not asked (under 16, or age not given)" not in sex


# --- Staff set the rules in the admin ------------------------------------------------------------------------


def test_staff_cannot_hang_a_question_on_a_later_or_written_question(staff_client, consultation, survey):
    url = reverse("admin:consultations_consultation_change", kwargs={"object_id": consultation.pk})
    data = admin_form_data(staff_client.get(url).content.decode())
    new = {"position": "9", "kind": "text", "text": "Which village?", "page": str(survey["pages"]["journeys"].pk)}
    later = add_inline_form(data, "questions", {**new, "shown_if_question": survey["else"].pk, "shown_if_answer": ""})
    page = staff_client.post(url, later).content.decode()
    assert "Choose a single choice, multiple choice or scale question." in page
    wrong = add_inline_form(data, "questions", {**new, "shown_if_question": survey["use"].pk, "shown_if_answer": "Y"})
    assert (
        "Give one of the options of “Do you use community transport?”"
        in staff_client.post(url, wrong).content.decode()
    )
    same = {**new, "page": "", "shown_if_question": survey["use"].pk, "shown_if_answer": "Yes"}
    page = staff_client.post(url, add_inline_form(data, "questions", same)).content.decode()
    assert "must be asked on an earlier page" in page
    good = {**new, "shown_if_question": survey["use"].pk, "shown_if_answer": "Yes"}
    assert staff_client.post(url, add_inline_form(data, "questions", good)).status_code == 302
    assert consultation.questions.get(text="Which village?").shown_if_question == survey["use"]


# --- Personal data -------------------------------------------------------------------------------------------


def test_a_draft_is_in_the_data_download_and_goes_with_the_account(resident_client, resident, consultation, survey):
    _answered(resident_client, consultation, survey, (1, _yes(survey)))
    download = downloaded_json(resident_client.get(reverse("accounts:data_download")))
    drafts = download["consultations"]["saved_to_finish_later"]
    assert drafts[0]["answers"] == [{"question": "Do you use community transport?", "answer": ["Yes"]}]
    account_delete(user=resident)
    assert not ResponseDraft.objects.exists()


# --- Queries -------------------------------------------------------------------------------------------------


def test_a_survey_page_reads_a_fixed_number_of_queries(
    resident_client, consultation, survey, django_assert_max_num_queries
):
    _answered(resident_client, consultation, survey, (1, _yes(survey)))
    for n in range(30):
        QuestionFactory(consultation=consultation, page=survey["pages"]["journeys"], position=10 + n)
    with django_assert_max_num_queries(12):
        assert resident_client.get(_page(consultation, 2)).status_code == 200
    with django_assert_max_num_queries(16):
        resident_client.post(_page(consultation, 2), {f"q{survey['when'].pk}": ["1"]})


def test_a_one_page_survey_works_as_before(resident_client, resident):
    consultation = ConsultationFactory()
    question = QuestionFactory(consultation=consultation, kind="text", text="Your village")
    page = resident_client.get(_page(consultation)).content.decode()
    assert "Send your response" in page and "page 1" not in page
    resident_client.post(_page(consultation), {f"q{question.pk}": "Holt"})
    assert Response.objects.get(respondent=resident).not_asked == []
