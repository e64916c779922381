from datetime import timedelta

import factory
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from events.models import Event, Registration
from localism.models import Council, Surgery
from tests.factories import CouncillorFactory, SurgeryFactory, UserFactory


def _cromer():
    return Council.objects.get(slug="cromer-town-council")


class EventFactory(factory.django.DjangoModelFactory):
    """A published surgery of a Cromer town councillor with sign-up, next week (needs the reference data)."""

    class Meta:
        model = Event
        exclude = ["surgery"]

    surgery = factory.SubFactory(
        SurgeryFactory, councillor=factory.SubFactory(CouncillorFactory, council=factory.LazyFunction(_cromer))
    )
    kind = Event.Kind.SURGERY
    content_type = factory.LazyFunction(lambda: ContentType.objects.get_for_model(Surgery))
    object_id = factory.LazyAttribute(lambda o: o.surgery.pk)
    council = factory.LazyAttribute(lambda o: o.surgery.councillor.council)
    title = factory.Sequence(lambda n: f"Surgery number {n}")
    starts_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=7))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + timedelta(hours=1))
    venue = "Cromer Library, Prince of Wales Road"
    capacity = 2
    is_published = True


class RegistrationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Registration

    event = factory.SubFactory(EventFactory)
    user = factory.SubFactory(UserFactory)
    status = Registration.Status.CONFIRMED
    confirmed_at = factory.LazyFunction(timezone.now)
