"""What a partnership's page shows, read in a fixed number of queries whatever the size of the partnership."""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from localism.dates import date_and_time, long_date, midday
from localism.links import absolute_url
from localism.suppression import CountRow, CountTable, count_table
from partnerships.models import (
    AGE_BANDS,
    DISABILITY_CHOICES,
    ETHNIC_GROUPS,
    SEX_CHOICES,
    Action,
    Meeting,
    Member,
    Partnership,
    Priority,
    PriorityUpdate,
    Sector,
)

# The characteristics reported in aggregate: (field, heading, choices).
CHARACTERISTICS = [
    ("sex", "Sex", SEX_CHOICES),
    ("age_band", "Age", AGE_BANDS),
    ("ethnic_group", "Ethnic group", ETHNIC_GROUPS),
    ("disability", "Long-term health condition or disability", DISABILITY_CHOICES),
]
FEMALE = "female"


def current_members(partnership: Partnership) -> QuerySet[Member]:
    today = timezone.localdate()
    return Member.objects.filter(partnership=partnership, joined_on__lte=today).filter(
        Q(left_on__isnull=True) | Q(left_on__gt=today)
    )


@dataclass
class Makeup:
    """The make-up of a partnership's membership: members by sector, and each characteristic in aggregate."""

    total: int
    by_sector: list[tuple[str, int]]
    tables: list[CountTable]

    @property
    def women(self) -> CountRow:
        return self.tables[0].row(FEMALE)

    @property
    def women_answered(self) -> int:
        """How many members said their sex (rounded down to a multiple of 5 when a small group is hidden)."""
        return self.tables[0].answered

    @property
    def women_answered_is_rounded(self) -> bool:
        return self.tables[0].has_suppressed

    @property
    def women_percent(self) -> int | None:
        """Women's share of the members who said their sex: only when no group is hidden (a share of a rounded
        total would be wrong, and a share of the exact total would give the hidden groups away)."""
        if self.women_answered_is_rounded or not self.women_answered:
            return None
        return round(100 * self.women.count / self.women_answered)


def membership_makeup(partnership: Partnership) -> Makeup:
    """Counts by sector (public: the member list shows them), and the optional characteristics with small
    numbers suppressed by the rule every equality report uses (localism.suppression). One query."""
    fields = [name for name, _, _ in CHARACTERISTICS]
    rows = list(current_members(partnership).values_list("sector", *fields))
    sectors = Counter(row[0] for row in rows)
    tables = []
    for index, (_name, heading, choices) in enumerate(CHARACTERISTICS, start=1):
        counts = Counter(row[index] for row in rows if row[index])
        tables.append(count_table(heading, choices, counts))
    return Makeup(
        total=len(rows),
        by_sector=[(label, sectors.get(value, 0)) for value, label in Sector.choices],
        tables=tables,
    )


@dataclass(frozen=True)
class PartnershipUpdate:
    """One entry of a partnership's feed: a progress report, a meeting, or an action agreed or changed."""

    key: str  # the entry's lasting identity (a feed reader's way of knowing it has seen it)
    title: str
    description: str
    link: str
    at: datetime.datetime


def partnership_updates(partnership: Partnership, *, limit: int) -> list[PartnershipUpdate]:
    """The latest of what the partnership's page shows that changes: progress reported on its priorities, its
    meetings (dated when they are held), and its actions as they were last changed; newest first. Three queries."""
    page = partnership.get_absolute_url()
    reports = (
        PriorityUpdate.objects.filter(priority__partnership=partnership)
        .select_related("priority")
        .order_by("-reported_on", "-pk")[:limit]
    )
    meetings = (
        Meeting.objects.filter(partnership=partnership).select_related("partnership").order_by("-starts_at", "-pk")
    )[:limit]
    actions = Action.objects.filter(partnership=partnership).order_by("-updated_at", "-pk")[:limit]
    entries = [
        PartnershipUpdate(
            key=absolute_url(f"{page}#progress-{report.pk}"),
            title=f"{report.priority.title}: {report.get_status_display().lower()}",
            description=report.note,
            link=f"{page}#priority-{report.priority_id}",
            at=midday(report.reported_on),
        )
        for report in reports
    ]
    entries += [
        PartnershipUpdate(
            key=absolute_url(meeting.get_absolute_url()),
            title=f"Meeting: {meeting.title}",
            description=f"{date_and_time(meeting.starts_at, weekday=True)}, {meeting.location}.",
            link=meeting.get_absolute_url(),
            at=meeting.starts_at,
        )
        for meeting in meetings
    ]
    entries += [
        PartnershipUpdate(
            key=absolute_url(f"{page}#action-{action.pk}-{action.updated_at:%Y%m%d%H%M%S}"),
            title=f"Action {action.get_status_display().lower()}: {action.description}",
            description=" ".join(
                filter(None, [f"{action.owner}, due {long_date(action.due_on)}.", action.status_note])
            ),
            link=f"{page}#actions",
            at=action.updated_at,
        )
        for action in actions
    ]
    return sorted(entries, key=lambda entry: entry.at, reverse=True)[:limit]


def partnership_page(partnership: Partnership) -> dict:
    """Everything the partnership's page shows."""
    from budgeting.models import Round
    from consultations.models import Consultation
    from transparency.models import SpendingRecord

    members = (
        current_members(partnership)
        .select_related("organisation")
        .only(
            "sector",
            "name",
            "name_is_public",
            "role",
            "organisation__name",
            "organisation__slug",
            "organisation__status",
            "partnership_id",
        )
    )
    by_sector = {value: [] for value in Sector.values}
    for member in members:
        by_sector[member.sector].append(member)
    priorities = list(
        Priority.objects.filter(partnership=partnership).prefetch_related(
            Prefetch("updates", queryset=PriorityUpdate.objects.order_by("-reported_on", "-pk")),
            # Only what the public may see of the linked consultations and rounds (their own rules).
            Prefetch("consultations", queryset=Consultation.objects.published().order_by("-opens_at")),
            Prefetch("budgeting_rounds", queryset=Round.objects.visible().order_by("-voting_closes")),
            "contracts",
            Prefetch("payments", queryset=SpendingRecord.objects.order_by("-payment_date", "-pk")),
        )
    )
    meetings = list(
        Meeting.objects.filter(partnership=partnership).select_related("partnership").prefetch_related("papers")
    )
    now = timezone.now()
    return {
        "partnership": partnership,
        "members_by_sector": [(label, by_sector[value]) for value, label in Sector.choices],
        "makeup": membership_makeup(partnership),
        "priorities": priorities,
        "upcoming": sorted((m for m in meetings if m.starts_at >= now), key=lambda m: m.starts_at),
        "past": [m for m in meetings if m.starts_at < now],
        "actions": list(Action.objects.filter(partnership=partnership).select_related("priority")),
    }
