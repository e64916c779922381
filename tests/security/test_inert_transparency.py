"""Nominations of community assets, Right to Challenge expressions and published payments are inert wherever they are
shown."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tests.clients import signed_in
from tests.security.payloads import CORE_PAYLOADS, PAYLOADS, assert_page_shows, marked
from tests.transparency.factories import SpendingRecordFactory, decide_nomination
from transparency import services
from transparency.forms import ExpressionOfInterestForm
from transparency.models import AssetNomination, ExpressionOfInterest
from transparency.services import spending_facets_refresh

pytestmark = pytest.mark.django_db

NOMINATION_TEXT = (
    "asset_name",
    "address",
    "description",
    "occupants",
    "owners",
    "community_value",
    "body_name",
    "local_connection",
    "eligibility_evidence",
)
# Every field of the form a body fills in but the choice of what kind of body it is.
EXPRESSION_TEXT = tuple(name for name in ExpressionOfInterestForm.Meta.fields if name != "body_kind")


@pytest.mark.parametrize("payload", PAYLOADS)
def test_a_nomination_is_inert_for_the_nominator_staff_and_the_public(
    resident_client, moderator, payload, cromer_postcode
):
    data = {field: marked(field, payload) for field in NOMINATION_TEXT}
    data |= {
        "postcode": "NR27 9AB",
        "body_kind": "unincorporated",
        "local_member_count": "35",
        "confirm_eligible": "on",
    }
    response = resident_client.post(reverse("transparency:nominate"), data)
    assert response.status_code == 302
    nomination = AssetNomination.objects.get()
    public_fields = ["asset_name", "address", "description", "community_value", "body_name"]
    assert_page_shows(resident_client.get(nomination.get_absolute_url()).content.decode(), payload, public_fields)
    staff = signed_in(moderator)
    admin_page = staff.get(reverse("admin:transparency_assetnomination_change", args=[nomination.pk]))
    assert_page_shows(admin_page.content.decode(), payload, NOMINATION_TEXT)
    admin_list = staff.get(reverse("admin:transparency_assetnomination_changelist"))
    assert_page_shows(admin_list.content.decode(), payload, ["asset_name"])

    decide_nomination(nomination, by=moderator)
    public = Client()
    assert_page_shows(public.get(nomination.get_absolute_url()).content.decode(), payload, public_fields)
    assert_page_shows(public.get(reverse("transparency:assets")).content.decode(), payload, ["asset_name", "address"])


@pytest.mark.parametrize("payload", CORE_PAYLOADS)
def test_an_unsuccessful_nomination_is_inert_on_the_public_list(resident_client, moderator, payload, cromer_postcode):
    data = {field: marked(field, payload) for field in NOMINATION_TEXT}
    data |= {"postcode": "NR27 9AB", "body_kind": "parish_council", "confirm_eligible": "on"}
    assert resident_client.post(reverse("transparency:nominate"), data).status_code == 302
    decide_nomination(
        AssetNomination.objects.get(), by=moderator, is_listed=False, reasons="Not used by the community."
    )
    page = Client().get(reverse("transparency:assets_unsuccessful")).content.decode()
    assert_page_shows(page, payload, ["asset_name", "address"])


@pytest.mark.parametrize("payload", PAYLOADS)
def test_an_expression_of_interest_is_inert_for_the_sender_staff_and_the_public(
    resident_client, moderator, open_window, payload
):
    data = {field: marked(field, payload) for field in EXPRESSION_TEXT} | {"body_kind": "charitable_trust"}
    response = resident_client.post(
        reverse("transparency:challenge_express_interest", kwargs={"pk": open_window.pk}), data
    )
    assert response.status_code == 302
    expression = ExpressionOfInterest.objects.get()
    public_fields = ["body_name", "service", "area", "outcomes_for_users", "outcomes_for_wellbeing"]
    assert_page_shows(resident_client.get(expression.get_absolute_url()).content.decode(), payload, public_fields)
    url = reverse("admin:transparency_expressionofinterest_change", args=[expression.pk])
    assert_page_shows(signed_in(moderator).get(url).content.decode(), payload, EXPRESSION_TEXT)

    services.challenge_decide(
        expression=expression,
        status="accepted",
        reasons="Meets the criteria.",
        decided_on=timezone.localdate(),
        by=moderator,
    )
    public = Client()
    assert_page_shows(public.get(expression.get_absolute_url()).content.decode(), payload, public_fields)
    assert_page_shows(
        public.get(reverse("transparency:challenge")).content.decode(), payload, ["body_name", "service"]
    )


# A payment's texts come from the council's published file, shown in the payments table, the charts and their tables.
PAYMENT_TEXT = ("beneficiary_name", "purpose", "service_area", "expense_type")


@pytest.mark.parametrize("payload", PAYLOADS)
def test_a_payment_is_inert_in_the_explorer_its_charts_and_the_supplier_page(client, payload):
    payment = SpendingRecordFactory(**{field: marked(field, payload) for field in PAYMENT_TEXT})
    spending_facets_refresh()  # as after an import

    # The supplier's name is in the payments table and the top suppliers' chart and table; the service area in
    # its chart and table too.
    assert_page_shows(client.get(reverse("transparency:spending")).content.decode(), payload, PAYMENT_TEXT)
    supplier_page = reverse("transparency:supplier_detail", kwargs={"slug": payment.supplier_slug})
    assert_page_shows(client.get(supplier_page).content.decode(), payload, PAYMENT_TEXT)
