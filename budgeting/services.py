"""Writes for participatory budgeting: proposing, checking, voting (signed in, with a code, on paper) and results."""

from __future__ import annotations

import datetime
import hashlib
import hmac
import secrets
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, Sum
from django.utils import timezone

from budgeting import emails
from budgeting.counting import Tally, allocate
from budgeting.models import (
    DELIVERY_EXPECTED_WITHIN_DAYS,
    Ballot,
    BallotChoice,
    Delivery,
    DeliveryUpdate,
    PaperTally,
    Project,
    Round,
)
from localism.actions import ActionStatus
from localism.audit import audit_record
from localism.numbers import money
from participation_codes.services import code_use


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


def _checked_choices(round: Round, project_ids: list[int], *, whose: str = "Your choices") -> list[Project]:
    """The projects chosen, if the ballot keeps the round's rule (within the pot, or up to N projects)."""
    chosen = list(Project.objects.filter(round=round, status=Project.Status.ACCEPTED, pk__in=set(project_ids)))
    if not project_ids:
        raise ValidationError("Choose at least one project.")
    if len(chosen) != len(set(project_ids)):
        raise ValidationError("One of the projects you chose is not in this vote.")
    total = sum((p.cost for p in chosen), Decimal("0"))
    if round.method == Round.Method.KNAPSACK and total > round.pot:
        raise ValidationError(
            f"{whose} cost {money(total)}, more than the {money(round.pot)} available. Remove a project and try again."
        )
    if round.method == Round.Method.APPROVAL and len(chosen) > (round.approval_limit or 0):
        raise ValidationError(
            f"{whose}: {len(chosen)} projects; you can choose up to {round.approval_limit}. Remove some and try again."
        )
    return chosen


def _ballot_file(*, round: Round, chosen: list[Project], **fields) -> Ballot:
    """A ballot that nothing leads back to (a code or paper ballot): filed under a random key."""
    ballot = Ballot.objects.create(round=round, voter_key=secrets.token_hex(32), **fields)
    BallotChoice.objects.bulk_create([BallotChoice(ballot=ballot, project=p, channel=ballot.channel) for p in chosen])
    return ballot


@transaction.atomic
def ballot_cast(*, round: Round, user, project_ids: list[int]) -> Ballot:
    """Record (or replace) a person's ballot, refusing one over the pot or over the limit."""
    chosen = _checked_choices(round, project_ids)
    ballot, _ = Ballot.objects.select_for_update().get_or_create(round=round, voter_key=voter_key(round, user))
    ballot.choices.all().delete()
    BallotChoice.objects.bulk_create([BallotChoice(ballot=ballot, project=p) for p in chosen])
    ballot.save(update_fields=["updated_at"])
    emails.ballot_receipt(round=round, user=user, ballot=ballot)
    return ballot


@transaction.atomic
def ballot_cast_with_code(*, round: Round, code: str, project_ids: list[int]) -> Ballot:
    """A ballot cast with a one-time code instead of an account: the code is used up, and the ballot cannot
    be changed. A wrong, used or revoked code is refused with one message (CodeRefusedError), and nothing changes."""
    if round.stage() != Round.Stage.VOTING:
        raise ValidationError("Voting is not open for this round.")
    chosen = _checked_choices(round, project_ids)
    code_use(target=round, code=code)
    return _ballot_file(round=round, chosen=chosen, channel=Ballot.Channel.CODE)


@transaction.atomic
def paper_ballot_enter(*, round: Round, number: str, project_ids: list[int], by, code: str = "") -> Ballot:
    """Staff enter one paper ballot, checked against the round's rule and counted as a voter. Its ballot paper
    number is entered once per round; a code written on it is used up, so it cannot vote online too."""
    if round.results_published_at or round.stage() not in (Round.Stage.VOTING, Round.Stage.COUNTING):
        raise ValidationError("Paper ballots are entered from when voting opens until the results are published.")
    number = number.strip()
    if not number:
        raise ValidationError("Enter the ballot paper number.")
    chosen = _checked_choices(round, project_ids, whose="The choices on this ballot paper")
    already = f"Ballot paper {number} has already been entered. Each ballot paper counts once."
    if Ballot.objects.filter(round=round, channel=Ballot.Channel.PAPER, paper_number=number).exists():
        raise ValidationError(already)
    if code.strip():
        code_use(target=round, code=code)
    try:
        with transaction.atomic():
            ballot = _ballot_file(round=round, chosen=chosen, channel=Ballot.Channel.PAPER, paper_number=number)
    except IntegrityError:  # the same paper entered at the same moment by someone else
        raise ValidationError(already) from None
    audit_record(
        action="budgeting.paper_ballot.entered",
        actor=by,
        target=round,
        data={"paper_number": number, "with_code": bool(code.strip())},
    )
    return ballot


def ballot_of(round: Round, user) -> list[int]:
    """The project ids in this person's ballot (empty if they have not voted)."""
    return list(
        BallotChoice.objects.filter(ballot__round=round, ballot__voter_key=voter_key(round, user)).values_list(
            "project_id", flat=True
        )
    )


