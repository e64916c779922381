"""The rules as a matrix of people x consultation states."""

import pytest
from allauth.mfa.totp.internal.auth import TOTP
from django.contrib.auth.models import AnonymousUser

from consultations import permissions as rules
from tests.conftest import STAFF_TOTP_SECRET
from tests.consultations.factories import ConsultationFactory
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

STATES = {
    "draft": {"draft": True},
    "upcoming": {"upcoming": True},
    "open": {},
    "closed": {"closed": True},
}


def person(kind):
    if kind == "anonymous":
        return AnonymousUser()
    if kind == "unverified":
        return UserFactory(verified=False)
    if kind == "staff":
        user = UserFactory(is_staff=True)
        TOTP.activate(user, STAFF_TOTP_SECRET)
        return user
    if kind == "staff_without_mfa":
        return UserFactory(is_staff=True)
    return UserFactory()


# person, state: can view, can respond, can see results, can comment
MATRIX = [
    ("anonymous", "draft", (False, False, False, False)),
    ("anonymous", "open", (True, False, False, False)),
    ("anonymous", "closed", (True, False, True, False)),
    ("unverified", "open", (True, False, False, False)),
    ("resident", "draft", (False, False, False, False)),
    ("resident", "upcoming", (True, False, False, False)),
    ("resident", "open", (True, True, False, True)),
    ("resident", "closed", (True, False, True, False)),
    ("staff", "draft", (True, False, True, False)),
    ("staff", "open", (True, True, True, True)),
    ("staff", "closed", (True, False, True, False)),
    # A staff account without two-factor authentication has a resident's rights, no more.
    ("staff_without_mfa", "draft", (False, False, False, False)),
    ("staff_without_mfa", "open", (True, True, False, True)),
    ("staff_without_mfa", "closed", (True, False, True, False)),
]


@pytest.mark.parametrize(("kind", "state", "expected"), MATRIX)
def test_who_may_do_what_in_each_state(kind, state, expected):
    user = person(kind)
    consultation = ConsultationFactory(**STATES[state])
    got = (
        rules.can_view_consultation(user, consultation),
        rules.can_respond(user, consultation),
        rules.can_see_results(user, consultation),
        user.has_perm("discussions.post_comment", consultation),
    )
    assert got == expected
