"""The balance rules: a resident moves each service, checks the budget, and can submit only a budget that
finds the saving; out-of-range or unbalanced budgets are refused with the amount still to find, nothing is
stored, and the form keeps what was typed."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from budget_simulator import services
from budget_simulator.models import BudgetChoice, BudgetSubmission
from tests.budget_simulator.conftest import budget_form
from tests.consultations.factories import ConsultationFactory
from tests.factories import PostcodeFactory, UserFactory

pytestmark = pytest.mark.django_db


def _url(simulator) -> str:
    return reverse("budget_simulator:simulator", kwargs={"slug": simulator.consultation.slug})


def _steps(submission) -> dict[str, int]:
    return {c.service.name: c.steps for c in submission.choices.select_related("service")}


def test_the_page_shows_each_service_its_budget_and_the_saving_to_find(client, simulator):
    page = client.get(_url(simulator)).content.decode()

    assert "The council must find <strong>£1,000,000</strong>" in page
    assert "Now £5,000,000 a year. Each step is £250,000: from -2 (a cut) to 1 (more spending)." in page
    assert "You still need to find £1,000,000." in page
    assert 'aria-live="polite"' in page
    assert "costs a Band D household £5.50 a year more" in page


def test_checking_shows_the_consequences_and_the_amount_still_to_find_without_storing(client, simulator, fields):
    response = client.post(_url(simulator), budget_form(fields, libraries=-1, council_tax=1, action="check"))

    page = response.content.decode()
    assert response.status_code == 200
    assert "Save £250,000</strong>, new budget <span data-new-budget>£4,750,000</span>" in page
    assert "2 fewer mobile library stops" in page
    assert "Raises £200,000: a Band D household pays £5.50 a year more." in page
    assert "You still need to find £550,000." in page
    assert f'name="{fields["Libraries"]}" type="number"' in page and 'value="-1"' in page
    assert not BudgetSubmission.objects.exists()


def test_a_balanced_budget_is_stored_with_each_service_move(resident_client, resident, simulator, fields):
    response = resident_client.post(_url(simulator), budget_form(fields, libraries=-2, home_care=-1))

    assert response.status_code == 302
    submission = BudgetSubmission.objects.get(respondent=resident)
    assert _steps(submission) == {"Libraries": -2, "Home care": -1}
    assert submission.council_tax_steps == 0
    done = resident_client.get(response.url).content.decode()
    assert "Budget submitted" in done and "Your budget balances." in done
    assert "Libraries open 4 fewer hours a week" in done


def test_a_budget_with_savings_to_spare_balances(resident_client, resident, simulator, fields):
    resident_client.post(_url(simulator), budget_form(fields, libraries=-2, home_care=-1, council_tax=3))

    assert BudgetSubmission.objects.get(respondent=resident).council_tax_steps == 3


def test_an_unbalanced_budget_is_refused_with_the_amount_still_to_find_and_keeps_what_was_typed(
    resident_client, simulator, fields
):
    response = resident_client.post(_url(simulator), budget_form(fields, libraries=-1, council_tax=1))

    page = response.content.decode()
    assert response.status_code == 400
    assert "Your budget does not balance yet: you still need to find £550,000." in page
    assert "govuk-error-summary" in page
    assert 'value="-1"' in page
    assert not BudgetSubmission.objects.exists()


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ({"libraries": -3, "home_care": -2}, "Libraries can move from -2 to 1 steps"),
        ({"libraries": -2, "home_care": -2}, "Home care can move from -1 to 2 steps"),
        ({"libraries": -2, "home_care": -1, "council_tax": 4}, "Council tax can rise by 0 to 3 steps"),
        ({"libraries": -2, "home_care": 0, "council_tax": -1}, "Council tax can rise by 0 to 3 steps"),
        ({"libraries": "lots", "home_care": -1}, "Enter a whole number of steps for Libraries, like -2 or 1"),
        ({"libraries": "-1.5", "home_care": -1}, "Enter a whole number of steps for Libraries, like -2 or 1"),
    ],
)
def test_an_out_of_range_or_unreadable_move_is_refused_and_nothing_is_stored(
    resident_client, simulator, fields, typed, message
):
    response = resident_client.post(_url(simulator), budget_form(fields, **typed))

    page = response.content.decode()
    assert response.status_code == 400
    assert message in page
    assert f'value="{typed["libraries"]}"' in page
    assert not BudgetSubmission.objects.exists()


def test_checking_an_out_of_range_move_says_so_too(client, simulator, fields):
    response = client.post(_url(simulator), budget_form(fields, libraries=5, action="check"))

    assert response.status_code == 400
    assert "Libraries can move from -2 to 1 steps" in response.content.decode()


def test_one_budget_per_person_a_second_submission_changes_the_first(resident_client, resident, simulator, fields):
    resident_client.post(_url(simulator), budget_form(fields, libraries=-2, home_care=-1))
    resident_client.post(_url(simulator), budget_form(fields, libraries=0, home_care=-1, council_tax=3))

    submission = BudgetSubmission.objects.get(respondent=resident)
    assert _steps(submission) == {"Libraries": 0, "Home care": -1}
    assert submission.council_tax_steps == 3
    assert BudgetChoice.objects.count() == 2
    page = resident_client.get(_url(simulator)).content.decode()
    assert "You submitted a budget on" in page
    assert 'name="council_tax" type="number" inputmode="numeric" min="0" max="3" step="1" value="3"' in page


def test_the_database_keeps_one_budget_per_person(resident, simulator):
    from django.db import IntegrityError, transaction

    BudgetSubmission.objects.create(simulator=simulator, respondent=resident)
    with pytest.raises(IntegrityError), transaction.atomic():
        BudgetSubmission.objects.create(simulator=simulator, respondent=resident)


def test_someone_signed_out_can_check_but_not_submit(client, simulator, fields):
    response = client.post(_url(simulator), budget_form(fields, libraries=-2, home_care=-1))

    assert response.status_code == 403
    assert "Sign in to respond to this consultation." in response.content.decode()
    assert 'value="-2"' in response.content.decode()
    assert not BudgetSubmission.objects.exists()


def test_an_unconfirmed_email_cannot_submit(client, simulator, fields):
    client.force_login(UserFactory(verified=False))

    response = client.post(_url(simulator), budget_form(fields, libraries=-2, home_care=-1))

    assert response.status_code == 403
    assert "Confirm your email address" in response.content.decode()
    assert not BudgetSubmission.objects.exists()


def test_a_closed_consultation_refuses_a_budget(resident_client, simulator, fields):
    closed = ConsultationFactory(closed=True)
    simulator.consultation = closed
    simulator.save()

    response = resident_client.post(_url(simulator), budget_form(fields, libraries=-2, home_care=-1))

    assert response.status_code == 403
    assert "You can no longer respond" in response.content.decode()
    assert not BudgetSubmission.objects.exists()


def test_a_draft_consultation_hides_its_simulator(client, simulator):
    simulator.consultation.published_at = None
    simulator.consultation.save()

    assert client.get(_url(simulator)).status_code == 404


def test_the_postcode_keeps_only_its_district(resident_client, resident, simulator, fields, reference_data):
    PostcodeFactory(in_cromer=True)

    resident_client.post(_url(simulator), budget_form(fields, libraries=-2, home_care=-1, postcode="nr27 9ab"))

    assert BudgetSubmission.objects.get(respondent=resident).district.slug == "north-norfolk"


def test_a_postcode_we_cannot_place_is_refused(resident_client, simulator, fields, reference_data):
    response = resident_client.post(
        _url(simulator), budget_form(fields, libraries=-2, home_care=-1, postcode="CB2 1TN")
    )

    assert response.status_code == 400
    assert "We cannot find CB2 1TN in the county" in response.content.decode()
    assert 'value="CB2 1TN"' in response.content.decode()
    assert not BudgetSubmission.objects.exists()


def test_the_service_refuses_an_unbalanced_budget_whoever_calls_it(resident, simulator):
    libraries = simulator.services.get(name="Libraries")

    with pytest.raises(ValidationError) as refused:
        services.budget_submit(simulator=simulator, respondent=resident, steps={libraries.pk: -2}, council_tax_steps=0)

    assert "you still need to find £500,000" in refused.value.message_dict["__all__"][0]
    assert not BudgetSubmission.objects.exists()


def test_a_missing_service_counts_as_no_move(resident, simulator):
    home_care = simulator.services.get(name="Home care")

    submission, created = services.budget_submit(
        simulator=simulator, respondent=resident, steps={home_care.pk: -1}, council_tax_steps=3
    )

    assert created
    assert _steps(submission) == {"Libraries": 0, "Home care": -1}


def test_the_honeypot_refuses_a_bot(resident_client, simulator, fields):
    form = {**budget_form(fields, libraries=-2, home_care=-1), "website": "http://spam.example"}

    assert resident_client.post(_url(simulator), form).status_code == 400
    assert not BudgetSubmission.objects.exists()


def test_a_simulator_without_council_tax_refuses_a_rise(resident, simulator):
    simulator.council_tax_max_steps = 0
    simulator.save()

    with pytest.raises(ValidationError) as refused:
        services.budget_submit(simulator=simulator, respondent=resident, steps={}, council_tax_steps=1)

    assert "Council tax is not part of this exercise" in refused.value.message_dict["council_tax"][0]


def test_the_simulator_page_runs_a_fixed_number_of_queries(
    resident_client, simulator, fields, django_assert_max_num_queries
):
    from tests.budget_simulator.factories import ServiceAreaFactory

    resident_client.post(_url(simulator), budget_form(fields, libraries=-2, home_care=-1))
    with django_assert_max_num_queries(12) as few:
        resident_client.get(_url(simulator))
    for _ in range(8):
        ServiceAreaFactory(simulator=simulator)
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = resident_client.get(_url(simulator)).content.decode()
    assert page.count("localism-budget-service") == 11  # ten services and council tax


def test_the_consultation_page_links_to_its_simulator(client, simulator, django_assert_max_num_queries):
    page = client.get(simulator.consultation.get_absolute_url()).content.decode()

    assert "Balance the budget" in page
    assert _url(simulator) in page
