"""What events hold about a person, for their data download and for deleting their account.

A registration (and its access needs) is the person's own: deleting the account cancels each coming place,
which goes to the next person waiting, and then deletes every registration.
"""

from __future__ import annotations

from accounts.privacy import iso
from events.models import Registration

# What export and erase cover: the fields that link to a person or hold what they told us about themselves.
COVERS = {Registration: ["user", "access_needs"]}


def export(user) -> dict:
    return {
        "event_registrations": [
            {
                "event": r.event.title,
                "starts": iso(r.event.starts_at),
                "status": r.get_status_display(),
                "access_needs": r.access_needs,
                "signed_up": iso(r.created_at),
            }
            for r in Registration.objects.filter(user=user).select_related("event")
        ]
    }


def erase(user) -> None:
    from events.services import registration_cancel

    for registration in Registration.objects.active().filter(user=user).select_related("event"):
        registration_cancel(registration=registration)
    Registration.objects.filter(user=user).delete()
