"""Paper ballots as ballots: staff enter each one, checked against the round's rule, counted as a voter, once."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from budgeting.models import Ballot, Round
from localism.models import AuditEntry, Council
from participation_codes.services import REFUSAL
from tests.budgeting.factories import ProjectFactory, RoundFactory
from tests.participation_codes.helpers import codes_for

pytestmark = pytest.mark.django_db


def _enter(client, budget_round, number, projects, code=""):
    return client.post(
        reverse("admin:budgeting_paper_ballots", kwargs={"pk": budget_round.pk}),
        {"paper_number": number, "projects": [p.pk for p in projects], "code": code},
    )


def test_staff_enter_a_paper_ballot_counted_as_a_voter(staff_client, moderator, voting_round):
    a, b = (ProjectFactory(round=voting_round, cost=Decimal("3000")) for _ in range(2))
    url = reverse("admin:budgeting_paper_ballots", kwargs={"pk": voting_round.pk})
    assert "Ballot paper number" in staff_client.get(url).content.decode()

    response = _enter(staff_client, voting_round, "0042", [a, b])

    assert response.status_code == 302
    ballot = Ballot.objects.get()
    assert (ballot.channel, ballot.paper_number) == ("paper", "0042")
    assert ballot.choices.count() == 2
    # Who entered it is in the audit trail, by its number, not on the ballot.
    entry = AuditEntry.objects.get(action="budgeting.paper_ballot.entered")
    assert entry.actor == moderator and entry.data["paper_number"] == "0042"
    page = staff_client.get(url).content.decode()
    assert "Ballot paper 0042 is entered and counted." in page and "0 with a code, 1 on paper" in page


def test_a_paper_ballot_over_the_pot_is_refused_with_the_amounts(staff_client, voting_round):
    a, b = (
        ProjectFactory(round=voting_round, cost=Decimal("6000")),
        ProjectFactory(round=voting_round, cost=Decimal("5000")),
    )
    response = _enter(staff_client, voting_round, "7", [a, b])
    html = response.content.decode()
    assert response.status_code == 400
    assert "The choices on this ballot paper cost £11,000, more than the £10,000 available." in html
    assert 'value="7"' in html  # what was typed is kept
    assert not Ballot.objects.exists()


def test_a_paper_ballot_over_the_limit_is_refused(staff_client):
    limited = RoundFactory(method=Round.Method.APPROVAL, approval_limit=2)
    projects = [ProjectFactory(round=limited, cost=Decimal("100")) for _ in range(3)]
    assert "you can choose up to 2" in _enter(staff_client, limited, "1", projects).content.decode()
    assert not Ballot.objects.exists()


def test_the_same_ballot_paper_entered_twice_is_caught(staff_client, voting_round):
    project = ProjectFactory(round=voting_round)
    _enter(staff_client, voting_round, "0042", [project])
    html = _enter(staff_client, voting_round, " 0042 ", [project]).content.decode()
    assert "Ballot paper 0042 has already been entered." in html
    assert Ballot.objects.count() == 1
    # Another round's paper 0042 is another paper.
    other = RoundFactory()
    assert _enter(staff_client, other, "0042", [ProjectFactory(round=other)]).status_code == 302


def test_a_code_on_a_paper_ballot_cannot_vote_online_too_and_the_reverse(client, staff_client, voting_round):
    project = ProjectFactory(round=voting_round)
    on_paper, online = codes_for(voting_round, 2)
    vote = reverse("budgeting:vote_code", kwargs={"slug": voting_round.slug})

    assert _enter(staff_client, voting_round, "1", [project], code=on_paper).status_code == 302
    assert REFUSAL in client.post(vote, {"code": on_paper, "projects": [project.pk]}).content.decode()

    assert client.post(vote, {"code": online, "projects": [project.pk]}).status_code == 302
    assert REFUSAL in _enter(staff_client, voting_round, "2", [project], code=online).content.decode()
    assert sorted(Ballot.objects.values_list("channel", flat=True)) == ["code", "paper"]


def test_paper_ballots_are_entered_until_the_results_are_published(staff_client, moderator):
    now = timezone.now()
    upcoming = RoundFactory(voting_opens=now + timedelta(days=1), voting_closes=now + timedelta(days=9))
    counting = RoundFactory(voting_opens=now - timedelta(days=9), voting_closes=now - timedelta(days=1))
    assert (
        "from when voting opens"
        in _enter(staff_client, upcoming, "1", [ProjectFactory(round=upcoming)]).content.decode()
    )
    assert _enter(staff_client, counting, "1", [ProjectFactory(round=counting)]).status_code == 302
    counting.results_published_at = now
    counting.save()
    assert _enter(staff_client, counting, "2", [counting.projects.get()]).status_code == 400


def test_a_parish_clerk_enters_paper_ballots_only_for_their_own_councils_rounds(client, parish_clerk):
    own = RoundFactory(council=Council.objects.get(slug="cromer-town-council"))
    other = RoundFactory(council=Council.objects.get(slug="holt-town-council"))
    client.force_login(parish_clerk)
    assert _enter(client, own, "1", [ProjectFactory(round=own)]).status_code == 302
    response = _enter(client, other, "1", [ProjectFactory(round=other)])
    assert response.status_code in (403, 404)
    assert Ballot.objects.filter(round=other).count() == 0


def test_results_say_how_many_took_part_by_account_code_and_paper(client, staff_client, moderator, resident):
    from budgeting import services
    from budgeting.services import ballot_cast_with_code, paper_ballot_enter, round_publish_results

    budget_round = RoundFactory()
    project = ProjectFactory(round=budget_round, title="Seafront benches")
    racks = ProjectFactory(round=budget_round, title="Bike racks")
    codes = codes_for(budget_round, 2)
    Ballot.objects.create(round=budget_round, voter_key=services.voter_key(budget_round, resident)).choices.create(
        project=project
    )
    for code in codes:
        ballot_cast_with_code(round=budget_round, code=code, project_ids=[project.pk])
    for number in ("1", "2", "3"):
        paper_ballot_enter(round=budget_round, number=number, project_ids=[project.pk], by=moderator)
    paper_ballot_enter(round=budget_round, number="4", project_ids=[racks.pk], by=moderator)
    Round.objects.filter(pk=budget_round.pk).update(
        voting_opens=timezone.now() - timedelta(days=2), voting_closes=timezone.now() - timedelta(days=1)
    )
    budget_round.refresh_from_db()

    round_publish_results(round=budget_round, by=moderator)

    budget_round.refresh_from_db()
    assert budget_round.results["took_part"] == {"online": 1, "code": 2, "paper": 4}
    row = budget_round.results["projects"][0]
    assert (row["online_votes"], row["code_votes"], row["paper_votes"], row["votes"]) == (1, 2, 3, 6)
    html = client.get(reverse("budgeting:results", kwargs={"slug": budget_round.slug})).content.decode()
    assert "Online, with a one-time code" in html and "On paper ballots" in html
    assert "paper votes were counted project by project" not in html  # no older tallies in this round
    assert ">1 vote<" in html and ">6 votes<" in html  # the chart, one project with a single vote
