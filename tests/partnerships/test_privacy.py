"""A member's own data: their seat (with the characteristics they gave) in their data download; deleting
their account empties their name and characteristics and keeps the seat for the partnership's record."""

import pytest

from accounts.privacy import account_delete, personal_data_export
from partnerships.models import Member
from tests.directory.factories import OrganisationFactory
from tests.partnerships.factories import MemberFactory

pytestmark = pytest.mark.django_db


def test_a_members_data_download_includes_their_seat_and_characteristics(resident):
    MemberFactory(account=resident, name="Alex Sample", sex="female", age_band="45-54", role="Chair")

    seats = personal_data_export(resident)["partnerships"]["seats"]

    assert seats[0]["name"] == "Alex Sample"
    assert seats[0]["sex"] == "Female"
    assert seats[0]["age_band"] == "45 to 54"


def test_deleting_the_account_empties_the_members_name_and_characteristics(resident):
    own = MemberFactory(account=resident, name="Alex Sample", name_is_public=True, sex="female", disability="yes")
    for_group = MemberFactory(
        account=resident, organisation=OrganisationFactory(), name="Alex Sample", sex="female", age_band="45-54"
    )

    account_delete(user=resident)

    own.refresh_from_db()
    for_group.refresh_from_db()
    assert (own.name, own.name_is_public, own.sex, own.disability, own.account) == (
        "Former member",
        False,
        "",
        "",
        None,
    )
    assert (for_group.name, for_group.sex, for_group.age_band, for_group.organisation_id) == (
        "",
        "",
        "",
        for_group.organisation_id,
    )
    assert Member.objects.count() == 2
