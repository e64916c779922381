"""Voting with a one-time code, without an account: once, within the rules, and one refusal for every bad code."""

import hashlib
from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from budgeting.models import Ballot, BallotChoice
from participation_codes.models import ParticipationCode
from participation_codes.services import REFUSAL, batch_create, batch_revoke
from tests.budgeting.factories import ProjectFactory, RoundFactory
from tests.participation_codes.helpers import codes_for

pytestmark = pytest.mark.django_db


def _vote(client, budget_round, code, projects):
    return client.post(
        reverse("budgeting:vote_code", kwargs={"slug": budget_round.slug}),
        {"code": code, "projects": [p.pk for p in projects]},
    )


def test_a_code_votes_once_without_an_account(client, voting_round):
    a, b = (ProjectFactory(round=voting_round, cost=Decimal("3000")) for _ in range(2))
    code = codes_for(voting_round)[0]
    page = client.get(reverse("budgeting:vote_code", kwargs={"slug": voting_round.slug})).content.decode()
    assert "Your one-time code" in page and a.title in page

    response = _vote(client, voting_round, code.lower()[:4] + " " + code[4:], [a, b])  # as typed from the card

    assert response["Location"] == reverse("budgeting:vote_code_done", kwargs={"slug": voting_round.slug})
    ballot = Ballot.objects.get()
    assert ballot.channel == Ballot.Channel.CODE
    assert sorted(BallotChoice.objects.values_list("project_id", flat=True)) == sorted([a.pk, b.pk])
    assert "Your code is now used up" in client.get(response["Location"]).content.decode()
    again = _vote(client, voting_round, code, [a])
    assert REFUSAL in again.content.decode() and Ballot.objects.count() == 1


def test_a_wrong_used_revoked_or_other_rounds_code_gets_one_message_and_nothing_changes(client, voting_round):
    project = ProjectFactory(round=voting_round)
    used, live = codes_for(voting_round, 2)
    _vote(client, voting_round, used, [project])
    revoked_batch, revoked = batch_create(target=voting_round, size=1, label="Lost in the post", by=None)
    batch_revoke(batch=revoked_batch, by=None)
    other_round_code = codes_for(RoundFactory())[0]
    wrong = "ABCD-EFGH-JKMN"

    pages = [_vote(client, voting_round, code, [project]) for code in (wrong, used, revoked[0], other_round_code, "x")]

    assert {page.status_code for page in pages} == {400}
    assert all(REFUSAL in page.content.decode() for page in pages)
    assert Ballot.objects.count() == 1
    assert ParticipationCode.objects.filter(used_at__isnull=False).count() == 1
    assert _vote(client, voting_round, live, [project]).status_code == 302  # the live code still works


def test_a_code_ballot_over_the_pot_is_refused_with_the_amounts_and_the_code_still_works(client, voting_round):
    a, b = (
        ProjectFactory(round=voting_round, cost=Decimal("6000")),
        ProjectFactory(round=voting_round, cost=Decimal("5000")),
    )
    code = codes_for(voting_round)[0]
    html = _vote(client, voting_round, code, [a, b]).content.decode()
    assert "Your choices cost £11,000, more than the £10,000 available." in html
    assert f'value="{code}"' in html  # what was typed is kept
    assert not Ballot.objects.exists() and not ParticipationCode.objects.filter(used_at__isnull=False).exists()
    assert _vote(client, voting_round, code, [a]).status_code == 302


def test_a_code_cannot_vote_once_voting_has_closed(client):
    now = timezone.now()
    closed = RoundFactory(voting_opens=now - timedelta(days=5), voting_closes=now - timedelta(days=1))
    project = ProjectFactory(round=closed)
    code = codes_for(closed)[0]
    assert _vote(client, closed, code, [project]).status_code == 403
    assert not Ballot.objects.exists()


def test_only_the_codes_keyed_hash_is_stored_and_codes_have_enough_entropy(voting_round):
    codes = codes_for(voting_round, 50)
    assert len(set(codes)) == 50 and all(len(code) == 12 for code in codes)
    stored = set(ParticipationCode.objects.values_list("digest", flat=True))
    assert len(stored) == 50 and not stored & set(codes)
    assert not stored & {hashlib.sha256(code.encode()).hexdigest() for code in codes}  # keyed, not a plain hash


def test_guessing_codes_is_rate_limited(client, voting_round):
    project = ProjectFactory(round=voting_round)
    answers = [_vote(client, voting_round, "ABCD-EFGH-JKMN", [project]).status_code for _ in range(11)]
    assert answers[:10] == [400] * 10 and answers[10] == 429


def test_the_round_page_offers_voting_with_a_code(client, voting_round):
    html = client.get(voting_round.get_absolute_url()).content.decode()
    assert reverse("budgeting:vote_code", kwargs={"slug": voting_round.slug}) in html
