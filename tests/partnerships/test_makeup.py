"""The make-up of a partnership's membership: counted in aggregate, small groups suppressed by the rule the
equality reports use (fewer than 5 people shown as "Fewer than 5", the total then rounded down), women's
representation among them, and no member's characteristics shown one by one."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from partnerships.models import Sector
from tests.partnerships.factories import MemberFactory, PartnershipFactory

pytestmark = pytest.mark.django_db


def page_text(client, partnership) -> str:
    response = client.get(reverse("partnerships:detail", kwargs={"slug": partnership.slug}))
    assert response.status_code == 200
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


def members(partnership, count: int, **fields) -> None:
    for _ in range(count):
        MemberFactory(partnership=partnership, **fields)


def page_with(client, **people_by_sex: int) -> str:
    """The page of a partnership whose members gave their sex: page_with(client, female=6, male=5)."""
    partnership = PartnershipFactory()
    for sex, count in people_by_sex.items():
        members(partnership, count, sex=sex.replace("_", "-"))
    return page_text(client, partnership)


def test_women_and_men_in_groups_of_5_or_more_are_counted_with_the_share_of_women(client):
    text = page_with(client, female=6, male=5)

    assert "Women’s representation: 6 of the 11 members who said (55%)" in text
    assert "Female 6" in text
    assert "Male 5" in text


def test_a_group_of_fewer_than_5_is_suppressed_and_the_total_rounded_down(client):
    text = page_with(client, female=6, male=3, prefer_not=1)

    assert "Male Fewer than 5" in text
    assert "Prefer not to say Fewer than 5" in text
    assert "Sex (10 or more answered)" in text  # 10 said: a multiple of 5 already
    # No share is given: with a rounded total it would be wrong, with the exact one it would give the others away.
    assert "6 women, of at least 10 members who said" in text
    assert "%" not in text.split("Women’s representation:")[1].split(")")[0]


def test_the_total_is_rounded_down_when_a_group_is_suppressed_so_it_cannot_be_subtracted(client):
    text = page_with(client, female=7, male=2)

    assert "Sex (5 or more answered)" in text  # 9 said, rounded down: 9 - 7 would give the men away
    assert "Male Fewer than 5" in text
    assert "Female 7" in text
    assert "9 answered" not in text


def test_a_small_number_of_women_is_suppressed_too(client):
    text = page_with(client, female=2, male=8)

    assert "fewer than 5 women, of at least 10 members who said" in text
    assert "Female Fewer than 5" in text


def test_members_who_gave_no_characteristics_are_counted_by_sector_alone(client):
    partnership = PartnershipFactory()
    members(partnership, 3, sector=Sector.PUBLIC)
    members(partnership, 2, sector=Sector.BUSINESS)

    text = page_text(client, partnership)

    assert "5 members." in text
    assert "Public sector 3" in text
    assert "Business 2" in text
    assert "too few members have said whether they are a woman or a man" in text


def test_members_who_have_left_are_not_counted(client):
    partnership = PartnershipFactory()
    members(partnership, 5, sex="female")
    members(
        partnership,
        3,
        sex="female",
        joined_on=timezone.localdate() - datetime.timedelta(days=400),
        left_on=timezone.localdate() - datetime.timedelta(days=10),
    )

    text = page_text(client, partnership)

    assert "Female 5" in text
    assert "5 members." in text


def test_a_named_members_characteristics_are_never_shown_beside_them(client):
    partnership = PartnershipFactory()
    characteristics = {"sex": "female", "age_band": "75-plus", "ethnic_group": "white-roma", "disability": "yes"}
    MemberFactory(partnership=partnership, name="Alex Sample", name_is_public=True, role="Chair", **characteristics)

    text = page_text(client, partnership)

    assert "Alex Sample (Chair)" in text
    assert "Female 1" not in text and "75 or over 1" not in text
    assert "Female Fewer than 5" in text
    assert "Roma Fewer than 5" in text


def test_a_persons_name_is_published_only_with_their_agreement(client):
    partnership = PartnershipFactory()
    MemberFactory(partnership=partnership, name="Jo Private", name_is_public=False)

    text = page_text(client, partnership)

    assert "Jo Private" not in text
    assert "A member who has not asked to be named" in text
