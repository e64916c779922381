""" "We did", traced to the money, both ways: an outcome's action and a funded budgeting project show the decision,
contracts and payments that delivered them; a payment, a supplier, a contract and a decision show what they
delivered. Only what the public may see is shown either way, in a fixed number of queries."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from budgeting.models import Delivery, Project
from tests.budgeting.factories import ProjectFactory, funded_project
from tests.consultations.factories import ConsultationFactory, OutcomeActionFactory, OutcomeFactory
from tests.transparency.factories import ContractFactory, DecisionFactory, SpendingRecordFactory
from transparency.services import spending_facets_refresh

pytestmark = pytest.mark.django_db


def published_action(**fields):
    """An action of a published outcome of a published consultation."""
    outcome = OutcomeFactory(published_at=timezone.now(), consultation=ConsultationFactory(closed=True))
    return OutcomeActionFactory(outcome=outcome, **fields)


@pytest.fixture
def money():
    """A payment, a contract and a decision that delivered an outcome's action; another payment that delivered
    a funded project."""
    decision = DecisionFactory(title="Evening buses agreed")
    contract = ContractFactory(title="Evening dial-a-ride", supplier_name="Wensum Transport Ltd")
    payment = SpendingRecordFactory(
        beneficiary_name="Wensum Transport Ltd", purpose="Evening journeys", amount=Decimal("12500.00")
    )
    action = published_action(description="Run buses until 10pm", decision=decision)
    action.contracts.add(contract)
    action.payments.add(payment)
    project = funded_project(title="Benches on the seafront")
    bench_payment = SpendingRecordFactory(
        beneficiary_name="Cromer Joinery Ltd", purpose="Three oak benches", payment_date=datetime.date(2025, 6, 2)
    )
    project.delivery.payments.add(bench_payment)
    spending_facets_refresh()  # the suppliers' pages, as after an import
    return {
        "decision": decision,
        "contract": contract,
        "payment": payment,
        "action": action,
        "project": project,
        "bench_payment": bench_payment,
    }


def page(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


# --- From the promise to the money --------------------------------------------------------------------


def test_an_outcome_page_shows_the_decision_contract_and_payment_that_delivered_an_action(client, money):
    action = money["action"]
    html = page(client, reverse("consultations:outcome", kwargs={"slug": action.outcome.consultation.slug}))

    assert f'id="action-{action.pk}"' in html
    assert "The money behind it" in html
    assert money["decision"].get_absolute_url() in html
    assert "Evening dial-a-ride" in html and money["contract"].get_list_url().replace("&", "&amp;") in html
    assert money["payment"].get_payment_url().replace("&", "&amp;") in html
    assert "£12,500.00" in html


def test_a_funded_projects_page_shows_its_delivery_and_the_payments_behind_it(client, money):
    project = money["project"]
    html = page(client, project.get_absolute_url())

    assert 'id="delivery"' in html
    assert "Delivering the project" in html and "Planned" in html
    assert money["bench_payment"].get_payment_url().replace("&", "&amp;") in html
    assert "Cromer Joinery Ltd" in html


def test_an_unpublished_decision_is_not_named_on_the_outcome_page(client, money):
    money["decision"].is_published = False
    money["decision"].save()
    action = money["action"]

    html = page(client, reverse("consultations:outcome", kwargs={"slug": action.outcome.consultation.slug}))

    assert "Evening buses agreed" not in html
    assert money["payment"].get_payment_url().replace("&", "&amp;") in html  # the rest is still shown


def test_the_payment_link_leads_to_the_payment_in_its_suppliers_list(client, money):
    html = page(client, money["payment"].get_payment_url())

    assert f'id="payment-{money["payment"].pk}"' in html


# --- From the money to the promise ----------------------------------------------------------------------


def test_the_spending_explorer_says_what_each_payment_delivered(client, money):
    html = page(client, reverse("transparency:spending"))

    assert "This payment delivered:" in html
    assert money["action"].get_absolute_url() in html and "Run buses until 10pm" in html
    assert money["project"].delivery.get_absolute_url() in html and "Benches on the seafront" in html


def test_a_suppliers_page_names_what_its_payments_delivered(client, money):
    html = page(client, reverse("transparency:supplier_detail", kwargs={"slug": money["payment"].supplier_slug}))

    assert "What payments to Wensum Transport Ltd delivered" in html
    assert money["action"].get_absolute_url() in html
    assert "Benches on the seafront" not in html  # another supplier's payment delivered it


def test_a_contract_says_what_it_delivered(client, money):
    html = page(client, money["contract"].get_list_url())

    assert f'id="contract-{money["contract"].pk}"' in html
    assert "This contract delivered:" in html and money["action"].get_absolute_url() in html


def test_a_decision_page_says_what_the_decision_delivered(client, money):
    html = page(client, money["decision"].get_absolute_url())

    assert "What this decision delivered" in html and money["action"].get_absolute_url() in html


def test_a_payment_without_links_says_nothing_about_delivery(client):
    SpendingRecordFactory(beneficiary_name="Norfolk Paper Ltd")
    spending_facets_refresh()

    assert "delivered" not in page(client, reverse("transparency:spending"))


# --- Only what the public may see ----------------------------------------------------------------------


def _linked_everywhere(action_or_delivery, payment, contract, decision):
    action_or_delivery.decision = decision
    action_or_delivery.save()
    action_or_delivery.contracts.add(contract)
    action_or_delivery.payments.add(payment)


@pytest.mark.parametrize(
    "hidden",
    ["draft consultation", "unpublished outcome"],
)
def test_an_action_the_public_may_not_see_never_appears_on_a_spending_page(client, hidden):
    if hidden == "draft consultation":
        draft = ConsultationFactory(closed=True, draft=True)
        outcome = OutcomeFactory(published_at=timezone.now(), consultation=draft)
    else:
        outcome = OutcomeFactory(published_at=None)
    action = OutcomeActionFactory(outcome=outcome, description="A secret plan")
    _assert_nowhere_on_spending_pages(client, action, "A secret plan")


def _assert_nowhere_on_spending_pages(client, promised, title: str) -> None:
    """Linked to a payment, a contract and a decision, `promised` (titled `title`) is on none of their pages."""
    payment, contract, decision = SpendingRecordFactory(), ContractFactory(), DecisionFactory()
    _linked_everywhere(promised, payment, contract, decision)
    spending_facets_refresh()

    for url in (
        reverse("transparency:spending"),
        reverse("transparency:supplier_detail", kwargs={"slug": payment.supplier_slug}),
        reverse("transparency:contracts"),
        decision.get_absolute_url(),
    ):
        html = page(client, url)
        assert title not in html and "delivered" not in html, url


@pytest.mark.parametrize("hidden", ["declined project", "unpublished round", "results not published"])
def test_a_project_the_public_may_not_see_never_appears_on_a_spending_page(client, hidden):
    project = funded_project(title="A hidden project")
    if hidden == "declined project":
        Project.objects.filter(pk=project.pk).update(status=Project.Status.DECLINED, decline_reason="Too dear.")
    elif hidden == "unpublished round":
        type(project.round).objects.filter(pk=project.round_id).update(is_published=False)
    else:
        type(project.round).objects.filter(pk=project.round_id).update(results_published_at=None)
    _assert_nowhere_on_spending_pages(client, project.delivery, "A hidden project")


def test_a_projects_delivery_is_not_shown_before_its_rounds_results(client):
    project = funded_project(title="Planters")
    type(project.round).objects.filter(pk=project.round_id).update(results_published_at=None)

    html = page(client, project.get_absolute_url())

    assert "Delivering the project" not in html


# --- Query counts that do not grow with the data --------------------------------------------------------


@pytest.fixture
def many_links():
    """60 payments, 60 contracts and 30 decisions, each delivering a different action or funded project."""
    decisions = [DecisionFactory() for _ in range(30)]
    for n in range(30):
        action = published_action(description=f"Action {n}", decision=decisions[n])
        action.payments.add(SpendingRecordFactory(beneficiary_name=f"Supplier {n % 3}"))
        action.contracts.add(ContractFactory())
        delivery = funded_project(title=f"Project {n}").delivery
        delivery.decision = decisions[n]
        delivery.save()
        delivery.payments.add(SpendingRecordFactory(beneficiary_name=f"Supplier {n % 3}"))
        delivery.contracts.add(ContractFactory())
    spending_facets_refresh()
    return decisions


def test_the_spending_pages_use_a_fixed_number_of_queries_however_many_payments_delivered_something(
    client, many_links, django_assert_max_num_queries
):
    # The explorer's own queries (test_spending_explorer), and, when a payment shown is linked to something, one
    # for each kind of thing a payment delivers.
    with django_assert_max_num_queries(7):
        html = page(client, reverse("transparency:spending"))
    assert html.count("This payment delivered:") == 50  # the whole page of payments
    with django_assert_max_num_queries(8):
        html = page(client, reverse("transparency:supplier_detail", kwargs={"slug": "supplier-1"}))
    assert html.count("This payment delivered:") == 20
    with django_assert_max_num_queries(4):
        html = page(client, reverse("transparency:contracts"))
    assert html.count("This contract delivered:") == 50
    with django_assert_max_num_queries(6):
        page(client, many_links[0].get_absolute_url())


def test_the_outcome_project_and_round_pages_use_a_fixed_number_of_queries(client, django_assert_max_num_queries):
    outcome = OutcomeFactory(published_at=timezone.now())
    for n in range(20):
        action = OutcomeActionFactory(outcome=outcome, description=f"Action {n}", decision=DecisionFactory())
        action.payments.add(SpendingRecordFactory(), SpendingRecordFactory())
        action.contracts.add(ContractFactory())
    project = funded_project()
    delivery = project.delivery
    delivery.decision = DecisionFactory()
    delivery.save()
    delivery.payments.add(*[SpendingRecordFactory() for _ in range(20)])
    delivery.contracts.add(*[ContractFactory() for _ in range(5)])
    for n in range(20):
        delivery.updates.create(note=f"Update {n}")
    for n in range(20):  # more funded projects in the same round, each with its delivery
        Delivery.objects.create(
            project=ProjectFactory(round=project.round, title=f"Also funded {n}"),
            description=f"Also funded {n}",
            owner="A group",
            due_on=timezone.localdate(),
        )

    # The page's own queries, then the actions' decisions, contracts and payments: one query each.
    with django_assert_max_num_queries(11):
        html = page(client, reverse("consultations:outcome", kwargs={"slug": outcome.consultation.slug}))
    assert html.count("The money behind it") == 20
    with django_assert_max_num_queries(12):
        html = page(client, project.get_absolute_url())
    assert html.count("Update ") >= 20
    with django_assert_max_num_queries(5):
        html = page(client, project.round.get_absolute_url())
    assert html.count('class="govuk-tag govuk-tag--blue">Planned</strong>') == 21
