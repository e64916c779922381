"""Who may propose, edit, see and vote: personas × round stages, asked through `has_perm` as every layer asks."""

from datetime import timedelta

import pytest
from django.utils import timezone

from budgeting.models import Project
from localism.models import Place
from tests.budgeting.factories import ProjectFactory, RoundFactory
from tests.factories import PostcodeFactory
from tests.permission_matrix import EVERYONE, who_may

pytestmark = pytest.mark.django_db


def stage_dates(stage: str) -> dict:
    """The round's dates that put it in this stage now."""
    now = timezone.now()
    days = {"proposals": (-1, 10, 20, 30), "checking": (-20, -1, 10, 20), "voting": (-30, -20, -1, 14)}
    days["counting"] = (-40, -30, -20, -1)
    names = ("proposals_open", "checking_starts", "voting_opens", "voting_closes")
    return {name: now + timedelta(days=d) for name, d in zip(names, days[stage], strict=True)}


@pytest.fixture
def people(personas, reference_data):
    """The personas, the resident and the group owner living in Cromer (so eligible to vote there)."""
    PostcodeFactory(in_cromer=True)
    for name in ("resident", "owner"):
        personas[name].home_postcode = "NR27 9AB"
        personas[name].save()
    return personas


# Stage: who may propose a project, who may vote, who may change the owner's proposal.
STAGE_MATRIX = {
    "proposals": ({"owner", "other group"}, set(), {"owner"}),
    "checking": (set(), set(), set()),
    "voting": (set(), {"resident", "owner"}, set()),
    "counting": (set(), set(), set()),
}


@pytest.mark.parametrize("stage", list(STAGE_MATRIX))
def test_every_round_permission_for_every_persona(people, stage):
    round = RoundFactory(places=[Place.objects.get(slug="cromer")], **stage_dates(stage))
    proposal = ProjectFactory(round=round, proposer=people["owner"], status=Project.Status.SUBMITTED)

    got = (
        who_may(people, "budgeting.propose_project", round),
        who_may(people, "budgeting.vote_in_round", round),
        who_may(people, "budgeting.edit_project", proposal),
    )
    assert got == STAGE_MATRIX[stage]


@pytest.mark.parametrize(
    ("status", "who_sees"),
    [
        (Project.Status.ACCEPTED, EVERYONE),
        (Project.Status.SUBMITTED, {"owner", "staff"}),
        (Project.Status.DECLINED, {"owner", "staff"}),
    ],
)
def test_who_sees_a_project(people, status, who_sees):
    extra = {"decline_reason": "Over the limit."} if status == Project.Status.DECLINED else {}
    project = ProjectFactory(proposer=people["owner"], status=status, **extra)

    assert who_may(people, "budgeting.see_project", project) == who_sees
    # The public see exactly the projects the round page, the search and the sitemap list.
    assert ("anonymous" in who_sees) == Project.objects.filter(status=Project.Status.ACCEPTED, pk=project.pk).exists()
