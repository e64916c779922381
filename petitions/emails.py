"""The emails at each step of a petition, queued in the outbox inside the change's transaction.

Signers, followers and the creator hear of every public step; the creator alone hears the result of the checks.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet

from localism.dates import long_date
from localism.numbers import counted
from notifications.services import Audience, step_email
from petitions.models import Petition, PetitionScheme, Signature

TEMPLATE = "petitions/emails/update"


def people_of(petition: Petition) -> QuerySet:
    """Everyone who signed online, follows the petition, or started it."""
    from notifications.selectors import followers_of

    signers = Signature.objects.filter(petition=petition, user__isnull=False).values("user_id")
    followers = followers_of(petition).values("pk")
    return get_user_model().objects.filter(
        Q(pk__in=signers) | Q(pk__in=followers) | Q(pk=petition.creator_id), is_active=True
    )


def _everyone(petition: Petition) -> Audience:
    return Audience(people_of(petition), "you signed, started or follow this petition")


def _creator(petition: Petition) -> Audience:
    return Audience.person(petition.creator_id, "you started this petition")


def _send(*, petition: Petition, step: str, title: str, lines: list[str], to: Audience) -> None:
    step_email(
        f"petitions.{step}",
        petition,
        to=to,
        template=TEMPLATE,
        title=title,
        lines=lines,
        petition_title=petition.title,
    )


def opened(*, petition: Petition) -> None:
    _send(
        petition=petition,
        step="opened",
        title=f"Your petition “{petition.title}” is open for signatures",
        lines=[
            "The council checked your petition and it is now open for signatures.",
            f"It closes on {long_date(petition.closes_at)}. "
            "Share the link with people who live, work or study in the area.",
        ],
        to=_creator(petition),
    )


def rejected(*, petition: Petition) -> None:
    _send(
        petition=petition,
        step="rejected",
        title=f"Your petition “{petition.title}” was not accepted",
        lines=["The council checked your petition and cannot accept it.", f"The reason: {petition.rejection_reason}"],
        to=_creator(petition),
    )


def received(*, petition: Petition, scheme: PetitionScheme) -> None:
    _send(
        petition=petition,
        step="received",
        title=f"“{petition.title}” now counts as a petition",
        lines=[
            f"It has {scheme.signatures_for_petition:,} signatures, so {petition.council.name} must answer it.",
            f"The council will acknowledge it by {long_date(petition.acknowledge_by)} and say how it will be "
            f"handled by {long_date(petition.respond_by)}.",
        ],
        to=_everyone(petition),
    )


def debate_threshold(*, petition: Petition, scheme: PetitionScheme) -> None:
    _send(
        petition=petition,
        step="debate_threshold",
        title=f"“{petition.title}” has enough signatures for a debate",
        lines=[
            f"It has {scheme.signatures_for_debate:,} signatures: it will be debated at a meeting of the full council."
        ],
        to=_everyone(petition),
    )


def acknowledged(*, petition: Petition) -> None:
    _send(
        petition=petition,
        step="acknowledged",
        title=f"The council has acknowledged “{petition.title}”",
        lines=[petition.acknowledgement],
        to=_everyone(petition),
    )


def closed(*, petition: Petition) -> None:
    _send(
        petition=petition,
        step="closed",
        title=f"“{petition.title}” has closed",
        lines=[f"The petition closed with {counted(petition.signature_count, 'signature')}."],
        to=_everyone(petition),
    )


def responded(*, petition: Petition) -> None:
    _send(
        petition=petition,
        step="responded",
        title=f"The council has responded to “{petition.title}”",
        lines=[petition.response],
        to=_everyone(petition),
    )


def debated(*, petition: Petition) -> None:
    _send(
        petition=petition,
        step="debated",
        title=f"The council debated “{petition.title}”",
        lines=[f"Debated on {long_date(petition.debated_on)}.", petition.debate_summary],
        to=_everyone(petition),
    )
