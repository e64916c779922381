""" "We did", traced to the money, on a phone (375×667) in a real browser, each page scanned with axe: a resident
follows an outcome's action to the payment that delivered it and the payment back to the action, and does the same
from a funded budgeting project."""

import datetime
import re
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from localism.actions import ActionStatus
from tests.budgeting.factories import funded_project
from tests.consultations.factories import ConsultationFactory, OutcomeActionFactory, OutcomeFactory
from tests.transparency.factories import ContractFactory, DecisionFactory, SpendingRecordFactory
from transparency.services import spending_facets_refresh

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {"width": 375, "height": 667}


@pytest.fixture
def delivered():
    consultation = ConsultationFactory(closed=True, title="Evening community transport")
    outcome = OutcomeFactory(consultation=consultation, published_at=timezone.now())
    action = OutcomeActionFactory(
        outcome=outcome,
        description="Run dial-a-ride until 10pm",
        status=ActionStatus.DONE,
        decision=DecisionFactory(title="Evening dial-a-ride agreed"),
    )
    action.contracts.add(ContractFactory(title="Evening dial-a-ride", supplier_name="Wensum Transport Ltd"))
    payment = SpendingRecordFactory(
        beneficiary_name="Wensum Transport Ltd",
        purpose="Evening journeys",
        amount=Decimal("12500.00"),
        payment_date=datetime.date(2025, 9, 1),
    )
    action.payments.add(payment)
    project = funded_project(title="Benches on the seafront")
    bench_payment = SpendingRecordFactory(
        beneficiary_name="Cromer Joinery Ltd", purpose="Three oak benches", payment_date=datetime.date(2025, 6, 2)
    )
    project.delivery.payments.add(bench_payment)
    project.delivery.updates.create(note="The benches are in.")
    spending_facets_refresh()  # the suppliers' pages, as after an import
    return {"action": action, "payment": payment, "project": project, "bench_payment": bench_payment}


def test_we_did_from_an_outcome_to_the_payment_and_back_on_a_phone(page, delivered, assert_accessible):
    page.set_viewport_size(PHONE)
    action = delivered["action"]
    page.goto(reverse("consultations:outcome", kwargs={"slug": action.outcome.consultation.slug}))
    expect(page.get_by_role("heading", level=1)).to_have_text("We asked, you said, we did")
    row = page.locator(f"#action-{action.pk}")
    expect(row.get_by_text("The money behind it")).to_be_visible()
    expect(row.get_by_role("link", name="Evening dial-a-ride agreed")).to_be_visible()
    assert_accessible(page)

    row.get_by_role("link", name="Wensum Transport Ltd on 1 September 2025").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Wensum Transport Ltd")
    payment_row = page.locator(f"#payment-{delivered['payment'].pk}")
    expect(payment_row).to_contain_text("This payment delivered:")
    assert_accessible(page)

    payment_row.get_by_role("link", name="Run dial-a-ride until 10pm").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("We asked, you said, we did")
    assert re.search(rf"#action-{action.pk}$", page.url)
    expect(page.locator(f"#action-{action.pk}")).to_contain_text("Done")


def test_we_did_from_a_funded_project_to_the_payment_and_back_on_a_phone(page, delivered, assert_accessible):
    page.set_viewport_size(PHONE)
    project = delivered["project"]
    page.goto(project.round.get_absolute_url())
    expect(page.get_by_role("heading", name="What the money is delivering")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Benches on the seafront").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Benches on the seafront")
    expect(page.get_by_role("heading", name="Delivering the project")).to_be_visible()
    expect(page.get_by_text("The benches are in.")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Cromer Joinery Ltd on 2 June 2025").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Cromer Joinery Ltd")
    expect(page.get_by_text("What payments to Cromer Joinery Ltd delivered")).to_be_visible()
    assert_accessible(page)

    payment_row = page.locator(f"#payment-{delivered['bench_payment'].pk}")
    payment_row.get_by_role("link", name="Benches on the seafront").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Benches on the seafront")
    assert page.url.endswith("#delivery")
