"""Staff set up the exercise in the admin on their own council's consultation, and record the council's final
budget decision, which the decisions log publishes with a link to what residents chose."""

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from budget_simulator import services
from budget_simulator.models import BudgetSimulator, BudgetSubmission, ServiceArea
from consultations.models import Consultation
from localism.models import Council
from tests.admin_forms import assert_choice_refused, inline_forms
from tests.budget_simulator.factories import BudgetSimulatorFactory
from tests.clients import signed_in
from tests.consultations.factories import ConsultationFactory
from tests.downloads import downloaded_json
from tests.factories import UserFactory
from tests.permission_matrix import who_may
from transparency.models import Decision

pytestmark = pytest.mark.django_db

PARISH = frozenset({"county staff", "parish clerk"})


def _setup_form(consultation, services_rows) -> dict:
    return {
        "consultation": consultation.pk,
        "title": "Balance the budget",
        "introduction": "We must save money.",
        "saving_required": "1000000",
        "council_tax_step_pounds": "200000",
        "council_tax_band_d_pence": "550",
        "council_tax_max_steps": "3",
        **inline_forms("services", services_rows),
    }


LIBRARIES = {
    "position": "0",
    "name": "Libraries",
    "current_budget": "5000000",
    "step_pounds": "250000",
    "cuts": "2 fewer mobile library stops\nLibraries open 4 fewer hours a week",
    "increases": "Sunday opening at 5 libraries",
}


def test_staff_set_up_the_services_steps_and_what_each_step_means(staff_client):
    consultation = ConsultationFactory()

    response = staff_client.post(
        reverse("admin:budget_simulator_budgetsimulator_add"), _setup_form(consultation, [LIBRARIES])
    )

    assert response.status_code == 302, response.context["adminform"].form.errors
    service = ServiceArea.objects.get()
    assert service.cuts == ["2 fewer mobile library stops", "Libraries open 4 fewer hours a week"]
    assert (service.min_steps, service.max_steps) == (-2, 1)
    page = Client().get(reverse("budget_simulator:simulator", kwargs={"slug": consultation.slug})).content.decode()
    assert "from -2 (a cut) to 1 (more spending)" in page


def test_a_cut_deeper_than_the_budget_is_refused_with_what_was_typed(staff_client):
    consultation = ConsultationFactory()
    deep = {**LIBRARIES, "current_budget": "400000"}

    response = staff_client.post(
        reverse("admin:budget_simulator_budgetsimulator_add"), _setup_form(consultation, [deep])
    )

    assert response.status_code == 200
    assert "The deepest cut would take the budget below £0" in response.content.decode()
    assert "Libraries open 4 fewer hours a week" in response.content.decode()
    assert not BudgetSimulator.objects.exists()


def test_a_parish_exercise_is_run_by_its_clerk_and_the_county(council_personas):
    cromer = Council.objects.get(slug="cromer-town-council")
    simulator = BudgetSimulatorFactory(consultation__council=cromer)

    assert who_may(council_personas, "budget_simulator.run_simulator", simulator) == PARISH


def test_a_parish_clerk_sets_up_an_exercise_only_on_their_councils_consultation(parish_clerk):
    cromer = Council.objects.get(slug="cromer-town-council")
    holt = Council.objects.get(slug="holt-town-council")
    theirs = BudgetSimulatorFactory(consultation__council=holt, title="Holt budget")
    clerk = signed_in(parish_clerk)

    refused = clerk.post(
        reverse("admin:budget_simulator_budgetsimulator_add"),
        _setup_form(ConsultationFactory(council=holt), [LIBRARIES]),
    )
    listed = clerk.get(reverse("admin:budget_simulator_budgetsimulator_changelist")).content.decode()
    other = clerk.get(reverse("admin:budget_simulator_budgetsimulator_change", args=[theirs.pk]))
    own = clerk.post(
        reverse("admin:budget_simulator_budgetsimulator_add"),
        _setup_form(ConsultationFactory(council=cromer), [LIBRARIES]),
    )

    assert_choice_refused(refused)
    assert "Holt budget" not in listed
    assert other.status_code == 302  # the admin sends them away: not theirs to see
    assert own.status_code == 302
    assert BudgetSimulator.objects.filter(consultation__council=cromer).count() == 1


def test_the_steps_cannot_change_once_people_have_submitted_budgets(staff_client, simulator, resident):
    libraries, home_care = simulator.services.all()
    services.budget_submit(
        simulator=simulator, respondent=resident, steps={libraries.pk: -2, home_care.pk: -1}, council_tax_steps=0
    )

    page = staff_client.get(reverse("admin:budget_simulator_budgetsimulator_change", args=[simulator.pk]))

    assert 'name="services-0-step_pounds"' not in page.content.decode()
    assert 'name="saving_required"' not in page.content.decode()


def _decide(client, simulator, **data):
    return client.post(
        reverse("admin:budget_simulator_budgetsimulator_actions", args=[simulator.pk]),
        {"action": "record_decision", "apply": "1", **data},
    )


DECISION = {
    "decided_on": f"{timezone.localdate() - dt.timedelta(days=1):%d/%m/%Y}",
    "decision_maker": "Full Council",
    "summary": "Council tax rises by 2.99%; libraries keep their hours.",
}


def test_the_budget_decision_is_published_to_the_decisions_log_and_links_to_the_results(staff_client, simulator):
    simulator.consultation.closes_at = timezone.now() - dt.timedelta(hours=1)
    simulator.consultation.save()

    response = _decide(staff_client, simulator, **DECISION)

    assert response.status_code == 302
    decision = Decision.objects.get()
    results = reverse("budget_simulator:results", kwargs={"slug": simulator.consultation.slug})
    assert decision.consultation_url == results
    page = Client().get(decision.get_absolute_url()).content.decode()
    assert f'href="{results}"' in page and "Budget simulator results: Balance the budget" in page
    assert "Council tax rises by 2.99%" in page
    assert decision.get_absolute_url() in Client().get(results).content.decode()


def test_the_decision_waits_for_the_consultation_to_close_and_keeps_what_was_typed(staff_client, simulator):
    response = _decide(staff_client, simulator, **DECISION)

    assert response.status_code == 400
    assert "once the consultation has closed" in response.content.decode()
    assert "Council tax rises by 2.99%" in response.content.decode()
    assert not Decision.objects.exists()


def test_a_parish_clerk_cannot_record_another_councils_budget_decision(parish_clerk):
    theirs = BudgetSimulatorFactory(consultation__council=Council.objects.get(slug="holt-town-council"))
    Consultation.objects.filter(pk=theirs.consultation_id).update(closes_at=timezone.now() - dt.timedelta(hours=1))

    _decide(signed_in(parish_clerk), theirs, **DECISION)

    assert not Decision.objects.exists()


def test_a_person_downloads_their_budget_and_deleting_the_account_keeps_it_anonymous(
    client, simulator, password, reference_data
):
    person = UserFactory()
    libraries, home_care = simulator.services.all()
    services.budget_submit(
        simulator=simulator, respondent=person, steps={libraries.pk: -2, home_care.pk: -1}, council_tax_steps=0
    )
    client.force_login(person)

    data = downloaded_json(client.get(reverse("accounts:data_download")))
    [budget] = data["budget_simulator"]["budgets"]
    assert budget["exercise"] == "Balance the budget"
    assert budget["services"] == [{"service": "Libraries", "steps": -2}, {"service": "Home care", "steps": -1}]

    client.post(reverse("accounts:delete"), {"password": password})
    submission = BudgetSubmission.objects.get()
    assert submission.respondent.is_active is False
    assert submission.choices.count() == 2
