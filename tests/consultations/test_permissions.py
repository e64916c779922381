"""The rules as a matrix of people x consultation states, asked through `has_perm` as every layer asks them."""

import pytest
from allauth.mfa.totp.internal.auth import TOTP
from django.contrib.auth.models import AnonymousUser

from consultations.models import Consultation, EqualityQuestionsAsked, Response
from tests.conftest import STAFF_TOTP_SECRET
from tests.consultations.factories import ConsultationFactory, MeetingFactory, TeamFactory
from tests.factories import UserFactory
from tests.permission_matrix import EVERYONE, SIGNED_IN, who_may

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
        return UserFactory(is_staff=True, is_superuser=True)
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
    # A staff account without two-factor authentication has a resident's rights, no more (a superuser too).
    ("staff_without_mfa", "draft", (False, False, False, False)),
    ("staff_without_mfa", "open", (True, True, False, True)),
    ("staff_without_mfa", "closed", (True, False, True, False)),
]


@pytest.mark.parametrize(("kind", "state", "expected"), MATRIX)
def test_who_may_do_what_in_each_state(kind, state, expected):
    user = person(kind)
    consultation = ConsultationFactory(**STATES[state])
    got = (
        user.has_perm("consultations.see_consultation", consultation),
        user.has_perm("consultations.respond_to_consultation", consultation),
        user.has_perm("consultations.see_consultation_results", consultation),
        user.has_perm("discussions.post_comment", consultation),
    )
    assert got == expected


# Every consultation permission, for every persona, in every state:
# see, respond, see results, export responses, apply to join its (recruiting) team.
VERIFIED = SIGNED_IN
PERSONA_MATRIX = {
    "draft": ({"staff"}, set(), {"staff"}, {"staff"}, set()),
    "upcoming": (EVERYONE, set(), {"staff"}, {"staff"}, VERIFIED),
    "open": (EVERYONE, VERIFIED, {"staff"}, {"staff"}, VERIFIED),
    "closed": (EVERYONE, set(), EVERYONE, {"staff"}, VERIFIED),
}


@pytest.mark.parametrize("state", list(PERSONA_MATRIX))
def test_every_consultation_permission_for_every_persona(personas, state):
    consultation = ConsultationFactory(**STATES[state])
    TeamFactory(consultation=consultation, is_recruiting=True)
    consultation = Consultation.objects.select_related("team").get(pk=consultation.pk)

    got = tuple(
        who_may(personas, perm, consultation)
        for perm in (
            "consultations.see_consultation",
            "consultations.respond_to_consultation",
            "consultations.see_consultation_results",
            "consultations.export_response",
            "consultations.apply_to_team",
        )
    )
    assert got == PERSONA_MATRIX[state]


@pytest.mark.parametrize("state", list(STATES))
def test_the_public_see_a_consultation_exactly_when_the_published_list_holds_it(state):
    consultation = ConsultationFactory(**STATES[state])

    seen_by_the_public = AnonymousUser().has_perm("consultations.see_consultation", consultation)
    assert seen_by_the_public == Consultation.objects.published().filter(pk=consultation.pk).exists()


def test_nobody_applies_to_a_team_that_is_not_recruiting(personas):
    consultation = ConsultationFactory()
    TeamFactory(consultation=consultation, is_recruiting=False)

    assert who_may(personas, "consultations.apply_to_team", consultation) == set()


@pytest.mark.parametrize(("is_published", "who_sees"), [(True, EVERYONE), (False, {"staff"})])
def test_who_sees_a_meeting(personas, is_published, who_sees):
    meeting = MeetingFactory(team=TeamFactory(consultation=ConsultationFactory()), is_published=is_published)

    assert who_may(personas, "consultations.see_meeting", meeting) == who_sees


@pytest.mark.parametrize(
    ("state", "already_given", "who_gives"),
    [("open", False, {"resident"}), ("open", True, set()), ("closed", False, set())],
)
def test_only_the_respondent_gives_equality_monitoring_once_while_open(personas, state, already_given, who_gives):
    consultation = ConsultationFactory(**STATES[state])
    response = Response.objects.create(consultation=consultation, respondent=personas["resident"])
    if already_given:
        EqualityQuestionsAsked.objects.create(consultation=consultation, person=personas["resident"], answered=True)

    assert who_may(personas, "consultations.give_equality_response", response) == who_gives
    assert who_may(personas, "consultations.give_equality_response", None) == set()
