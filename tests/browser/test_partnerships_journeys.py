"""Partnerships in a real browser, each page scanned with axe: a resident finds a community partnership,
reads its priorities and the consultations, contracts and payments behind them, follows a payment to its
supplier, and reads a meeting's papers and minutes."""

import datetime
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from partnerships.models import MeetingPaper, Sector
from tests.consultations.factories import ConsultationFactory
from tests.partnerships.factories import (
    ActionFactory,
    MeetingFactory,
    MemberFactory,
    PartnershipFactory,
    PriorityFactory,
    PriorityUpdateFactory,
)
from tests.transparency.factories import ContractFactory, SpendingRecordFactory
from transparency.services import spending_facets_refresh

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def partnership():
    partnership = PartnershipFactory(name="Coastal Community Partnership", summary="Setting priorities for the coast.")
    for n in range(6):
        MemberFactory(partnership=partnership, sector=Sector.VOLUNTARY, sex="female", name=f"Voluntary member {n}")
    for n in range(5):
        MemberFactory(partnership=partnership, sector=Sector.PUBLIC, sex="male", name=f"Public member {n}")
    MemberFactory(
        partnership=partnership,
        sector=Sector.RESIDENTS,
        name="Alex Sample",
        name_is_public=True,
        role="Chair",
        age_band="75-plus",
    )
    transport = PriorityFactory(partnership=partnership, title="Getting to services without a car", position=1)
    PriorityUpdateFactory(
        priority=transport,
        status="on_track",
        note="The dial-a-ride service started in the villages.",
        reported_on=timezone.localdate() - datetime.timedelta(days=3),
    )
    transport.consultations.add(ConsultationFactory(title="A new community transport service"))
    transport.contracts.add(ContractFactory(title="Dial-a-ride for the coast", supplier_name="Wensum Transport Ltd"))
    transport.payments.add(
        SpendingRecordFactory(
            beneficiary_name="Wensum Transport Ltd", purpose="Dial-a-ride trips", amount=Decimal("12500.00")
        )
    )
    spending_facets_refresh()  # the supplier's page, as after an import
    PriorityFactory(partnership=partnership, title="Warm places to meet", position=2)
    meeting = MeetingFactory(
        partnership=partnership,
        title="Partnership board, autumn",
        agenda="1. Progress on the priorities",
        minutes="The board agreed to extend dial-a-ride to two more villages.",
    )
    report = SimpleUploadedFile("progress.pdf", b"%PDF-1.4\n% report\n", "application/pdf")
    MeetingPaper.objects.create(meeting=meeting, title="Progress report", file=report)
    ActionFactory(partnership=partnership, description="Map the villages without a bus", priority=transport)
    return partnership


def test_a_partnership_page_shows_priorities_linked_to_spending(page, partnership, assert_accessible):
    page.goto(reverse("partnerships:list"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Partnerships")
    assert_accessible(page)

    page.get_by_role("link", name="Coastal Community Partnership").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Coastal Community Partnership")
    priority = page.locator("section", has=page.get_by_role("heading", name="Getting to services without a car"))
    expect(priority).to_contain_text("On track")
    expect(priority).to_contain_text("The dial-a-ride service started in the villages.")
    expect(priority.get_by_role("link", name="A new community transport service")).to_be_visible()
    expect(priority).to_contain_text("Dial-a-ride for the coast")
    payments = priority.get_by_role("table", name="Payments for this priority")
    expect(payments).to_contain_text("Dial-a-ride trips")
    expect(payments).to_contain_text("£12,500.00")
    expect(page.locator("#women")).to_contain_text("6 of the 11 members who said (55%)")
    expect(page.get_by_text("Alex Sample (Chair)")).to_be_visible()
    assert_accessible(page)

    page.get_by_text("Sex, age, ethnic group and disability").click()
    characteristics = page.locator("#characteristics")
    expect(characteristics.get_by_role("table", name="Sex (11 answered)")).to_contain_text("Female6")
    expect(characteristics.get_by_role("table", name="Age (fewer than 5 answered)")).to_contain_text(
        "75 or overFewer than 5"
    )
    expect(characteristics).to_contain_text("Ethnic group: no member has answered.")
    assert_accessible(page)

    payments.get_by_role("link", name="Wensum Transport Ltd").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Wensum Transport Ltd")
    page.go_back()

    page.get_by_role("link", name="Partnership board, autumn").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Partnership board, autumn")
    expect(page.locator("#minutes")).to_contain_text("extend dial-a-ride to two more villages")
    expect(page.get_by_role("link", name="Progress report")).to_be_visible()
    assert_accessible(page)
