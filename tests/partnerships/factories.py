import datetime

import factory
from django.utils import timezone

from localism.models import Council
from partnerships.models import Action, Meeting, Member, Partnership, Priority, PriorityUpdate, Sector


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
    joined_on = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=30))


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
    starts_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=7))
    location = "Council offices"


class ActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Action

    partnership = factory.SubFactory(PartnershipFactory)
    description = factory.Sequence(lambda n: f"Action {n}")
    owner = "The chair"
    due_on = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=30))
