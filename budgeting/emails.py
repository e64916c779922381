"""The emails participatory budgeting sends, each queued through the notifications outbox in the caller's
transaction."""

from __future__ import annotations

from budgeting.models import Ballot, Delivery, Project, Round
from localism.dates import long_date
from localism.links import absolute_reverse, absolute_url
from notifications.services import Audience, email


def project_checked(*, project: Project, accepted: bool) -> None:
    """The proposer: staff accepted or declined their project (with the reason)."""
    email(
        "budgeting.project_checked",
        project.pk,
        project.checked_at.isoformat(),
        to=Audience.person(project.proposer_id, "you proposed this project"),
        context={
            "title": f"Your project “{project.title}” was {'accepted' if accepted else 'declined'}",
            "project_title": project.title,
            "round_title": project.round.title,
            "accepted": accepted,
            "decline_reason": project.decline_reason,
            "url": absolute_url(project.get_absolute_url()),
        },
    )


def ballot_receipt(*, round: Round, user, ballot: Ballot) -> None:
    """A receipt that the vote was recorded. It does not list the choices: the outbox row names the
    person, and nobody, staff included, may be able to read who voted for what."""
    email(
        "budgeting.ballot_receipt",
        ballot.pk,
        ballot.updated_at.isoformat(),
        to=Audience.person(user.pk, "you voted in this round"),
        context={
            "title": f"Your vote in {round.title} is recorded",
            "round_title": round.title,
            "recorded_at": long_date(ballot.updated_at),
            "voting_closes": long_date(round.voting_closes),
            "url": absolute_reverse("budgeting:vote_done", slug=round.slug),
        },
    )


def project_completed(*, delivery: Delivery) -> None:
    """People following the project or its round: a project residents chose is complete."""
    from notifications.selectors import followers_of

    project = delivery.project
    email(
        "budgeting.project_completed",
        project.pk,
        to=Audience(followers_of(project, project.round), "you follow this project or its budgeting round"),
        context={
            "title": f"Done: {project.title}",
            "project_title": project.title,
            "round_title": project.round.title,
            "completed_on": long_date(delivery.completed_on),
            "note": delivery.status_note,
            "url": absolute_url(delivery.get_absolute_url()),
        },
    )