def round_count(round: Round) -> list[Tally]:
    """Votes for every accepted project by how they were cast, and the older per-project paper tallies
    apart: three queries, whatever the number of ballots."""
    projects = list(Project.objects.filter(round=round, status=Project.Status.ACCEPTED).order_by("id"))
    ids = [p.pk for p in projects]
    ballots: dict[tuple[int, str], int] = {
        (project_id, channel): total
        for project_id, channel, total in BallotChoice.objects.filter(project_id__in=ids)
        .values("project_id", "channel")
        .annotate(total=Count("id"))
        .values_list("project_id", "channel", "total")
    }
    tallied = dict(
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
            online_votes=ballots.get((p.pk, Ballot.Channel.ONLINE), 0),
            code_votes=ballots.get((p.pk, Ballot.Channel.CODE), 0),
            paper_votes=ballots.get((p.pk, Ballot.Channel.PAPER), 0),
            tallied_votes=tallied.get(p.pk, 0),
        )
        for p in projects
    ]


def round_turnout(round: Round) -> dict[str, int]:
    """How many took part, by how they voted: {"online": n, "code": n, "paper": n} (one query; every ballot
    holds at least one choice)."""
    counted = dict(
        Ballot.objects.filter(round=round).values("channel").annotate(n=Count("id")).values_list("channel", "n")
    )
    return {channel: counted.get(channel, 0) for channel in Ballot.Channel.values}


def round_results(round: Round) -> dict:
    """The whole count, as the results page publishes it: who took part by channel, and each project."""
    outcomes = allocate(round_count(round), round.pot)
    return {
        "took_part": round_turnout(round),
        "paper_tallies": PaperTally.objects.filter(round=round).aggregate(n=Sum("votes"))["n"] or 0,
        "projects": [
            {
                "id": o.tally.project_id,
                "title": o.tally.title,
                "cost": str(o.tally.cost),
                "online_votes": o.tally.online_votes,
                "code_votes": o.tally.code_votes,
                "paper_votes": o.tally.paper_votes,
                "tallied_votes": o.tally.tallied_votes,
                "votes": o.tally.votes,
                "funded": o.funded,
                "remaining_after": str(o.remaining_after),
            }
            for o in outcomes
        ],
        "spent": str(sum((o.tally.cost for o in outcomes if o.funded), Decimal("0"))),
    }


@transaction.atomic
def round_publish_results(*, round: Round, by) -> dict:
    """Close the count and publish it (once voting has closed)."""
    round = Round.objects.select_for_update().get(pk=round.pk)
    if timezone.now() < round.voting_closes:
        raise ValidationError("Results can be published only after voting closes.")
    round.results = round_results(round)
    round.results_published_at = timezone.now()
    round.save(update_fields=["results", "results_published_at"])
    audit_record(action="budgeting.round.results_published", actor=by, target=round)
    deliveries_start(round=round)
    return round.results


def deliveries_start(*, round: Round) -> list[Delivery]:
    """Start tracking the delivery of each project the published results fund (once each): planned, by the
    group behind it, expected within a year of the results until staff say otherwise."""
    funded = [row["id"] for row in (round.results or {}).get("projects", []) if row["funded"]]
    expected = timezone.localdate(round.results_published_at) + datetime.timedelta(days=DELIVERY_EXPECTED_WITHIN_DAYS)
    projects = Project.objects.filter(round=round, pk__in=funded, delivery__isnull=True).select_related("organisation")
    return Delivery.objects.bulk_create(
        [
            Delivery(project=p, description=p.title[:300], owner=p.organisation.name[:200], due_on=expected)
            for p in projects
        ]
    )


@transaction.atomic
def delivery_update(
    *, delivery: Delivery, by, status: str, note: str = "", due_on: datetime.date | None = None
) -> Delivery:
    """Change where a funded project's delivery stands; when it is done, it is completed today and the
    people following the project or its round are told."""
    if status not in ActionStatus.values:
        raise ValidationError({"status": "Choose a status."})
    delivery = Delivery.objects.select_for_update().select_related("project__round").get(pk=delivery.pk)
    due_on = due_on or delivery.due_on
    if (delivery.status, delivery.status_note, delivery.due_on) == (status, note, due_on):
        return delivery
    previous = delivery.status
    delivery.status, delivery.status_note, delivery.due_on = status, note, due_on
    delivery.updated_at = timezone.now()
    delivery.completed_on = (delivery.completed_on or timezone.localdate()) if status == ActionStatus.DONE else None
    delivery.save(update_fields=["status", "status_note", "due_on", "updated_at", "completed_on"])
    audit_record(
        action="budgeting.delivery.updated",
        actor=by,
        target=delivery.project,
        data={"from": previous, "to": status},
    )
    if status == ActionStatus.DONE and previous != status:
        emails.project_completed(delivery=delivery)
    return delivery


@transaction.atomic
def delivery_report_progress(*, delivery: Delivery, by, update: DeliveryUpdate) -> DeliveryUpdate:
    """Add a dated progress report (with a described photo, if any) to a funded project's delivery."""
    update.delivery = delivery
    if update.photo and not update.photo_description.strip():
        raise ValidationError({"photo_description": "Say what the photo shows, for people who cannot see it."})
    update.full_clean()
    update.save()
    audit_record(
        action="budgeting.delivery.progress_reported",
        actor=by,
        target=delivery.project,
        data={"reported_on": update.reported_on.isoformat(), "with_photo": bool(update.photo)},
    )
    return update
