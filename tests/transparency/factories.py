import datetime
from decimal import Decimal

import factory
from django.utils import timezone

from tests.factories import UserFactory, council_named, days_from_today
from transparency.imports import dedup_key, supplier_slug
from transparency.models import (
    AssetNomination,
    ChallengeWindow,
    Contract,
    Decision,
    ExpressionOfInterest,
    Grant,
    Notice,
    SpendingRecord,
    add_months,
)


class SpendingRecordFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SpendingRecord

    body_name = "Norfolk County Council"
    organisational_unit = "Adult Social Care"
    beneficiary_name = factory.Sequence(lambda n: f"Supplier {n} Ltd")
    supplier_slug = factory.LazyAttribute(lambda o: supplier_slug(o.beneficiary_name))
    payment_date = datetime.date(2025, 5, 14)
    amount = Decimal("1250.00")
    purpose = "Home care hours"
    transaction_number = factory.Sequence(lambda n: f"T{n:06d}")
    expense_type = "Home care"
    service_area = "Adult Social Services"
    dedup_key = factory.LazyAttribute(lambda o: dedup_key(o.body_name, o.transaction_number, o.amount))


class ContractFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Contract

    reference = factory.Sequence(lambda n: f"NCC-2025-{n:04d}")
    title = factory.Sequence(lambda n: f"Contract {n}")
    department = "Adult Social Services"
    supplier_name = "Wensum Care Services Ltd"
    value = Decimal("25000.00")
    start_date = datetime.date(2025, 4, 1)
    dedup_key = factory.LazyAttribute(lambda o: dedup_key("contract", o.reference))


class GrantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Grant

    identifier = factory.Sequence(lambda n: f"360G-norfolkcc-cg-{n}")
    title = "Warm spaces"
    description = "Volunteers running warm spaces."
    amount_awarded = Decimal("5000.00")
    award_date = datetime.date(2025, 10, 14)
    recipient_org_identifier = "GB-CHC-1110817"
    recipient_org_name = "Norfolk Community Foundation"
    funding_org_identifier = "GB-LAE-NFK"
    funding_org_name = "Norfolk County Council"
    dedup_key = factory.LazyAttribute(lambda o: dedup_key(o.identifier))


class DecisionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Decision

    title = factory.Sequence(lambda n: f"Decision number {n}")
    slug = factory.Sequence(lambda n: f"decision-number-{n}")
    decision_date = datetime.date(2026, 2, 10)
    decision_maker = "Cabinet"
    summary = "Cabinet agreed the **new** opening hours."


class NoticeFactory(factory.django.DjangoModelFactory):
    """A general notice from Cromer Town Council, published today; pass kind=MEETING with meeting_at."""

    class Meta:
        model = Notice

    council = council_named("cromer-town-council")
    kind = Notice.Kind.GENERAL
    title = factory.Sequence(lambda n: f"Notice number {n}")
    slug = factory.Sequence(lambda n: f"notice-number-{n}")
    body = "The council gives **notice** of this."
    published_on = factory.LazyFunction(timezone.localdate)


class AssetNominationFactory(factory.django.DjangoModelFactory):
    """A nomination awaiting a decision; pass status=LISTED/NOT_LISTED for a decided one."""

    class Meta:
        model = AssetNomination

    reference = factory.Sequence(lambda n: f"ACV-2026-{n + 1:04d}")
    asset_name = factory.Sequence(lambda n: f"The Plough {n}")
    description = "The pub and its garden."
    address = "1 The Street, Cromer"
    postcode = "NR27 9AB"
    owners = "Not known"
    community_value = "The village's meeting place."
    body_name = "Cromer Town Council"
    body_kind = AssetNomination.BodyKind.PARISH_COUNCIL
    local_connection = "Cromer's own council."
    eligibility_evidence = "A parish council."
    nominated_by = factory.SubFactory(UserFactory)
    decision_due = days_from_today(7 * 8)

    @factory.lazy_attribute
    def decided_on(self):
        return None if self.status == AssetNomination.Status.SUBMITTED else timezone.localdate()

    @factory.lazy_attribute
    def entry_ends_on(self):
        return None if self.decided_on is None else add_months(self.decided_on, 60)

    @factory.lazy_attribute
    def reasons(self):
        return "It was not used for community purposes." if self.status == AssetNomination.Status.NOT_LISTED else ""

    @factory.lazy_attribute
    def council(self):
        """North Norfolk's, where the reference data is loaded (NR27 is in North Norfolk)."""
        from localism.models import Council

        return Council.objects.filter(slug="north-norfolk-district-council").first()

    status = AssetNomination.Status.SUBMITTED


class ChallengeWindowFactory(factory.django.DjangoModelFactory):
    """A Community Right to Challenge window, open now."""

    class Meta:
        model = ChallengeWindow

    title = factory.Sequence(lambda n: f"Libraries window {n}")
    services = "Branch libraries"
    opens_on = days_from_today(-1)
    closes_on = days_from_today(30)


class ExpressionOfInterestFactory(factory.django.DjangoModelFactory):
    """An expression of interest awaiting a decision."""

    class Meta:
        model = ExpressionOfInterest

    window = factory.SubFactory(ChallengeWindowFactory)
    reference = factory.Sequence(lambda n: f"RTC-2026-{n + 1:04d}")
    body_name = "Holt Community Library Trust"
    body_kind = ExpressionOfInterest.BodyKind.CHARITABLE_TRUST
    service = "Holt branch library"
    area = "Holt"
    financial_resources = "Reserves of £40,000."
    capability = "Experienced volunteers."
    outcomes_for_users = "Saturday opening."
    outcomes_for_wellbeing = "A warm space."
    submitted_by = factory.SubFactory(UserFactory)


# What a group sends on the nomination form: an eligible body's complete nomination.
NOMINATION_FORM = {
    "asset_name": "The Red Lion",
    "address": "12 Church Street, Cromer",
    "postcode": "NR27 9AB",
    "description": "The pub.",
    "owners": "Not known",
    "community_value": "The last pub.",
    "body_name": "Cromer Town Council",
    "body_kind": "parish_council",
    "local_connection": "Cromer's council.",
    "eligibility_evidence": "A parish council.",
    "confirm_eligible": "on",
}


# What a body sends on the Right to Challenge form: a complete expression of interest.
EXPRESSION_FORM = {
    "body_name": "Holt Community Library Trust",
    "body_kind": "charitable_trust",
    "service": "Holt branch library",
    "area": "Holt",
    "financial_resources": "Reserves of £40,000.",
    "capability": "Experienced volunteers.",
    "outcomes_for_users": "Saturday opening.",
    "outcomes_for_wellbeing": "A warm space.",
}


def decide_nomination(nomination, *, by, is_listed: bool = True, reasons: str = ""):
    """Staff decide a nomination today, through the service."""
    from transparency.services import nomination_decide

    return nomination_decide(
        nomination=nomination, is_listed=is_listed, reasons=reasons, decided_on=timezone.localdate(), by=by
    )


def assert_another_councils_decision_is_refused(client, url: str, field: str, linked) -> None:
    """Staff send Breckland's decision in `field` of the admin form at `url`: the form refuses the choice and
    `linked` (an outcome's action, a project's delivery) stays without a decision."""
    from tests.admin_forms import admin_form_of, assert_choice_refused
    from tests.factories import council

    breckland = DecisionFactory(council=council("breckland-council"))

    assert_choice_refused(client.post(url, admin_form_of(client, url) | {field: breckland.pk}))
    linked.refresh_from_db()
    assert linked.decision is None
