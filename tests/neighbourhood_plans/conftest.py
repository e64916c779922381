import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from localism.models import Council, Place
from neighbourhood_plans import services
from neighbourhood_plans.models import NeighbourhoodPlan, Stage
from tests.factories import PlaceFactory

ORDER = [Stage.DESIGNATED, Stage.PRE_SUBMISSION, Stage.SUBMITTED, Stage.EXAMINATION, Stage.REFERENDUM, Stage.MADE]


@pytest.fixture
def make_plan(reference_data, moderator):
    """A parish's plan in a district, moved on to the stage asked for through the services."""

    def make(stage: str = Stage.DESIGNATED, *, parish: str = "Aldborough", district: str = "north-norfolk", yes=80):
        district_place = Place.objects.get(slug=district)
        area = PlaceFactory(name=parish, kind=Place.Kind.PARISH, parent=district_place)
        council = Council.objects.district_council_of(district_place).get()
        start = timezone.localdate() - datetime.timedelta(days=400)
        plan = services.plan_designate(
            by=moderator,
            area=area,
            council=council,
            name=f"{parish} Neighbourhood Plan",
            qualifying_body=f"{parish} Parish Council",
            designated_on=start,
        )
        steps = ORDER.index(stage)
        if steps >= 1:
            plan = services.plan_open_consultation(
                plan=plan,
                by=moderator,
                opens_on=start + datetime.timedelta(days=30),
                closes_on=start + datetime.timedelta(days=80),
                consultation_url=reverse("consultations:detail", kwargs={"slug": "draft-plan"}),
            )
        if steps >= 2:
            plan = services.plan_submit(plan=plan, by=moderator, submitted_on=start + datetime.timedelta(days=100))
        if steps >= 3:
            plan = services.plan_start_examination(
                plan=plan, by=moderator, starts_on=start + datetime.timedelta(days=150), examiner="A. Examiner"
            )
        if steps >= 4:
            plan = services.plan_record_referendum(
                plan=plan,
                by=moderator,
                held_on=start + datetime.timedelta(days=300),
                turnout=Decimal("31.5"),
                yes_share=Decimal(yes),
            )
        if steps >= 5:
            plan = services.plan_make(plan=plan, by=moderator, made_on=start + datetime.timedelta(days=330))
        return NeighbourhoodPlan.objects.get(pk=plan.pk)

    return make
