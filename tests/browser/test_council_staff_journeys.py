"""Council-scoped staff in a real browser: a parish clerk runs their council's consultation and publishes its outcome;
a district officer decides their own district's nomination and cannot reach another district's. Axe scans the
admin home (with its work queues) and the public pages that name the council."""

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from consultations.models import Consultation
from localism.models import Council
from tests.browser.conftest import list_the_nomination_in_the_admin
from tests.consultations.factories import ConsultationFactory, OutcomeFactory
from tests.transparency.factories import AssetNominationFactory
from transparency.models import AssetNomination

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_parish_clerk_runs_a_consultation_and_publishes_its_outcome(
    sign_in, page, client, live_server, parish_clerk, assert_accessible
):
    holt = ConsultationFactory(council=Council.objects.get(slug="holt-town-council"), title="Holt market place")
    sign_in(page, parish_clerk)

    page.goto(reverse("admin:index"))
    expect(page.get_by_role("table", name=re.compile("Waiting for you: Cromer Town Council"))).to_be_visible()
    assert_accessible(page)

    # The clerk writes the consultation; the only council they can name is their own.
    page.goto(reverse("admin:consultations_consultation_add"))
    council = page.get_by_label("Council:")
    expect(council.locator("option")).to_have_text(["Cromer Town Council"])
    page.get_by_label("Title:").fill("Cromer seafront shelters")
    page.get_by_label("Summary:").fill("Which shelters should the town council repair first?")
    page.get_by_label("About this consultation:").fill("The town council looks after six shelters.")
    page.get_by_label("What is being commissioned and why:").fill("Repairs to the shelters, from the town's reserves.")
    page.get_by_label("Decision maker:").fill("Full town council")
    start = timezone.localdate() - dt.timedelta(days=30)
    page.locator("[name=opens_at_0]").fill(start.strftime("%d/%m/%Y"))
    page.locator("[name=opens_at_1]").fill("09:00")
    page.locator("[name=closes_at_0]").fill((start + dt.timedelta(days=28)).strftime("%d/%m/%Y"))
    page.locator("[name=closes_at_1]").fill("17:00")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("was added successfully")
    consultation = Consultation.objects.get(title="Cromer seafront shelters")
    assert consultation.council.name == "Cromer Town Council"

    page.goto(reverse("admin:consultations_publish", kwargs={"pk": consultation.pk}))
    for label in ["formative stage", "sufficient reasons", "adequate time", "conscientiously considered"]:
        page.get_by_label(re.compile(label)).check()
    page.get_by_role("button", name="Publish").click()
    expect(page.get_by_text(re.compile("^Published. It opens on"))).to_be_visible()

    # Its outcome, written up, is published by the clerk; another parish's is not in their list.
    OutcomeFactory(consultation=consultation, decided_on=timezone.localdate())
    OutcomeFactory(consultation=holt)
    page.goto(reverse("admin:consultations_outcome_changelist"))
    expect(page.get_by_role("link", name="Holt market place")).to_have_count(0)
    page.get_by_role("checkbox", name=re.compile("Select this object")).first.check()
    page.locator("select[name=action]").select_option("_publish_outcome")
    page.get_by_role("button", name="Go").click()
    expect(page.locator(".messagelist")).to_contain_text("Published the outcome of Cromer seafront shelters")

    # The public see who asked and who decided.
    page.context.clear_cookies()
    page.goto(reverse("consultations:outcome", kwargs={"slug": consultation.slug}))
    expect(page.get_by_text("Decided on")).to_contain_text("Full town council, Cromer Town Council")
    assert_accessible(page)
    page.goto(consultation.get_absolute_url())
    expect(page.get_by_role("link", name="Cromer Town Council")).to_be_visible()
    assert_accessible(page)


