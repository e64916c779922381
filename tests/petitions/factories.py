import factory

from petitions.models import Petition
from tests.factories import UserFactory, council_named, days_from_now


class PetitionFactory(factory.django.DjangoModelFactory):
    """An open petition to Norfolk County Council (its scheme is loaded by the `scheme` fixture)."""

    class Meta:
        model = Petition

    title = factory.Sequence(lambda n: f"Keep the library open on Saturdays {n}")
    action = "Keep Cromer library open on Saturday afternoons."
    background = "Families who work in the week use it then."
    council = council_named("norfolk-county-council")
    creator = factory.SubFactory(UserFactory)
    status = Petition.Status.OPEN
    opened_at = days_from_now(-1)
    closes_at = days_from_now(7 * 12)
