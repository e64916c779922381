"""The equality questions are asked once per person per consultation, whichever comes first of its survey and its
budget simulator, by one rule (consultations.rules.may_be_asked_equality_questions) that both flows ask."""

import pytest
from django.urls import reverse

from budget_simulator import services as budget_services
from consultations import services
from consultations.models import EqualityMonitoring, EqualityQuestionsAsked, Question, SavedEqualityAnswers
from tests.budget_simulator.factories import make_simulator
from tests.consultations.factories import ConsultationFactory, QuestionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def simulator(db):
    simulator = make_simulator()
    QuestionFactory(consultation=simulator.consultation, kind=Question.Kind.TEXT, text="Your village")
    return simulator


def _budget(simulator, person):
    steps = {s.name: s.pk for s in simulator.services.all()}
    budget_services.budget_submit(
        simulator=simulator,
        respondent=person,
        steps={steps["Libraries"]: -2, steps["Home care"]: -1},
        council_tax_steps=0,
    )


def _survey(client, consultation):
    question = consultation.questions.get()
    client.post(reverse("consultations:respond", kwargs={"slug": consultation.slug}), {f"q{question.pk}": "Holt"})


def _urls(consultation):
    slug = consultation.slug
    return {
        "survey": reverse("consultations:equality", kwargs={"slug": slug}),
        "survey_done": reverse("consultations:respond_done", kwargs={"slug": slug}),
        "budget": reverse("budget_simulator:equality", kwargs={"slug": slug}),
        "budget_done": reverse("budget_simulator:done", kwargs={"slug": slug}),
    }


def test_answered_after_the_budget_the_survey_does_not_ask_again(resident_client, resident, simulator):
    consultation = simulator.consultation
    urls = _urls(consultation)
    _budget(simulator, resident)
    assert b"Answer the equality questions" in resident_client.get(urls["budget_done"]).content
    resident_client.post(urls["budget"], {"age_band": "25-34", "sex": "female"})

    _survey(resident_client, consultation)
    done = resident_client.get(urls["survey_done"]).content.decode()
    refused = resident_client.post(urls["survey"], {"age_band": "25-34", "sex": "male"})

    assert "Help us check we hear from everyone" not in done
    assert refused.status_code == 302
    assert list(EqualityMonitoring.objects.values_list("sex", flat=True)) == ["female"]


def test_answered_after_the_survey_the_budget_does_not_ask_again(resident_client, resident, simulator):
    consultation = simulator.consultation
    urls = _urls(consultation)
    _survey(resident_client, consultation)
    resident_client.post(urls["survey"], {"age_band": "25-34", "sex": "female"})

    _budget(simulator, resident)
    done = resident_client.get(urls["budget_done"]).content.decode()
    resident_client.post(urls["budget"], {"age_band": "25-34", "sex": "male"})

    assert "Help us check we hear from everyone" not in done
    assert EqualityMonitoring.objects.count() == 1


def test_skipping_after_the_budget_counts_as_asked_for_the_survey(resident_client, resident, simulator):
    consultation = simulator.consultation
    urls = _urls(consultation)
    _budget(simulator, resident)
    resident_client.post(urls["budget"], {"choice": "skip"})

    _survey(resident_client, consultation)
    resident_client.post(urls["survey"], {"age_band": "25-34", "sex": "male"})

    assert not EqualityMonitoring.objects.exists()
    assert EqualityQuestionsAsked.objects.get(person=resident, consultation=consultation).answered is False


def test_saved_answers_used_after_the_budget_count_once(resident_client, resident, simulator):
    SavedEqualityAnswers.objects.create(person=resident, age_band="75-plus", sex="male")
    consultation = simulator.consultation
    urls = _urls(consultation)
    _budget(simulator, resident)
    assert b"Use my saved answers" in resident_client.get(urls["budget_done"]).content

    resident_client.post(urls["budget"], {"choice": "saved"})
    _survey(resident_client, consultation)
    resident_client.post(urls["survey"], {"choice": "saved"})

    assert list(EqualityMonitoring.objects.values_list("age_band", "sex")) == [("75-plus", "male")]


def test_each_consultation_asks_once_of_its_own(resident_client, resident, simulator):
    other = ConsultationFactory(title="Another consultation")
    QuestionFactory(consultation=other, kind=Question.Kind.TEXT, text="Your village")
    _budget(simulator, resident)
    resident_client.post(_urls(simulator.consultation)["budget"], {"age_band": "45-54"})
    _survey(resident_client, other)
    resident_client.post(_urls(other)["survey"], {"age_band": "45-54"})

    assert sorted(EqualityMonitoring.objects.values_list("consultation_id", flat=True)) == sorted(
        [simulator.consultation_id, other.pk]
    )


def test_the_service_refuses_a_second_answer_whichever_flow_asked_first(resident, simulator):
    services.equality_monitoring_skip(consultation=simulator.consultation, person=resident)

    with pytest.raises(services.ConsultationError, match="already answered or skipped"):
        services.equality_monitoring_record(consultation=simulator.consultation, person=resident, values={})
    assert not EqualityMonitoring.objects.exists()
