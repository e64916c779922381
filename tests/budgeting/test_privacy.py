"""Budgeting data: proposals and their own ballots in the download; deletion leaves votes counted, unlinkable."""

from decimal import Decimal

import pytest
from django.urls import reverse

from budgeting.models import Ballot, Project
from budgeting.services import ballot_cast, ballot_of, round_count
from tests.budgeting.factories import ProjectFactory, RoundFactory
from tests.downloads import downloaded_json

pytestmark = pytest.mark.django_db


@pytest.fixture
def fund():
    return RoundFactory(title="Cromer community fund")


def test_the_download_holds_the_persons_proposals_and_their_own_ballots_only(
    resident_client, resident, other_resident, fund
):
    benches = ProjectFactory(round=fund, title="Seafront benches", proposer=resident, cost=Decimal("2500"))
    mural = ProjectFactory(round=fund, title="Pier mural")
    other_round = RoundFactory(title="Holt community fund")
    ballot_cast(round=fund, user=resident, project_ids=[benches.pk, mural.pk])
    ballot_cast(round=other_round, user=other_resident, project_ids=[ProjectFactory(round=other_round).pk])

    data = downloaded_json(resident_client.get(reverse("accounts:data_download")))["budgeting"]

    [proposal] = data["projects_proposed"]
    assert (proposal["title"], proposal["cost"], proposal["round"]) == ("Seafront benches", "2500.00", fund.title)
    [ballot] = data["ballots"]
    assert ballot["round"] == "Cromer community fund"
    assert sorted(ballot["chosen_projects"]) == ["Pier mural", "Seafront benches"]


def test_deleting_the_account_keeps_the_vote_counted_but_nobody_can_find_it_again(
    resident_client, resident, other_resident, fund, password
):
    benches = ProjectFactory(round=fund, title="Seafront benches", proposer=resident)
    mural = ProjectFactory(round=fund, title="Pier mural")
    ballot = ballot_cast(round=fund, user=resident, project_ids=[benches.pk])
    ballot_cast(round=fund, user=other_resident, project_ids=[mural.pk])
    key, last_changed = ballot.voter_key, ballot.updated_at

    resident_client.post(reverse("accounts:delete"), {"password": password})

    ballot.refresh_from_db()
    assert ballot.voter_key != key and len(ballot.voter_key) == len(key)
    # Its last change is not moved to the moment of deletion, which would point at it.
    assert ballot.updated_at == last_changed
    assert ballot_of(fund, resident) == []
    assert {t.title: t.online_votes for t in round_count(fund)} == {"Seafront benches": 1, "Pier mural": 1}
    assert ballot_of(fund, other_resident) == [mural.pk]
    assert Ballot.objects.count() == 2
    assert str(Project.objects.get(pk=benches.pk).proposer) == "Former participant"
