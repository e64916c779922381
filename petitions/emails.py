"""The emails at each step of a petition, queued in the outbox inside the change's transaction.

Signers, followers and the creator hear of every public step; the creator alone hears the result of the checks.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet
from django.utils import timezone

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


def _send(*, petition: Petition, step: str, title: str, lines: list[str], recipients: QuerySet, **flags) -> None:
    from notifications.services import notify

    notify(
        kind=f"petitions.{step}",
        key=f"petitions.{step}:{petition.pk}",
        recipients=recipients,
        template=TEMPLATE,
        context={
            "title": title,
            "petition_title": petition.title,
            "lines": lines,
            "url": settings.SITE_URL + petition.get_absolute_url(),
        },
        reason=flags.pop("reason", "You are getting this because you signed, started or follow this petition."),
        **flags,
    )


def _creator(petition: Petition) -> QuerySet:
    return get_user_model().objects.filter(pk=petition.creator_id)


def opened(*, petition: Petition) -> None:
    _send(
        petition=petition,
        step="opened",
        title=f"Your petition “{petition.title}” is open for signatures",
        lines=[
            "The council checked your petition and it is now open for signatures.",
            f"It closes on {timezone.localtime(petition.closes_at):%-d %B %Y}. "
            "Share the link with people who live, work or study in the area.",
        ],
        recipients=_creator(petition),
        reason="You are getting this because you started this petition.",
        transactional=True,
    )


def rejected(*, petition: Petition) -> None:
    _send(
        petition=petition,
        step="rejected",
        title=f"Your petition “{petition.title}” was not accepted",
        lines=["The council checked your petition and cannot accept it.", f"The reason: {petition.rejection_reason}"],
        recipients=_creator(petition),
        reason="You are getting this because you started this petition.",
        transactional=True,
    )


def received(*, petition: Petition, scheme: PetitionScheme) -> None:
    _send(
        petition=petition,
        step="received",
        title=f"“{petition.title}” now counts as a petition",
        lines=[
            f"It has {scheme.signatures_for_petition:,} signatures, so {petition.council.name} must answer it.",
            f"The council will acknowledge it by {petition.acknowledge_by:%-d %B %Y} and say how it will be "
            f"handled by {petition.respond_by:%-d %B %Y}.",
        ],
        recipients=people_of(petition),
    )


def debate_threshold(*, petition: Petition, scheme: PetitionScheme) -> None:
    _send(
        petition=petition,
        step="debate_threshold",
        title=f"“{petition.title}” has enough signatures for a debate",
        lines=[
            f"It has {scheme.signatures_for_debate:,} signatures: it will be debated at a meeting of the full council."
        ],
        recipients=people_of(petition),
    )


def acknowledged(*, petition: Petition) -> None:
    _send(
        petition=petition,
        step="acknowledged",
        title=f"The council has acknowledged “{petition.title}”",
        lines=[petition.acknowledgement],
        recipients=people_of(petition),
    )


def closed(*, petition: Petition) -> None:
    _send(
        petition=petition,
        step="closed",
        title=f"“{petition.title}” has closed",
        lines=[f"The petition closed with {petition.signature_count:,} signatures."],
        recipients=people_of(petition),
    )


def responded(*, petition: Petition) -> None:
    _send(
        petition=petition,
        step="responded",
        title=f"The council has responded to “{petition.title}”",
        lines=[petition.response],
        recipients=people_of(petition),
    )


def debated(*, petition: Petition) -> None:
    _send(
        petition=petition,
        step="debated",
        title=f"The council debated “{petition.title}”",
        lines=[f"Debated on {petition.debated_on:%-d %B %Y}.", petition.debate_summary],
        recipients=people_of(petition),
    )
