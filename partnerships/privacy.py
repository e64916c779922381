"""What partnerships hold about a person: a seat on a partnership linked to their account (with the
characteristics they chose to give), and which staff member reported progress or published a paper.

Deleting the account empties the seat's name and characteristics (the seat stays, for the partnership's
record, as held by its organisation or by a former member); the staff links are emptied by the foreign keys.
"""

from __future__ import annotations

from accounts.privacy import iso, rows
from partnerships.models import MeetingPaper, Member, PriorityUpdate
from partnerships.selectors import CHARACTERISTICS

# What export and erase cover: the fields that link to a person (accounts.checks refuses a model field that may
# hold personal data and that no registration names).
COVERS = {Member: ["account"], PriorityUpdate: ["added_by"], MeetingPaper: ["uploaded_by"]}
FORMER_MEMBER = "Former member"
CHARACTERISTIC_FIELDS = [name for name, _, _ in CHARACTERISTICS]


def export(user) -> dict:
    seats = Member.objects.filter(account=user).select_related("partnership", "organisation")
    return {
        "seats": [
            {
                "partnership": seat.partnership.name,
                "sector": seat.get_sector_display(),
                "organisation": seat.organisation.name if seat.organisation else "",
                "name": seat.name,
                "name_is_public": seat.name_is_public,
                "role": seat.role,
                "joined": iso(seat.joined_on),
                "left": iso(seat.left_on),
                **{name: getattr(seat, f"get_{name}_display")() for name in CHARACTERISTIC_FIELDS},
            }
            for seat in seats
        ],
        "as_staff": {
            "progress_reported": rows(
                PriorityUpdate.objects.filter(added_by=user), "status", "reported_on", priority="priority__title"
            ),
            "papers_published": rows(MeetingPaper.objects.filter(uploaded_by=user), "title", meeting="meeting__title"),
        },
    }


def erase(user) -> None:
    """A seat held for an organisation stays as the organisation's; a person's own seat keeps no name."""
    seats = Member.objects.filter(account=user)
    emptied = {"account": None, "name_is_public": False, **dict.fromkeys(CHARACTERISTIC_FIELDS, "")}
    seats.filter(organisation__isnull=False).update(name="", **emptied)
    seats.filter(organisation__isnull=True).update(name=FORMER_MEMBER, **emptied)
