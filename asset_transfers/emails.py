"""The emails at each step of an application, queued in the outbox inside the change's transaction.

The applying group's members hear of every step; people who follow a public application hear of its
decision and completion too.
"""

from __future__ import annotations

from django.conf import settings
from django.db.models import Q, QuerySet

from asset_transfers.models import TransferApplication

TEMPLATE = "asset_transfers/emails/update"
GROUP_REASON = "You are getting this because you act for {group}, which applied to take this asset over."


def _group(application: TransferApplication) -> QuerySet:
    from directory.selectors import members_of

    return members_of(application.organisation)


def _group_and_followers(application: TransferApplication) -> QuerySet:
    from django.contrib.auth import get_user_model

    from notifications.selectors import followers_of

    return get_user_model().objects.filter(
        Q(pk__in=_group(application).values("pk")) | Q(pk__in=followers_of(application).values("pk"))
    )


def _send(*, application: TransferApplication, step: str, title: str, lines: list[str], recipients, **flags) -> None:
    from notifications.services import notify

    notify(
        kind=f"asset_transfers.{step}",
        key=f"asset_transfers.{step}:{application.pk}",
        recipients=recipients,
        template=TEMPLATE,
        context={
            "title": title,
            "asset_name": application.asset_name,
            "reference": application.reference,
            "lines": lines,
            "url": settings.SITE_URL + application.get_absolute_url(),
        },
        reason=flags.pop("reason", GROUP_REASON.format(group=application.organisation.name)),
        **flags,
    )


def submitted(*, application: TransferApplication) -> None:
    _send(
        application=application,
        step="submitted",
        title=f"{application.council.name} has your expression of interest in {application.asset_name}",
        lines=[
            f"Your reference is {application.reference}.",
            "Council staff will look at it and tell you whether to prepare a business case. Until then only your "
            "group and council staff can see it.",
        ],
        recipients=_group(application),
        transactional=True,
    )


def interest_accepted(*, application: TransferApplication, note: str) -> None:
    _send(
        application=application,
        step="interest_accepted",
        title=f"Prepare a business case for {application.asset_name}",
        lines=[
            "The council has accepted your expression of interest. The application and its timeline are now public.",
            *([note] if note else []),
            "Add your business case as a document on the application's page, then send it to be assessed.",
        ],
        recipients=_group(application),
        transactional=True,
    )


def business_case_received(*, application: TransferApplication) -> None:
    _send(
        application=application,
        step="business_case_received",
        title=f"{application.council.name} is assessing your business case for {application.asset_name}",
        lines=["We will email you when the council has decided."],
        recipients=_group(application),
        transactional=True,
    )


def decided(*, application: TransferApplication) -> None:
    verb = application.get_outcome_display().lower()
    _send(
        application=application,
        step="decided",
        title=f"The application to take over {application.asset_name} was {verb}",
        lines=[
            f"Decided on {application.decided_on:%-d %B %Y} by {application.decision_maker}.",
            application.decision_reasons,
        ],
        recipients=_group_and_followers(application),
        reason="You are getting this because your group applied for this asset, or you follow the application.",
    )


def completed(*, application: TransferApplication) -> None:
    _send(
        application=application,
        step="completed",
        title=f"{application.asset_name}: {application.status_label.lower()}",
        lines=[f"Completed on {application.completed_on:%-d %B %Y}."],
        recipients=_group_and_followers(application),
        reason="You are getting this because your group applied for this asset, or you follow the application.",
    )
