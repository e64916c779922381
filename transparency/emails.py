"""The emails transparency sends, each queued through the notifications outbox in the caller's transaction."""

from __future__ import annotations

from django.conf import settings

from accounts.permissions import staff_members
from localism.dates import date_and_time, long_date
from localism.links import absolute_reverse, absolute_url
from localism.models import Place
from notifications.selectors import followers_of
from notifications.services import Audience, email


def _nominator(nomination) -> Audience:
    return Audience.person(nomination.nominated_by_id, "you nominated this asset of community value")


def _about_nomination(nomination) -> dict:
    """What every email about a nomination says: which asset, its reference and where to read it."""
    return {
        "asset_name": nomination.asset_name,
        "reference": nomination.reference,
        "url": absolute_url(nomination.get_absolute_url()),
    }


def _to_nominator(kind: str, nomination, **context) -> None:
    """An email about the nomination to the person who made it (none when their account is gone)."""
    if nomination.nominated_by_id is not None:
        email(kind, nomination.pk, to=_nominator(nomination), context=_about_nomination(nomination) | context)


def nomination_received(nomination) -> None:
    """A receipt to the person who nominated, with the date the council must decide by."""
    _to_nominator(
        "transparency.nomination_received",
        nomination,
        body_name=nomination.body_name,
        decision_due=long_date(nomination.decision_due),
    )


def nomination_decided(nomination) -> None:
    """The decision (listed or not, with the reasons) to the person who nominated."""
    _to_nominator(
        "transparency.nomination_decision",
        nomination,
        is_listed=nomination.status == nomination.Status.LISTED,
        reasons=nomination.reasons,
        deciding_council=nomination.council.name if nomination.council else settings.COUNCIL_NAME,
        entry_ends_on=long_date(nomination.entry_ends_on),
    )


def nomination_review_decided(nomination) -> None:
    """The outcome of the owner's review, to the person who nominated."""
    _to_nominator(
        "transparency.nomination_review",
        nomination,
        is_upheld=nomination.review_outcome == nomination.ReviewOutcome.UPHELD,
        reasons=nomination.review_reasons,
    )


def disposal_notified(notice) -> None:
    """The owner intends to sell: the nominator (always) and everyone following the asset or its place may bid."""
    nomination = notice.nomination
    context = _about_nomination(nomination) | {
        "notified_on": long_date(notice.notified_on),
        "interim_ends": long_date(notice.interim_moratorium_ends),
        "full_ends": long_date(notice.full_moratorium_ends),
        "protected_ends": long_date(notice.protected_period_ends),
    }
    template = "transparency/emails/disposal_notice"
    if nomination.nominated_by_id is not None:
        email(
            "transparency.disposal_notice_nominator",
            notice.pk,
            to=_nominator(nomination),
            context=context,
            template=template,
        )
    followers = Audience(
        followers_of(nomination, nomination.place).exclude(pk=nomination.nominated_by_id or 0),
        "you follow this asset of community value or its place",
    )
    email("transparency.disposal_notice", notice.pk, to=followers, context=context, template=template)


def nomination_deadline_near(nomination) -> None:
    """Staff: a nomination's 8-week decision deadline is close."""
    email(
        "transparency.nomination_deadline",
        nomination.pk,
        to=Audience(staff_members(), "you are a member of council staff who decides nominations", transactional=True),
        context=_about_nomination(nomination)
        | {
            "decision_due": long_date(nomination.decision_due),
            "url": absolute_reverse("admin:transparency_assetnomination_change", nomination.pk),
        },
    )


def challenge_decided(expression) -> None:
    """The council's decision on an expression of interest, to the person who sent it."""
    if expression.submitted_by_id is None:
        return
    email(
        "transparency.challenge_decision",
        expression.pk,
        to=Audience.person(expression.submitted_by_id, "you sent this expression of interest"),
        context={
            "reference": expression.reference,
            "service": expression.service,
            "body_name": expression.body_name,
            "decision": expression.get_status_display(),
            "reasons": expression.reasons,
            "url": absolute_url(expression.get_absolute_url()),
        },
    )


def notice_published(notice) -> None:
    """A council's public notice, to people following the areas it concerns (and the places within them);
    a notice for no named place concerns the council's whole area."""
    related = Place.objects.showing(notice.areas(), covering=True)
    context = {
        "title": notice.title,
        "council_name": notice.council.name,
        "kind": notice.get_kind_display(),
        "published_on": long_date(notice.published_on),
        "meeting_at": date_and_time(notice.meeting_at, weekday=True, joiner=" at "),
        "venue": notice.venue,
        "url": absolute_url(notice.get_absolute_url()),
    }
    email(
        "transparency.notice",
        notice.pk,
        to=Audience(followers_of(*related), "you follow one of the areas it concerns"),
        context=context,
    )
