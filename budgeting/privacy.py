"""What participatory budgeting holds about a person, for their data download and for deleting their account.

A ballot names no voter: it is filed under a keyed hash of (round, person) (see
budgeting.services.voter_key), which only the portal, asked by that person, can work out.
So a person's ballots are their data: the download holds them, found the same way the
round page finds "your choices". Deleting the account files each ballot under a random
key instead: the vote stays counted, and nobody, the portal included, can find it again.
Projects they proposed are public contributions and stay, proposed by the "Former participant".
"""

from __future__ import annotations

import secrets

from django.db.models import Prefetch

from accounts.privacy import iso, rows
from budgeting.models import Ballot, BallotChoice, PaperTally, Project, Round
from budgeting.services import voter_key

# What export and erase cover: the fields that link to a person or hold their address (accounts.checks
# refuses a model field that may hold personal data and that no registration names).
COVERS = {
    Project: ["proposer", "checked_by"],
    PaperTally: ["entered_by"],
    # No link to a person: found through the keyed hash (see budgeting.privacy).
    Ballot: ["voter_key"],
}


def _ballots_of(user) -> list[Ballot]:
    """The person's ballots in every round: one query for the rounds, one for ballots, one for choices."""
    rounds = {voter_key(r, user): r for r in Round.objects.only("pk", "title")}
    ballots = Ballot.objects.filter(voter_key__in=list(rounds)).prefetch_related(
        Prefetch("choices", queryset=BallotChoice.objects.select_related("project").order_by("project_id"))
    )
    found = []
    for ballot in ballots:
        round = rounds[ballot.voter_key]
        if ballot.round_id == round.pk:
            ballot.round = round
            found.append(ballot)
    return found


def export(user) -> dict:
    return {
        "projects_proposed": [
            {
                "round": p.round.title,
                "title": p.title,
                "description": p.description,
                "cost": str(p.cost),
                "place": p.place.name,
                "organisation": p.organisation.name,
                "image_description": p.image_description,
                "status": p.get_status_display(),
                "decline_reason": p.decline_reason,
                "proposed": iso(p.created_at),
            }
            for p in Project.objects.filter(proposer=user).select_related("round", "place", "organisation")
        ],
        "ballots": [
            {
                "round": ballot.round.title,
                "chosen_projects": [choice.project.title for choice in ballot.choices.all()],
                "cast": iso(ballot.created_at),
                "last_changed": iso(ballot.updated_at),
            }
            for ballot in _ballots_of(user)
        ],
        "as_staff": {
            "projects_checked": rows(
                Project.objects.filter(checked_by=user), "status", project="title", checked="checked_at"
            ),
            "paper_tallies_entered": rows(
                PaperTally.objects.filter(entered_by=user),
                "votes",
                "event",
                project="project__title",
                entered="entered_at",
            ),
        },
    }


def erase(user) -> None:
    """Ballots stay counted under a random key."""
    for ballot in _ballots_of(user):
        # update() leaves updated_at alone: a change at the moment of deletion would point at the ballot.
        Ballot.objects.filter(pk=ballot.pk).update(voter_key=secrets.token_hex(32))
