"""Accounts never verified are removed after 30 days."""

from datetime import timedelta

import pytest
from django.utils import timezone

from accounts.models import User
from accounts.tasks import purge_unverified_accounts
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_only_old_unverified_accounts_are_removed():
    old = timezone.now() - timedelta(days=31)
    UserFactory(email="stale@example.org", verified=False, date_joined=old)
    UserFactory(email="old-but-verified@example.org", date_joined=old)
    UserFactory(email="new-unverified@example.org", verified=False)
    UserFactory(email="old-staff@example.org", verified=False, date_joined=old, is_staff=True)

    assert purge_unverified_accounts.delay().get() == 1
    assert set(User.objects.values_list("email", flat=True)) == {
        "old-but-verified@example.org",
        "new-unverified@example.org",
        "old-staff@example.org",
    }
    assert purge_unverified_accounts.delay().get() == 0
