"""The emails transparency sends, each queued through the notifications outbox in the caller's transaction."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import get_user_model
from django.urls import reverse

from accounts.permissions import staff_members
from notifications.selectors import followers_of
from notifications.services import notify


def _absolute(path: str) -> str:
    return settings.SITE_URL + path


def _nominator(nomination):
    return get_user_model().objects.filter(pk=nomination.nominated_by_id)


def nomination_received(nomination) -> None:
    """A receipt to the person who nominated, with the date the council must decide by."""
    if nomination.nominated_by_id is None:
        return
    notify(
        kind="transparency.nomination_received",
        key=f"transparency.nomination_received:{nomination.pk}",
        recipients=_nominator(nomination),
        template="transparency/emails/nomination_received",
        context={
            "asset_name": nomination.asset_name,
            "reference": nomination.reference,
            "body_name": nomination.body_name,
            "decision_due": f"{nomination.decision_due:%-d %B %Y}",
            "url": _absolute(nomination.get_absolute_url()),
        },
        reason="You are getting this because you nominated this asset of community value.",
        transactional=True,
    )


def nomination_decided(nomination) -> None:
    """The decision (listed or not, with the reasons) to the person who nominated."""
    if nomination.nominated_by_id is None:
        return
    notify(
        kind="transparency.nomination_decision",
        key=f"transparency.nomination_decision:{nomination.pk}",
        recipients=_nominator(nomination),
        template="transparency/emails/nomination_decision",
        context={
            "asset_name": nomination.asset_name,
            "reference": nomination.reference,
            "is_listed": nomination.status == nomination.Status.LISTED,
            "reasons": nomination.reasons,
            "deciding_council": nomination.council.name if nomination.council else settings.COUNCIL_NAME,
            "entry_ends_on": f"{nomination.entry_ends_on:%-d %B %Y}",
            "url": _absolute(nomination.get_absolute_url()),
        },
        reason="You are getting this because you nominated this asset of community value.",
        transactional=True,
    )


def nomination_review_decided(nomination) -> None:
    """The outcome of the owner's review, to the person who nominated."""
    if nomination.nominated_by_id is None:
        return
    notify(
        kind="transparency.nomination_review",
        key=f"transparency.nomination_review:{nomination.pk}",
        recipients=_nominator(nomination),
        template="transparency/emails/nomination_review",
        context={
            "asset_name": nomination.asset_name,
            "reference": nomination.reference,
            "is_upheld": nomination.review_outcome == nomination.ReviewOutcome.UPHELD,
            "reasons": nomination.review_reasons,
            "url": _absolute(nomination.get_absolute_url()),
        },
        reason="You are getting this because you nominated this asset of community value.",
        transactional=True,
    )


def disposal_notified(notice) -> None:
    """The owner intends to sell: the nominator (always) and everyone following the asset or its place may bid."""
    nomination = notice.nomination
    context = {
        "asset_name": nomination.asset_name,
        "reference": nomination.reference,
        "notified_on": f"{notice.notified_on:%-d %B %Y}",
        "interim_ends": f"{notice.interim_moratorium_ends:%-d %B %Y}",
        "full_ends": f"{notice.full_moratorium_ends:%-d %B %Y}",
        "protected_ends": f"{notice.protected_period_ends:%-d %B %Y}",
        "url": _absolute(nomination.get_absolute_url()),
    }
    if nomination.nominated_by_id is not None:
        notify(
            kind="transparency.disposal_notice_nominator",
            key=f"transparency.disposal_notice_nominator:{notice.pk}",
            recipients=_nominator(nomination),
            template="transparency/emails/disposal_notice",
            context=context,
            reason="You are getting this because you nominated this asset of community value.",
            transactional=True,
        )
    notify(
        kind="transparency.disposal_notice",
        key=f"transparency.disposal_notice:{notice.pk}",
        recipients=followers_of(nomination, nomination.place).exclude(pk=nomination.nominated_by_id or 0),
        template="transparency/emails/disposal_notice",
        context=context,
        reason="You are getting this because you follow this asset of community value or its place.",
        transactional=False,
    )


def nomination_deadline_near(nomination) -> None:
    """Staff: a nomination's 8-week decision deadline is close."""
    staff = staff_members()
    notify(
        kind="transparency.nomination_deadline",
        key=f"transparency.nomination_deadline:{nomination.pk}",
        recipients=staff,
        template="transparency/emails/nomination_deadline",
        context={
            "asset_name": nomination.asset_name,
            "reference": nomination.reference,
            "decision_due": f"{nomination.decision_due:%-d %B %Y}",
            "url": _absolute(reverse("admin:transparency_assetnomination_change", args=[nomination.pk])),
        },
        reason="You are getting this because you are a member of council staff who decides nominations.",
        transactional=True,
    )


def challenge_decided(expression) -> None:
    """The council's decision on an expression of interest, to the person who sent it."""
    if expression.submitted_by_id is None:
        return
    notify(
        kind="transparency.challenge_decision",
        key=f"transparency.challenge_decision:{expression.pk}",
        recipients=get_user_model().objects.filter(pk=expression.submitted_by_id),
        template="transparency/emails/challenge_decision",
        context={
            "reference": expression.reference,
            "service": expression.service,
            "body_name": expression.body_name,
            "decision": expression.get_status_display(),
            "reasons": expression.reasons,
            "url": _absolute(expression.get_absolute_url()),
        },
        reason="You are getting this because you sent this expression of interest.",
        transactional=True,
    )