def test_a_district_officer_decides_their_own_districts_nomination_only(
    sign_in, page, client, live_server, district_officer, assert_accessible
):
    own = AssetNominationFactory(
        asset_name="The Red Lion", decision_due=timezone.localdate() - dt.timedelta(days=2)
    )  # North Norfolk's, overdue
    other = AssetNominationFactory(
        asset_name="The Bell, Thetford", postcode="IP24 1AA", council=Council.objects.get(slug="breckland-council")
    )
    sign_in(page, district_officer)

    page.goto(reverse("admin:index"))
    queue = page.get_by_role("link", name="Nominations past their decision deadline")
    expect(page.get_by_role("row", name=re.compile("Nominations past their decision deadline"))).to_contain_text("1")
    assert_accessible(page)
    queue.click()
    expect(page.locator("#result_list")).to_contain_text("The Red Lion")
    expect(page.locator("#result_list")).not_to_contain_text("The Bell, Thetford")

    list_the_nomination_in_the_admin(page, own)
    expect(page.locator(".messagelist")).to_contain_text("The Red Lion is listed")

    # Another district's nomination is not there for them, even by its address.
    page.goto(reverse("admin:transparency_assetnomination_change", kwargs={"object_id": other.pk}))
    expect(page.locator(".messagelist")).to_contain_text("doesn’t exist")
    response = page.goto(reverse("admin:transparency_assetnomination_decide", kwargs={"pk": other.pk}))
    assert response.status == 404
    assert AssetNomination.objects.get(pk=other.pk).status == AssetNomination.Status.SUBMITTED
    assert AssetNomination.objects.get(pk=own.pk).status == AssetNomination.Status.LISTED


def test_a_parish_clerk_gives_notice_of_a_meeting_and_a_resident_finds_it_on_a_phone(
    sign_in, page, live_server, parish_clerk, assert_accessible
):
    from localism.dates import earliest_meeting_day
    from transparency.models import Notice

    sign_in(page, parish_clerk)
    today = timezone.localdate()
    page.goto(reverse("admin:transparency_notice_add"))
    expect(page.get_by_label("Council:").locator("option")).to_have_text(["Cromer Town Council"])
    page.get_by_label("Kind:").select_option("meeting")
    page.get_by_label("Title:").fill("Meeting of the full town council")
    page.get_by_label("Body:").fill("**Agenda:** the seafront shelters; payments for approval.")
    page.locator("[name=published_on]").fill(today.strftime("%d/%m/%Y"))
    too_soon = today + dt.timedelta(days=1)
    page.locator("[name=meeting_at_0]").fill(too_soon.strftime("%d/%m/%Y"))
    page.locator("[name=meeting_at_1]").fill("19:00")
    page.get_by_label("Venue:").fill("The Parish Hall, Church Street")
    page.get_by_role("button", name="Save", exact=True).click()

    # Too little notice: refused, saying the earliest lawful day, with what was typed kept.
    expect(page.locator(".errorlist")).to_contain_text(f"{earliest_meeting_day(today):%-d %B %Y}")
    expect(page.get_by_label("Title:")).to_have_value("Meeting of the full town council")
    assert not Notice.objects.exists()
    page.locator("[name=meeting_at_0]").fill(earliest_meeting_day(today).strftime("%d/%m/%Y"))
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("was added successfully")

    # A resident on a phone finds it on Cromer's page; it names the council giving it.
    page.context.clear_cookies()
    page.set_viewport_size({"width": 375, "height": 667})
    resident_page = page
    resident_page.goto(reverse("localism:place_detail", args=["cromer"]))
    resident_page.get_by_role("link", name="Meeting of the full town council").click()
    expect(resident_page.get_by_role("heading", level=1)).to_have_text("Meeting of the full town council")
    expect(resident_page.get_by_text("Given by")).to_be_visible()
    expect(resident_page.get_by_role("link", name="Cromer Town Council", exact=True)).to_be_visible()
    assert_accessible(resident_page)
    resident_page.get_by_role("link", name="Other notices from Cromer Town Council").click()
    expect(resident_page.get_by_role("link", name="Meeting of the full town council")).to_be_visible()
    assert_accessible(resident_page)
