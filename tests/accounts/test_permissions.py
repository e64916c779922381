"""The staff rules every app builds on, per persona: staff powers need two-factor authentication."""

import pytest

from accounts.permissions import staff_members
from accounts.rules import is_staff_member
from tests.permission_matrix import fresh, who_may

pytestmark = pytest.mark.django_db


def test_only_staff_with_two_factor_authentication_use_the_staff_admin(personas):
    assert who_may(personas, "accounts.use_staff_admin") == {"staff"}


def test_only_staff_without_two_factor_authentication_are_asked_to_set_it_up(personas):
    assert who_may(personas, "accounts.set_up_staff_two_factor") == {"staff without MFA"}


def test_the_staff_predicate_and_the_staff_queryset_agree(personas):
    """Who gets staff powers on a page, and who gets the staff emails, are the same people."""
    in_queryset = set(staff_members().values_list("pk", flat=True))

    for name, user in personas.items():
        assert is_staff_member(fresh(user), None) == (user.pk in in_queryset), name


def test_a_superuser_without_two_factor_authentication_has_no_rule_granted_by_being_superuser(staff_without_mfa):
    assert staff_without_mfa.is_superuser
    assert not fresh(staff_without_mfa).has_perm("accounts.use_staff_admin")
    # Django's own model permissions (asked by the admin, which itself needs two-factor authentication) are unchanged.
    assert fresh(staff_without_mfa).has_perm("directory.change_listing")
