from decimal import Decimal

import factory

from budgeting.models import Project, Round
from tests.directory.factories import OrganisationFactory
from tests.factories import PlaceFactory, UserFactory, days_from_now


class RoundFactory(factory.django.DjangoModelFactory):
    """A round in its voting stage unless dates are given (or taking_proposals=True)."""

    class Meta:
        model = Round
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Cromer community fund {n}")
    slug = factory.Sequence(lambda n: f"cromer-community-fund-{n}")
    summary = "Local people decide how £10,000 is spent in Cromer."
    pot = Decimal("10000")
    max_project_cost = Decimal("6000")
    method = Round.Method.KNAPSACK
    proposals_open = days_from_now(-60)
    checking_starts = days_from_now(-30)
    voting_opens = days_from_now(-1)
    voting_closes = days_from_now(14)

    class Params:
        # Taking proposals now; checking, then voting, in the days that follow.
        taking_proposals = factory.Trait(
            proposals_open=days_from_now(-1),
            checking_starts=days_from_now(1),
            voting_opens=days_from_now(2),
            voting_closes=days_from_now(3),
        )

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


def proposal_form(organisation, place, **fields) -> dict:
    """The form a group's member fills in to propose (or change) a project: benches for £100 unless told otherwise."""
    return {
        "title": "Benches",
        "description": "Benches.",
        "cost": "100",
        "place": place.pk,
        "organisation": organisation.pk,
        **fields,
    }


def funded_project(*, title: str = "Benches on the seafront", **round_fields) -> Project:
    """A project that won its round: voting closed, a vote for it, the results published (so its delivery has
    started, planned)."""
    from budgeting.models import Ballot, BallotChoice
    from budgeting.services import round_publish_results

    budget_round = RoundFactory(
        proposals_open=days_from_now(-60),
        checking_starts=days_from_now(-40),
        voting_opens=days_from_now(-30),
        voting_closes=days_from_now(-1),
        **round_fields,
    )
    project = ProjectFactory(round=budget_round, title=title)
    ProjectFactory(round=budget_round, title=f"Not chosen instead of {title}")  # no votes: not funded
    ballot = Ballot.objects.create(round=budget_round, voter_key=f"voter-for-{project.pk}")
    BallotChoice.objects.create(ballot=ballot, project=project)
    round_publish_results(round=budget_round, by=None)
    project.refresh_from_db()
    return project
