"""Staff link each outcome action to the decision, contracts and payments that delivered it, in the outcome's admin
page: only their own council's outcomes, and only their own council's decisions."""

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.admin_forms import admin_form_of
from tests.clients import signed_in
from tests.consultations.factories import ConsultationFactory, OutcomeActionFactory, OutcomeFactory
from tests.factories import council
from tests.transparency.factories import (
    ContractFactory,
    DecisionFactory,
    SpendingRecordFactory,
    assert_another_councils_decision_is_refused,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def action(reference_data):
    consultation = ConsultationFactory(closed=True, council=council("north-norfolk-district-council"))
    return OutcomeActionFactory(outcome=OutcomeFactory(consultation=consultation, published_at=timezone.now()))


def change_url(action) -> str:
    return reverse("admin:consultations_outcome_change", args=[action.outcome.pk])


def form_of(client, action) -> dict:
    return admin_form_of(client, change_url(action))


def test_staff_link_an_action_to_their_councils_decision_a_contract_and_payments(district_officer, action):
    decision = DecisionFactory(council=council("north-norfolk-district-council"))
    contract, payment = ContractFactory(), SpendingRecordFactory()
    client = signed_in(district_officer)
    data = form_of(client, action) | {
        "actions-0-decision": decision.pk,
        "actions-0-contracts": str(contract.pk),
        "actions-0-payments": str(payment.pk),
    }

    assert client.post(change_url(action), data).status_code == 302

    action.refresh_from_db()
    assert action.decision == decision
    assert list(action.contracts.all()) == [contract]
    assert list(action.payments.all()) == [payment]
    page = client.get(change_url(action)).content.decode()
    assert f"Payment {payment.pk}: 14/05/2025" in page  # the linked payment in words beside the numbers


def test_staff_cannot_link_an_action_to_another_councils_decision(district_officer, action):
    assert_another_councils_decision_is_refused(
        signed_in(district_officer), change_url(action), "actions-0-decision", action
    )


def test_a_payment_number_that_does_not_exist_is_refused(district_officer, action):
    client = signed_in(district_officer)

    response = client.post(change_url(action), form_of(client, action) | {"actions-0-payments": "99999999"})

    assert response.status_code == 200
    assert not action.payments.exists()


def test_another_councils_staff_cannot_see_or_link_the_action(other_district_officer, action):
    payment = SpendingRecordFactory()
    client = signed_in(other_district_officer)

    page = client.get(change_url(action))
    posted = client.post(change_url(action), {"actions-0-id": action.pk, "actions-0-payments": str(payment.pk)})

    assert page.status_code == 302  # the admin's "does not exist" redirect
    assert posted.status_code == 302
    assert not action.payments.exists()
