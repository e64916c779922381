"""The emails at each step of an application, queued in the outbox inside the change's transaction.

The applying group's members hear of every step; people who follow a public application hear of its
decision and completion too.
"""

from __future__ import annotations

from django.db.models import Q

from asset_transfers.models import TransferApplication
from localism.dates import long_date
from notifications.services import Audience, step_email

TEMPLATE = "asset_transfers/emails/update"


def _group(application: TransferApplication) -> Audience:
    """The applying group's members: each step of their own application is theirs to hear of at once."""
    from directory.selectors import members_of

    group = application.organisation.name
    return Audience(
        members_of(application.organisation),
        f"you act for {group}, which applied to take this asset over",
        transactional=True,
    )


def _group_and_followers(application: TransferApplication) -> Audience:
    from django.contrib.auth import get_user_model

    from directory.selectors import members_of
    from notifications.selectors import followers_of

    people = get_user_model().objects.filter(
        Q(pk__in=members_of(application.organisation).values("pk")) | Q(pk__in=followers_of(application).values("pk"))
    )
    return Audience(people, "your group applied for this asset, or you follow the application")


def _send(*, application: TransferApplication, step: str, title: str, lines: list[str], to: Audience) -> None:
    step_email(
        f"asset_transfers.{step}",
        application,
        to=to,
        template=TEMPLATE,
        title=title,
        lines=lines,
        asset_name=application.asset_name,
        reference=application.reference,
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
        to=_group(application),
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
        to=_group(application),
    )


def business_case_received(*, application: TransferApplication) -> None:
    _send(
        application=application,
        step="business_case_received",
        title=f"{application.council.name} is assessing your business case for {application.asset_name}",
        lines=["We will email you when the council has decided."],
        to=_group(application),
    )


def decided(*, application: TransferApplication) -> None:
    verb = application.get_outcome_display().lower()
    _send(
        application=application,
        step="decided",
        title=f"The application to take over {application.asset_name} was {verb}",
        lines=[
            f"Decided on {long_date(application.decided_on)} by {application.decision_maker}.",
            application.decision_reasons,
        ],
        to=_group_and_followers(application),
    )


def completed(*, application: TransferApplication) -> None:
    _send(
        application=application,
        step="completed",
        title=f"{application.asset_name}: {application.status_label.lower()}",
        lines=[f"Completed on {long_date(application.completed_on)}."],
        to=_group_and_followers(application),
    )
