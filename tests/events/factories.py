from datetime import timedelta

import factory
from django.contrib.contenttypes.models import ContentType

from events.models import Event
from localism.models import Surgery
from tests.factories import CouncillorFactory, SurgeryFactory, council_named, days_from_now


class EventFactory(factory.django.DjangoModelFactory):
    """A published surgery of a Cromer town councillor with sign-up, next week (needs the reference data)."""

    class Meta:
        model = Event
        exclude = ["surgery"]

    kind = Event.Kind.SURGERY
    capacity = 2
    is_published = True
    title = factory.Sequence(lambda n: f"Surgery number {n}")
    venue = "Cromer Library, Prince of Wales Road"
    starts_at = days_from_now(7)
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + timedelta(hours=1))
    content_type = factory.LazyFunction(lambda: ContentType.objects.get_for_model(Surgery))
    object_id = factory.LazyAttribute(lambda o: o.surgery.pk)
    council = factory.LazyAttribute(lambda o: o.surgery.councillor.council)
    surgery = factory.SubFactory(
        SurgeryFactory, councillor=factory.SubFactory(CouncillorFactory, council=council_named("cromer-town-council"))
    )
