"""Who may see a nomination and who may nominate: personas × states."""

import pytest
from django.contrib.auth.models import AnonymousUser

from tests.factories import UserFactory
from tests.transparency.factories import AssetNominationFactory
from transparency.models import AssetNomination
from transparency.permissions import can_manage_transparency_data, can_nominate_asset, can_see_nomination

pytestmark = pytest.mark.django_db

S = AssetNomination.Status


@pytest.mark.parametrize(
    ("persona", "status", "allowed"),
    [
        ("anonymous", S.SUBMITTED, False),
        ("stranger", S.SUBMITTED, False),
        ("nominator", S.SUBMITTED, True),
        ("staff", S.SUBMITTED, True),
        ("anonymous", S.LISTED, True),
        ("anonymous", S.NOT_LISTED, True),
        ("stranger", S.REMOVED, True),
    ],
)
def test_who_can_see_a_nomination(persona, status, allowed, resident, other_resident, moderator):
    extra = {"reasons": "No community use."} if status == S.NOT_LISTED else {}
    nomination = AssetNominationFactory(nominated_by=resident, status=status, **extra)
    user = {"anonymous": AnonymousUser(), "stranger": other_resident, "nominator": resident, "staff": moderator}[
        persona
    ]

    assert can_see_nomination(user, nomination) is allowed


def test_only_people_with_a_confirmed_email_can_nominate(resident):
    assert can_nominate_asset(resident)
    assert not can_nominate_asset(UserFactory(verified=False))
    assert not can_nominate_asset(AnonymousUser())


def test_only_staff_manage_transparency_data(resident, moderator):
    assert can_manage_transparency_data(moderator)
    assert not can_manage_transparency_data(resident)
    assert not can_manage_transparency_data(AnonymousUser())
