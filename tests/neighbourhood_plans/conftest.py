import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from devtools.demo.neighbourhood_plans import plan_move_on
from localism.models import Council, Place
from neighbourhood_plans import services
from neighbourhood_plans.models import NeighbourhoodPlan, Stage
from tests.factories import PlaceFactory


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
        plan_move_on(
            plan,
            to=stage,
            by=moderator,
            start=start,
            days=(30, 80, 100, 150, 300, 330),
            referendum=(Decimal("31.5"), Decimal(yes)),
            consultation_url=reverse("consultations:detail", kwargs={"slug": "draft-plan"}),
        )
        return NeighbourhoodPlan.objects.get(pk=plan.pk)

    return make
