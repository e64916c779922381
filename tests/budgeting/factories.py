from datetime import timedelta
from decimal import Decimal

import factory
from django.utils import timezone

from budgeting.models import Project, Round
from tests.directory.factories import OrganisationFactory
from tests.factories import PlaceFactory, UserFactory


class RoundFactory(factory.django.DjangoModelFactory):
    """A round in its voting stage unless dates are given."""

    class Meta:
        model = Round
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Cromer community fund {n}")
    slug = factory.Sequence(lambda n: f"cromer-community-fund-{n}")
    summary = "Local people decide how £10,000 is spent in Cromer."
    pot = Decimal("10000")
    max_project_cost = Decimal("6000")
    method = Round.Method.KNAPSACK
    proposals_open = factory.LazyFunction(lambda: timezone.now() - timedelta(days=60))
    checking_starts = factory.LazyFunction(lambda: timezone.now() - timedelta(days=30))
    voting_opens = factory.LazyFunction(lambda: timezone.now() - timedelta(days=1))
    voting_closes = factory.LazyFunction(lambda: timezone.now() + timedelta(days=14))

    @factory.post_generation
    def places(self, create, extracted, **kwargs):
        if create:
            self.places.set(extracted or [])


class ProjectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Project

    round = factory.SubFactory(RoundFactory)
    title = factory.Sequence(lambda n: f"Project {n}")
    description = "Benches along the seafront."
    cost = Decimal("2000")
    place = factory.SubFactory(PlaceFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    proposer = factory.SubFactory(UserFactory)
    status = Project.Status.ACCEPTED
