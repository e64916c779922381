"""Writes for participatory budgeting: proposing, checking, voting, paper tallies and results."""

from __future__ import annotations

import hashlib
import hmac
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Q, Sum
from django.utils import timezone

from budgeting import emails
from budgeting.counting import Tally, allocate
from budgeting.models import Ballot, BallotChoice, PaperTally, Project, Round
from localism.audit import audit_record


def voter_key(round: Round, user) -> str:
    """The key a person's ballot is filed under: the same for them every time, meaningless to anyone else."""
    message = f"budgeting.ballot:{round.pk}:{user.pk}".encode()
    return hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).hexdigest()


@transaction.atomic
def project_propose(*, round: Round, by, **fields) -> Project:
    project = Project(round=round, proposer=by, **fields)
    project.full_clean()
    project.save()
    audit_record(action="budgeting.project.proposed", actor=by, target=project)
    return project


@transaction.atomic
def project_update(*, project: Project, by, **fields) -> Project:
    for name, value in fields.items():
        setattr(project, name, value)
    project.full_clean()
    project.save()
    audit_record(action="budgeting.project.changed", actor=by, target=project, data={"fields": sorted(fields)})
    return project


@transaction.atomic
def project_check(*, project: Project, by, accept: bool, reason: str = "") -> Project:
    """Staff accept a proposal, or decline it with a reason the proposer sees (and is emailed)."""
    if not accept and not reason.strip():
        raise ValidationError({"decline_reason": "Give the reason the project is declined."})
    project.status = Project.Status.ACCEPTED if accept else Project.Status.DECLINED
    project.decline_reason = "" if accept else reason.strip()
    project.checked_by = by
    project.checked_at = timezone.now()
    project.save(update_fields=["status", "decline_reason", "checked_by", "checked_at"])
    audit_record(
        action="budgeting.project.accepted" if accept else "budgeting.project.declined",
        actor=by,
        target=project,
        data={} if accept else {"reason": project.decline_reason},
    )
    emails.project_checked(project=project, accepted=accept)
    return project


@transaction.atomic
def ballot_cast(*, round: Round, user, project_ids: list[int]) -> Ballot:
    """Record (or replace) a person's ballot, refusing one over the pot or over the limit."""
    chosen = list(Project.objects.filter(round=round, status=Project.Status.ACCEPTED, pk__in=set(project_ids)))
    if not project_ids:
        raise ValidationError("Choose at least one project.")
    if len(chosen) != len(set(project_ids)):
        raise ValidationError("One of the projects you chose is not in this vote.")
    total = sum((p.cost for p in chosen), Decimal("0"))
    if round.method == Round.Method.KNAPSACK and total > round.pot:
        raise ValidationError(
            f"Your choices cost £{total:,.0f}, more than the £{round.pot:,.0f} available. "
            "Remove a project and try again."
        )
    if round.method == Round.Method.APPROVAL and len(chosen) > (round.approval_limit or 0):
        raise ValidationError(
            f"You chose {len(chosen)} projects; you can choose up to {round.approval_limit}. "
            "Remove some and try again."
        )
    ballot, _ = Ballot.objects.select_for_update().get_or_create(round=round, voter_key=voter_key(round, user))
    ballot.choices.all().delete()
    BallotChoice.objects.bulk_create([BallotChoice(ballot=ballot, project=p) for p in chosen])
    ballot.save(update_fields=["updated_at"])
    emails.ballot_receipt(round=round, user=user, ballot=ballot)
    return ballot


def ballot_of(round: Round, user) -> list[int]:
    """The project ids in this person's ballot (empty if they have not voted)."""
    return list(
        BallotChoice.objects.filter(ballot__round=round, ballot__voter_key=voter_key(round, user)).values_list(
            "project_id", flat=True
        )
    )


@transaction.atomic
def paper_tally_enter(*, round: Round, project: Project, votes: int, event: str, by) -> PaperTally:
    if project.round_id != round.pk or project.status != Project.Status.ACCEPTED:
        raise ValidationError("Paper votes can only be entered for projects accepted in this round.")
    tally = PaperTally.objects.create(round=round, project=project, votes=votes, event=event, entered_by=by)
    audit_record(action="budgeting.paper_tally.entered", actor=by, target=tally, data={"votes": votes, "event": event})
    return tally


def round_count(round: Round) -> list[Tally]:
    """Online and paper votes for every accepted project: three queries, whatever the number of ballots."""
    projects = list(Project.objects.filter(round=round, status=Project.Status.ACCEPTED).order_by("id"))
    ids = [p.pk for p in projects]
    online = dict(
        BallotChoice.objects.filter(project_id__in=ids)
        .values("project_id")
        .annotate(total=Count("id"))
        .values_list("project_id", "total")
    )
    paper = dict(
        PaperTally.objects.filter(project_id__in=ids)
        .values("project_id")
        .annotate(total=Sum("votes"))
        .values_list("project_id", "total")
    )
    return [
        Tally(
            project_id=p.pk,
            title=p.title,
            cost=p.cost,
            proposed_at=p.created_at,
            online_votes=online.get(p.pk, 0),
            paper_votes=paper.get(p.pk, 0),
        )
        for p in projects
    ]


@transaction.atomic
def round_publish_results(*, round: Round, by) -> dict:
    """Close the count and publish it (once voting has closed)."""
    round = Round.objects.select_for_update().get(pk=round.pk)
    if timezone.now() < round.voting_closes:
        raise ValidationError("Results can be published only after voting closes.")
    outcomes = allocate(round_count(round), round.pot)
    ballots = Ballot.objects.filter(round=round).aggregate(
        n=Count("id", filter=Q(choices__isnull=False), distinct=True)
    )
    round.results = {
        "online_ballots": ballots["n"],
        "paper_votes": PaperTally.objects.filter(round=round).aggregate(n=Sum("votes"))["n"] or 0,
        "projects": [
            {
                "id": o.tally.project_id,
                "title": o.tally.title,
                "cost": str(o.tally.cost),
                "online_votes": o.tally.online_votes,
                "paper_votes": o.tally.paper_votes,
                "votes": o.tally.votes,
                "funded": o.funded,
                "remaining_after": str(o.remaining_after),
            }
            for o in outcomes
        ],
        "spent": str(sum((o.tally.cost for o in outcomes if o.funded), Decimal("0"))),
    }
    round.results_published_at = timezone.now()
    round.save(update_fields=["results", "results_published_at"])
    audit_record(action="budgeting.round.results_published", actor=by, target=round)
    return round.results
