import factory

from localism.models import Council
from partnerships.models import Action, Meeting, Member, Partnership, Priority, PriorityUpdate, Sector
from tests.factories import days_from_now, days_from_today


def county_council() -> Council:
    council, _ = Council.objects.get_or_create(
        slug="norfolk-county-council", defaults={"name": "Norfolk County Council", "tier": Council.Tier.COUNTY}
    )
    return council


class PartnershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Partnership

    name = factory.Sequence(lambda n: f"Community Partnership {n}")
    slug = factory.Sequence(lambda n: f"community-partnership-{n}")
    council = factory.LazyFunction(county_council)
    summary = "Public bodies, business, charities and residents agreeing local priorities."
    is_published = True


class MemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Member

    partnership = factory.SubFactory(PartnershipFactory)
    sector = Sector.RESIDENTS
    name = factory.Sequence(lambda n: f"Member {n}")
    joined_on = days_from_today(-30)


class PriorityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Priority

    partnership = factory.SubFactory(PartnershipFactory)
    title = factory.Sequence(lambda n: f"Priority {n}")


class PriorityUpdateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PriorityUpdate

    priority = factory.SubFactory(PriorityFactory)
    status = "on_track"
    note = "Going well."


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meeting

    partnership = factory.SubFactory(PartnershipFactory)
    title = "Partnership board"
    starts_at = days_from_now(-7)
    location = "Council offices"


class ActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Action

    partnership = factory.SubFactory(PartnershipFactory)
    description = factory.Sequence(lambda n: f"Action {n}")
    owner = "The chair"
    due_on = days_from_today(30)
