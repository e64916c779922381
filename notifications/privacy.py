"""What notifications hold about a person, for their data download and account deletion."""

from django.db.models import Q

from accounts.privacy import email_addresses_of, rows
from notifications.models import Announcement, EmailOptOut, MobileNumber, Notification, Subscription
from notifications.selectors import subscriptions_of

# What export and erase cover: the fields that link to a person or hold their address (accounts.checks
# refuses a model field that may hold personal data and that no registration names).
COVERS = {
    Subscription: ["user"],
    EmailOptOut: ["user"],
    # to_email: emails to someone before they had an account (an invitation), found by their addresses.
    Notification: ["recipient", "to_email"],
    Announcement: ["sent_by"],
    MobileNumber: ["user", "number"],
}


def _emails_to(user) -> Q:
    """The outbox rows addressed to the person: to their account, or to one of their addresses before they
    had an account (an invitation to join a group)."""
    addresses = Q()
    for address in email_addresses_of(user):
        addresses |= Q(recipient__isnull=True, to_email__iexact=address)
    return Q(recipient=user) | addresses


def export(user) -> dict:
    return {
        "following": [
            {
                "kind": item["subscription"].target_type.model,
                "name": str(item["object"]),
                "since": item["subscription"].created_at.isoformat(),
            }
            for item in subscriptions_of(user)
        ],
        "unsubscribed_from": list(EmailOptOut.objects.filter(user=user).values_list("kind", flat=True)),
        "mobile_number_for_text_alerts": rows(
            MobileNumber.objects.filter(user=user), "number", verified="verified_at", added="created_at"
        ),
        "emails": rows(
            Notification.objects.filter(_emails_to(user)).order_by("created_at"),
            "channel",
            "status",
            "created_at",
            kind="event__kind",
        ),
        "announcements_sent": rows(
            Announcement.objects.filter(sent_by=user), "title", sent="sent_at", recipients="recipient_count"
        ),
    }


def erase(user) -> None:
    Subscription.objects.filter(user=user).delete()
    EmailOptOut.objects.filter(user=user).delete()
    MobileNumber.objects.filter(user=user).delete()
    Notification.objects.filter(_emails_to(user)).delete()
