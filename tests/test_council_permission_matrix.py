"""Every decision at the right tier: who may act on each council's content, persona × object × action.

Staff of one council (a district officer, a parish clerk) act only on their council's nominations,
expressions of interest, consultations, decisions, budgeting rounds and the comments on them; the
county's portal team (staff with no council) act for every council; nobody else acts as staff.
"""

import pytest

from budgeting.models import Project
from discussions.models import Comment
from petitions.models import Petition
from tests.budgeting.factories import ProjectFactory, RoundFactory
from tests.consultations.factories import ConsultationFactory
from tests.discussions.factories import CommentFactory
from tests.factories import council
from tests.permission_matrix import who_may
from tests.petitions.factories import PetitionFactory
from tests.transparency.factories import (
    AssetNominationFactory,
    ChallengeWindowFactory,
    DecisionFactory,
    ExpressionOfInterestFactory,
)

pytestmark = pytest.mark.django_db

DISTRICT = frozenset({"county staff", "district officer"})
PARISH = frozenset({"county staff", "parish clerk"})
COUNTY_ONLY = frozenset({"county staff"})


@pytest.fixture
def north_norfolk():
    return council("north-norfolk-district-council")


@pytest.fixture
def cromer():
    return council("cromer-town-council")


@pytest.mark.parametrize("action", ["transparency.see_assetnomination", "transparency.decide_assetnomination"])
def test_a_nomination_is_for_its_district_council_and_the_county(council_personas, action):
    nomination = AssetNominationFactory()  # awaiting a decision, at North Norfolk District Council

    assert who_may(council_personas, action, nomination) == DISTRICT


@pytest.mark.parametrize(
    "action", ["transparency.see_expressionofinterest", "transparency.decide_expressionofinterest"]
)
def test_an_expression_of_interest_is_for_the_council_whose_service_it_challenges(
    council_personas, north_norfolk, action
):
    window = ChallengeWindowFactory(council=north_norfolk)
    expression = ExpressionOfInterestFactory(window=window, council=north_norfolk)

    assert who_may(council_personas, action, expression) == DISTRICT


def test_a_challenge_window_is_run_by_its_council(council_personas, north_norfolk):
    window = ChallengeWindowFactory(council=north_norfolk)

    assert who_may(council_personas, "transparency.run_challengewindow", window) == DISTRICT


@pytest.mark.parametrize(
    "action",
    [
        "consultations.see_consultation",
        "consultations.run_consultation",
        "consultations.see_consultation_results",
        "consultations.export_response",
    ],
)
def test_a_parish_consultation_is_run_by_its_clerk_and_the_county(council_personas, cromer, action):
    consultation = ConsultationFactory(council=cromer, draft=True)

    assert who_may(council_personas, action, consultation) == PARISH


def test_a_parish_decision_is_published_by_its_clerk_and_the_county(council_personas, cromer):
    decision = DecisionFactory(council=cromer, is_published=False)

    assert who_may(council_personas, "transparency.publish_decision", decision) == PARISH


def test_a_parish_budgeting_round_is_run_by_its_clerk_and_the_county(council_personas, cromer):
    budget_round = RoundFactory(council=cromer)
    project = ProjectFactory(round=budget_round, status=Project.Status.SUBMITTED)

    assert who_may(council_personas, "budgeting.run_round", budget_round) == PARISH
    assert who_may(council_personas, "budgeting.see_project", project) == PARISH


def test_staff_and_their_councils_councillors_answer_officially_on_their_councils_threads(council_personas, cromer):
    consultation = ConsultationFactory(council=cromer)

    assert who_may(council_personas, "discussions.reply_officially", consultation) == PARISH | {"councillor"}


def test_a_councillor_does_not_answer_officially_for_another_council(council_personas):
    consultation = ConsultationFactory(council=council("holt-town-council"))

    assert who_may(council_personas, "discussions.reply_officially", consultation) == {
        "county staff",
        "other parish clerk",
    }


def test_only_staff_skip_the_moderation_queue_on_their_councils_threads(council_personas, cromer):
    consultation = ConsultationFactory(council=cromer)

    assert who_may(council_personas, "discussions.bypass_premoderation", consultation) == PARISH


def test_comments_are_moderated_by_the_consultations_council_and_the_county(council_personas, cromer):
    consultation = ConsultationFactory(council=cromer)
    comment = CommentFactory(target=consultation, status=Comment.Status.AWAITING_MODERATION)

    assert who_may(council_personas, "discussions.moderate_comment", comment) == PARISH


def test_a_comment_awaiting_a_moderator_is_seen_by_its_author_and_the_threads_council_alone(council_personas, cromer):
    consultation = ConsultationFactory(council=cromer)
    author = council_personas["resident"]
    comment = CommentFactory(target=consultation, author=author, status=Comment.Status.AWAITING_MODERATION)
    published = CommentFactory(target=consultation, status=Comment.Status.PUBLISHED)

    assert who_may(council_personas, "discussions.see_comment", comment) == PARISH | {"resident"}
    assert who_may(council_personas, "discussions.see_comment", published) == set(council_personas)


def test_comments_on_a_project_are_moderated_by_the_rounds_council(council_personas, cromer):
    project = ProjectFactory(round=RoundFactory(council=cromer), status=Project.Status.ACCEPTED)
    comment = CommentFactory(target=project)

    assert who_may(council_personas, "discussions.moderate_comment", comment) == PARISH


@pytest.mark.parametrize("action", ["petitions.see_petition", "petitions.handle_petition"])
def test_a_petition_is_handled_by_the_council_it_goes_to_and_the_county(council_personas, cromer, action):
    petition = PetitionFactory(council=cromer, status=Petition.Status.CHECKING, opened_at=None, closes_at=None)

    assert who_may(council_personas, action, petition) == PARISH


def test_content_of_no_named_council_is_the_county_teams_alone(council_personas):
    consultation = ConsultationFactory(council=None, draft=True)

    assert who_may(council_personas, "consultations.run_consultation", consultation) == COUNTY_ONLY


def test_the_county_councils_own_content_is_not_a_district_officers(council_personas):
    consultation = ConsultationFactory(council=council("norfolk-county-council"), draft=True)

    assert who_may(council_personas, "consultations.run_consultation", consultation) == COUNTY_ONLY


def test_only_the_county_team_assign_staff_to_a_council(council_personas):
    assert who_may(council_personas, "accounts.assign_staff_council") == COUNTY_ONLY


def test_staff_of_a_council_without_two_factor_have_no_powers_even_over_their_own(parish_clerk, cromer):
    from allauth.mfa.models import Authenticator

    Authenticator.objects.filter(user=parish_clerk).delete()
    consultation = ConsultationFactory(council=cromer, draft=True)

    assert who_may({"parish clerk": parish_clerk}, "consultations.run_consultation", consultation) == set()
