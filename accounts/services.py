"""Writes to people's accounts."""

from __future__ import annotations

import logging
from datetime import timedelta

from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone

from accounts.models import User
from accounts.permissions import accounts_without_staff_roles
from localism.models import Place, Topic

logger = logging.getLogger(__name__)

UNVERIFIED_ACCOUNT_DAYS = 30


@transaction.atomic
def profile_update(
    *,
    user: User,
    display_name: str,
    home_postcode: str,
    home_place: Place | None,
    interests: list[Topic],
    email_frequency: str,
) -> User:
    """Save what a person says about themselves on their profile page."""
    user.display_name = display_name.strip()
    user.home_postcode = home_postcode
    user.home_place = home_place
    user.email_frequency = email_frequency
    user.save(update_fields=["display_name", "home_postcode", "home_place", "email_frequency"])
    user.interests.set(interests)
    return user


@transaction.atomic
def unverified_accounts_purge(*, now=None) -> int:
    """Delete accounts whose email was never verified within UNVERIFIED_ACCOUNT_DAYS; returns how many."""
    from allauth.account.models import EmailAddress

    cutoff = (now or timezone.now()) - timedelta(days=UNVERIFIED_ACCOUNT_DAYS)
    verified = EmailAddress.objects.filter(user=OuterRef("pk"), verified=True)
    stale = accounts_without_staff_roles().filter(date_joined__lt=cutoff).exclude(Exists(verified))
    _, per_model = stale.delete()
    removed = per_model.get(User._meta.label, 0)
    logger.info("Removed %d accounts never verified within %d days", removed, UNVERIFIED_ACCOUNT_DAYS)
    return removed


VERIFICATION_RESEND_SECONDS = 180


def verification_resend(*, request, email: str) -> bool:
    """Send the confirmation email again to an address still waiting for it; True if one was sent.

    At most one every few minutes per address: the earlier email's link still works meanwhile.
    """
    import hashlib

    from allauth.account.models import EmailAddress
    from django.core.cache import cache

    address = EmailAddress.objects.filter(email__iexact=email, verified=False, user__is_active=True).first()
    if address is None:
        return False
    key = "accounts:verification-resend:" + hashlib.sha256(address.email.lower().encode()).hexdigest()
    if not cache.add(key, 1, timeout=VERIFICATION_RESEND_SECONDS):
        return False
    address.send_confirmation(request)
    return True
