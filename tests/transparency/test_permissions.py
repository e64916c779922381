"""Who may see and do what in transparency: personas × states, asked through `has_perm` as every layer asks."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from tests.factories import UserFactory
from tests.permission_matrix import EVERYONE, SIGNED_IN, who_may
from tests.transparency.factories import AssetNominationFactory, ChallengeWindowFactory, ExpressionOfInterestFactory
from transparency.models import AssetNomination, ExpressionOfInterest

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

    assert user.has_perm("transparency.see_assetnomination", nomination) is allowed


# Nomination status (nominated by the resident): who sees it, who sees its supporting documents.
NOMINATION_MATRIX = {
    S.SUBMITTED: ({"resident", "staff"}, {"resident", "staff"}),
    S.LISTED: (EVERYONE, {"resident", "staff"}),
    S.NOT_LISTED: (EVERYONE, {"resident", "staff"}),
    S.REMOVED: (EVERYONE, {"resident", "staff"}),
}


@pytest.mark.parametrize("status", list(NOMINATION_MATRIX))
def test_every_nomination_permission_for_every_persona(personas, status):
    extra = {"reasons": "No community use."} if status == S.NOT_LISTED else {}
    nomination = AssetNominationFactory(nominated_by=personas["resident"], status=status, **extra)

    got = (
        who_may(personas, "transparency.see_assetnomination", nomination),
        who_may(personas, "transparency.see_nomination_documents", nomination),
    )
    assert got == NOMINATION_MATRIX[status]


E = ExpressionOfInterest.Status


@pytest.mark.parametrize(
    ("status", "who_sees"),
    [(E.SUBMITTED, {"resident", "staff"}), (E.ACCEPTED, EVERYONE), (E.REJECTED, EVERYONE)],
)
def test_who_sees_an_expression_of_interest(personas, status, who_sees):
    decided = {} if status == E.SUBMITTED else {"decided_on": timezone.localdate(), "reasons": "Assessed."}
    expression = ExpressionOfInterestFactory(submitted_by=personas["resident"], status=status, **decided)

    assert who_may(personas, "transparency.see_expressionofinterest", expression) == who_sees


@pytest.mark.parametrize(("is_open", "who_may_express"), [(True, SIGNED_IN), (False, set())])
def test_who_may_express_interest(personas, is_open, who_may_express):
    today = timezone.localdate()
    window = ChallengeWindowFactory()
    if not is_open:
        window.opens_on, window.closes_on = today - datetime.timedelta(days=60), today - datetime.timedelta(days=1)
        window.save()

    assert who_may(personas, "transparency.express_interest", window) == who_may_express


def test_only_people_with_a_confirmed_email_can_nominate(personas):
    assert who_may(personas, "transparency.nominate_asset") == SIGNED_IN
    assert not UserFactory(verified=False).has_perm("transparency.nominate_asset")


def test_only_staff_with_two_factor_authentication_import_data(personas):
    assert who_may(personas, "transparency.import_data") == {"staff"}
