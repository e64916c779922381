"""Voting rules over HTTP: eligibility by postcode, the pot, the limit, one ballot, closed rounds."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core import mail
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from budgeting.models import Ballot, BallotChoice, Round
from tests.budgeting.factories import ProjectFactory, RoundFactory
from tests.factories import PostcodeFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def cromer_round(reference_data):
    from localism.models import Place

    return RoundFactory(places=[Place.objects.get(slug="cromer")])


@pytest.fixture
def voter(client):
    PostcodeFactory(in_cromer=True)
    person = UserFactory(email="voter@example.org", home_postcode="NR27 9AB")
    client.force_login(person)
    return person


def _vote(client, round, projects):
    return client.post(reverse("budgeting:vote", kwargs={"slug": round.slug}), {"projects": [p.pk for p in projects]})


def test_a_resident_of_the_area_votes_and_can_change_their_vote(client, voter, cromer_round):
    a, b, c = (ProjectFactory(round=cromer_round, cost=Decimal("3000")) for _ in range(3))
    done = reverse("budgeting:vote_done", kwargs={"slug": cromer_round.slug})
    assert _vote(client, cromer_round, [a, b])["Location"] == done
    assert _vote(client, cromer_round, [c])["Location"] == done
    assert Ballot.objects.count() == 1
    assert list(BallotChoice.objects.values_list("project_id", flat=True)) == [c.pk]
    html = client.get(reverse("budgeting:vote", kwargs={"slug": cromer_round.slug})).content.decode()
    assert f'value="{c.pk}" checked' in html


def test_a_ballot_over_the_pot_is_refused_with_the_total(client, voter, cromer_round):
    a, b = (
        ProjectFactory(round=cromer_round, cost=Decimal("6000")),
        ProjectFactory(round=cromer_round, cost=Decimal("5000")),
    )
    response = _vote(client, cromer_round, [a, b])
    html = response.content.decode()
    assert "Your choices cost £11,000, more than the £10,000 available." in html
    assert "There is a problem" in html
    assert f'value="{a.pk}" checked' in html  # what was chosen is kept
    assert not Ballot.objects.exists()


def test_a_ballot_over_the_limit_is_refused(client, voter, reference_data):
    from localism.models import Place

    limited = RoundFactory(places=[Place.objects.get(slug="cromer")], method=Round.Method.APPROVAL, approval_limit=2)
    projects = [ProjectFactory(round=limited, cost=Decimal("100")) for _ in range(3)]
    assert "you can choose up to 2" in _vote(client, limited, projects).content.decode()
    assert not Ballot.objects.exists()


@pytest.mark.parametrize(
    ("limit", "choose", "hint"),
    [
        (1, "Choose up to 1 project you want funded.", "Choose up to 1 project."),
        (3, "Choose up to 3 projects you want funded.", "Choose up to 3 projects."),
    ],
)
def test_the_ballot_says_how_many_projects_may_be_chosen(client, voter, reference_data, limit, choose, hint):
    from localism.models import Place

    limited = RoundFactory(
        places=[Place.objects.get(slug="cromer")], method=Round.Method.APPROVAL, approval_limit=limit
    )
    ProjectFactory(round=limited)
    html = client.get(reverse("budgeting:vote", kwargs={"slug": limited.slug})).content.decode()
    assert choose in html
    assert hint in html  # the field's hint


def test_an_empty_ballot_is_refused(client, voter, cromer_round):
    ProjectFactory(round=cromer_round)
    assert "Choose at least one project" in _vote(client, cromer_round, []).content.decode()
    assert not Ballot.objects.exists()


def test_a_project_from_another_round_or_not_accepted_cannot_be_voted_for(client, voter, cromer_round):
    other = ProjectFactory()
    declined = ProjectFactory(round=cromer_round, status="declined", decline_reason="Outside the area")
    for project in (other, declined):
        assert "There is a problem" in _vote(client, cromer_round, [project]).content.decode()
    assert not Ballot.objects.exists()


@pytest.mark.parametrize(
    ("postcode", "verified", "message"),
    [
        ("NR2 1AB", True, "Only people who live in Cromer can vote in this round."),
        ("", True, "Add your home postcode to your profile"),
        ("NR27 9AB", False, "Confirm your email address before you vote."),
    ],
)
def test_people_who_may_not_vote_are_told_why(client, cromer_round, postcode, verified, message):
    PostcodeFactory()
    PostcodeFactory(in_cromer=True)
    person = UserFactory(home_postcode=postcode, verified=verified)
    client.force_login(person)
    project = ProjectFactory(round=cromer_round)
    response = _vote(client, cromer_round, [project])
    assert response.status_code == 403
    assert message in response.content.decode()
    assert not Ballot.objects.exists()


def test_a_round_for_a_district_admits_every_postcode_in_it(client, reference_data):
    from localism.models import Place

    district_round = RoundFactory(places=[Place.objects.get(slug="north-norfolk")])
    PostcodeFactory(postcode="NR21 0AA", latitude=52.83, longitude=0.85, district_code="E07000147")
    client.force_login(UserFactory(home_postcode="NR21 0AA"))
    project = ProjectFactory(round=district_round)
    assert _vote(client, district_round, [project]).status_code == 302


def test_closed_and_not_yet_open_rounds_refuse_votes(client, voter, reference_data):
    from localism.models import Place

    now = timezone.now()
    cromer = Place.objects.get(slug="cromer")
    closed = RoundFactory(
        places=[cromer], voting_opens=now - timedelta(days=10), voting_closes=now - timedelta(days=1)
    )
    early = RoundFactory(places=[cromer], voting_opens=now + timedelta(days=1), voting_closes=now + timedelta(days=9))
    for budget_round in (closed, early):
        response = _vote(client, budget_round, [ProjectFactory(round=budget_round)])
        assert response.status_code == 403
        assert "Voting is not open for this round." in response.content.decode()
    assert not Ballot.objects.exists()


def test_ballots_do_not_record_who_voted(client, voter, cromer_round):
    project = ProjectFactory(round=cromer_round)
    _vote(client, cromer_round, [project])
    columns = {c.name for c in connection.introspection.get_table_description(connection.cursor(), "budgeting_ballot")}
    assert columns == {"id", "round_id", "voter_key", "channel", "paper_number", "created_at", "updated_at"}
    key = Ballot.objects.get().voter_key
    assert len(key) == 64 and key not in (str(voter.pk), voter.email)


def test_the_round_page_runs_a_fixed_number_of_queries(client, cromer_round, django_assert_max_num_queries):
    for _ in range(25):
        ProjectFactory(round=cromer_round)
    with django_assert_max_num_queries(5):
        response = client.get(cromer_round.get_absolute_url())
    assert "Projects (25)" in response.content.decode()


def test_the_round_page_shows_each_projects_cost_place_and_group(client, cromer_round):
    project = ProjectFactory(round=cromer_round, title="Fish & chip shop benches", cost=Decimal("1234.50"))

    html = client.get(cromer_round.get_absolute_url()).content.decode()

    link = f'<a class="govuk-link" href="{project.get_absolute_url()}">Fish &amp; chip shop benches</a>'
    assert link in html
    # Whole pounds, half a pound up, the thousands grouped.
    assert f"£1,235 · {project.place.name} · {project.organisation.name}</p>" in html


def test_voting_is_rate_limited(client, voter, cromer_round):
    project, other = ProjectFactory(round=cromer_round), ProjectFactory(round=cromer_round)
    statuses = [_vote(client, cromer_round, [project]).status_code for _ in range(20)]
    assert _vote(client, cromer_round, [other]).status_code == 429
    assert statuses[0] == 302
    # the refused ballot changed nothing: one ballot, still for the first project only
    ballot = Ballot.objects.get()
    assert list(ballot.choices.values_list("project", flat=True)) == [project.pk]


def test_the_site_search_finds_accepted_projects_only(client, cromer_round):
    ProjectFactory(round=cromer_round, title="Seafront defibrillator")
    ProjectFactory(round=cromer_round, title="Secret defibrillator plan", status="submitted")
    html = client.get(reverse("localism:search"), {"q": "defibrillators"}).content.decode()
    assert "Budgeting projects (1)" in html and "Seafront defibrillator" in html
    assert "Secret defibrillator plan" not in html


def test_residents_discuss_a_project_with_the_shared_comment_component(client, cromer_round, resident):
    project = ProjectFactory(round=cromer_round, title="Seafront benches")
    client.force_login(resident)
    html = client.get(project.get_absolute_url()).content.decode()
    assert "house-rules" in html  # the discussion's comment form, with its house rules link
    from discussions.models import Comment

    form_action = __import__("re").search(r'action="(/discussions/[^"]+/comment[^"]*)"', html).group(1)
    client.post(form_action, {"text": "Yes please, near the pier.\nThank you."})
    assert Comment.objects.filter(text__startswith="Yes please").exists()
    assert "Yes please, near the pier.<br>Thank you." in client.get(project.get_absolute_url()).content.decode()


def test_the_vote_page_says_when_voting_closes_in_a_sentence_with_one_full_stop(client, voter, cromer_round):
    from zoneinfo import ZoneInfo

    cromer_round.voting_closes = timezone.now().astimezone(ZoneInfo("Europe/London")).replace(
        hour=11, minute=56, second=0, microsecond=0
    ) + timedelta(days=3)
    cromer_round.save()

    html = client.get(reverse("budgeting:vote", kwargs={"slug": cromer_round.slug})).content.decode()

    assert f"You can change your vote until {cromer_round.voting_closes.day} " in html
    assert ", 11:56am.</p>" in html
    assert "a.m." not in html


def test_after_voting_the_person_sees_what_they_chose_and_gets_a_receipt_without_their_choices(
    client, voter, cromer_round, django_capture_on_commit_callbacks
):
    fridge = ProjectFactory(round=cromer_round, title="Community fridge", cost=Decimal("3000"))
    benches = ProjectFactory(round=cromer_round, title="Benches on the prom", cost=Decimal("6000"))
    ProjectFactory(round=cromer_round, title="Youth music", cost=Decimal("5000"))
    with django_capture_on_commit_callbacks(execute=True):
        response = _vote(client, cromer_round, [fridge, benches])
    page = client.get(response["Location"]).content.decode()
    assert "Your vote is recorded" in page
    assert "Community fridge" in page and "Benches on the prom" in page and "Youth music" not in page
    assert "£9,000</strong> of £10,000" in page
    receipt = mail.outbox[-1]
    assert receipt.to == [voter.email]
    assert receipt.subject.endswith(f"Your vote in {cromer_round.title} is recorded")
    for title in ("Community fridge", "Benches on the prom"):
        assert title not in receipt.body
    assert "nobody, not even council staff, can see who voted for what" in receipt.body


def test_changing_a_vote_sends_another_receipt(client, voter, cromer_round, django_capture_on_commit_callbacks):
    project = ProjectFactory(round=cromer_round)
    with django_capture_on_commit_callbacks(execute=True):
        _vote(client, cromer_round, [project])
        _vote(client, cromer_round, [project])
    assert len([m for m in mail.outbox if "is recorded" in m.subject]) == 2


def test_the_vote_summary_of_someone_who_has_not_voted_sends_them_to_vote(client, voter, cromer_round):
    response = client.get(reverse("budgeting:vote_done", kwargs={"slug": cromer_round.slug}))
    assert response["Location"] == reverse("budgeting:vote", kwargs={"slug": cromer_round.slug})


def test_the_round_page_says_who_may_vote_and_why(client, voter, cromer_round):
    page = client.get(cromer_round.get_absolute_url()).content.decode()
    assert "Who can vote, and why" in page
    assert "so the people who live there decide how" in page
    assert "You can vote in this round" in page


def test_the_round_page_tells_a_person_without_a_postcode_what_to_do(client, resident, cromer_round):
    client.force_login(resident)
    page = client.get(cromer_round.get_absolute_url()).content.decode()
    assert "You cannot vote in this round yet:" in page
    assert "Add your home postcode to your profile" in page
    assert f'href="{reverse("accounts:profile")}">Add your postcode</a>' in page


def test_each_ballot_box_carries_its_cost_for_the_running_total(client, voter, cromer_round):
    project = ProjectFactory(round=cromer_round, cost=Decimal("2500"))
    page = client.get(reverse("budgeting:vote", kwargs={"slug": cromer_round.slug})).content.decode()
    assert f'value="{project.pk}" data-cost="2500.00"' in page
    assert 'data-ballot data-pot="10000.00"' in page
