"""Stage rules of neighbourhood plans: no stage skipped, a consultation of at least 6 weeks, a referendum
with its date, turnout and yes share (0 to 100), and a plan made only after a yes; each step audited and
emailed to the people who follow the plan or its area."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from localism.models import AuditEntry, Council, Place
from neighbourhood_plans import services
from neighbourhood_plans.models import NeighbourhoodPlan, Stage
from notifications.models import Notification
from notifications.services import subscription_follow
from tests.factories import PlaceFactory

pytestmark = pytest.mark.django_db


def test_a_consultation_shorter_than_six_weeks_is_refused(make_plan, moderator):
    plan = make_plan()
    opens = plan.designated_on + datetime.timedelta(days=1)
    with pytest.raises(ValidationError, match="at least 6 weeks"):
        services.plan_open_consultation(
            plan=plan, by=moderator, opens_on=opens, closes_on=opens + datetime.timedelta(days=41)
        )
    assert NeighbourhoodPlan.objects.get(pk=plan.pk).stage == Stage.DESIGNATED
    plan = services.plan_open_consultation(
        plan=plan, by=moderator, opens_on=opens, closes_on=opens + datetime.timedelta(days=42)
    )
    assert plan.stage == Stage.PRE_SUBMISSION


def test_the_database_refuses_a_short_consultation_too(make_plan):
    plan = make_plan(Stage.PRE_SUBMISSION)
    with pytest.raises(IntegrityError), transaction.atomic():
        NeighbourhoodPlan.objects.filter(pk=plan.pk).update(consultation_closes=plan.consultation_opens)


@pytest.mark.parametrize(
    ("stage", "step"),
    [
        (Stage.DESIGNATED, "submit"),
        (Stage.DESIGNATED, "referendum"),
        (Stage.PRE_SUBMISSION, "examination"),
        (Stage.SUBMITTED, "make"),
        (Stage.EXAMINATION, "make"),
        (Stage.MADE, "referendum"),
    ],
)
def test_no_stage_can_be_skipped(make_plan, moderator, stage, step):
    plan = make_plan(stage)
    today = timezone.localdate()
    calls = {
        "submit": lambda: services.plan_submit(plan=plan, by=moderator, submitted_on=today),
        "examination": lambda: services.plan_start_examination(plan=plan, by=moderator, starts_on=today),
        "referendum": lambda: services.plan_record_referendum(
            plan=plan, by=moderator, held_on=today, turnout=Decimal(30), yes_share=Decimal(70)
        ),
        "make": lambda: services.plan_make(plan=plan, by=moderator, made_on=today),
    }
    with pytest.raises(ValidationError):
        calls[step]()
    assert NeighbourhoodPlan.objects.get(pk=plan.pk).stage == stage


@pytest.mark.parametrize(
    ("held_on", "turnout", "yes_share", "message"),
    [
        (None, Decimal(30), Decimal(70), "Enter the date of the referendum"),
        ("today", None, Decimal(70), "Enter the turnout"),
        ("today", Decimal(30), None, "Enter the share voting yes"),
        ("today", Decimal("100.01"), Decimal(70), "turnout must be between 0 and 100"),
        ("today", Decimal(30), Decimal(-1), "share voting yes must be between 0 and 100"),
    ],
)
def test_a_referendum_needs_its_date_and_figures_from_0_to_100(
    make_plan, moderator, held_on, turnout, yes_share, message
):
    plan = make_plan(Stage.EXAMINATION)
    with pytest.raises(ValidationError, match=message):
        services.plan_record_referendum(
            plan=plan,
            by=moderator,
            held_on=timezone.localdate() if held_on == "today" else held_on,
            turnout=turnout,
            yes_share=yes_share,
        )
    plan.refresh_from_db()
    assert plan.stage == Stage.EXAMINATION and plan.turnout is None


def test_a_plan_the_referendum_did_not_support_cannot_be_made(make_plan, moderator):
    plan = make_plan(Stage.REFERENDUM, yes=50)
    assert plan.status_label == "Referendum held: not supported"
    with pytest.raises(ValidationError, match="more than half"):
        services.plan_make(plan=plan, by=moderator, made_on=timezone.localdate())
    assert not moderator.has_perm("neighbourhood_plans.make_plan", plan)
    assert NeighbourhoodPlan.objects.get(pk=plan.pk).stage == Stage.REFERENDUM


def test_only_a_parish_or_town_in_its_district_can_be_designated(reference_data, moderator):
    norwich = Council.objects.get(slug="norwich-city-council")
    parish = PlaceFactory(name="Felmingham", kind=Place.Kind.PARISH, parent=Place.objects.get(slug="north-norfolk"))
    with pytest.raises(ValidationError, match="district council whose area includes Felmingham"):
        services.plan_designate(
            by=moderator,
            area=parish,
            council=norwich,
            name="Felmingham Plan",
            qualifying_body="Felmingham Parish Council",
            designated_on=timezone.localdate(),
        )
    assert not NeighbourhoodPlan.objects.exists()


def test_each_stage_is_audited_and_emailed_to_followers_of_the_plan_and_the_area(
    make_plan, moderator, resident, other_resident
):
    plan = make_plan(Stage.EXAMINATION)
    subscription_follow(user=resident, target=plan)
    subscription_follow(user=other_resident, target=plan.area)
    plan = services.plan_record_referendum(
        plan=plan, by=moderator, held_on=timezone.localdate(), turnout=Decimal("28.4"), yes_share=Decimal("88.2")
    )
    assert AuditEntry.objects.filter(action="neighbourhood_plans.plan.referendum", target_id=str(plan.pk)).exists()
    sent = Notification.objects.filter(event__key=f"neighbourhood_plans.referendum:{plan.pk}")
    assert set(sent.values_list("recipient__email", flat=True)) == {resident.email, other_resident.email}
    assert "turnout 28.4%, 88.2% voted yes" in sent.first().event.context["lines"][0]
    event = sent.first().event
    assert event.reason == f"You are getting this because you follow {plan.area.name} or its neighbourhood plan."
    assert not event.is_transactional
    assert list(AuditEntry.objects.filter(target_id=str(plan.pk)).order_by("pk").values_list("action", flat=True)) == [
        "neighbourhood_plans.plan.designated",
        "neighbourhood_plans.plan.consultation_opened",
        "neighbourhood_plans.plan.submitted",
        "neighbourhood_plans.plan.examination_started",
        "neighbourhood_plans.plan.referendum",
    ]
