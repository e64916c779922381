"""Who may propose, edit, see and vote, decided on the server.

`(user, obj)` predicates registered as `budgeting.<action>_<model>`. Where a person is refused, the
`*_refusal` functions say why in words for them; the predicates are "no refusal", so the rule and
its explanation cannot drift apart.
"""

from __future__ import annotations

import rules
from django.utils import timezone

from accounts.permissions import has_verified_email
from accounts.rules import is_person_in, is_staff_for, object_is
from budgeting.models import Project, Round
from directory.selectors import verified_organisations_of
from localism.models import Place, Postcode
from localism.postcodes import place_for_postcode


def voting_refusal(user, round: Round, now=None) -> str | None:
    """Why this person cannot vote in this round now, or None if they can."""
    if round.stage(now) != Round.Stage.VOTING:
        return "Voting is not open for this round."
    return eligibility_refusal(user, round)


def eligibility_refusal(user, round: Round) -> str | None:
    """Why this person may not vote in this round whenever voting is open, or None if they may."""
    if not user.is_authenticated:
        return "Sign in to vote."
    if not has_verified_email(user):
        return "Confirm your email address before you vote."
    if not user.home_postcode:
        return "Add your home postcode to your profile so that we can check you live in the area."
    postcode = Postcode.objects.filter(postcode=user.home_postcode).first()
    home = place_for_postcode(postcode) if postcode else None
    if home is None or not _within(home, postcode, round):
        return f"Only people who live in {', '.join(p.name for p in round.places.all())} can vote in this round."
    return None


def _within(home: Place, postcode: Postcode, round: Round) -> bool:
    allowed = set(round.places.values_list("pk", flat=True))
    allowed_districts = set(round.places.filter(kind=Place.Kind.DISTRICT).values_list("ons_code", flat=True))
    if postcode.district_code in allowed_districts:
        return True
    node = home
    while node is not None:
        if node.pk in allowed:
            return True
        node = node.parent
    return False


def proposal_refusal(user, round: Round, now=None) -> str | None:
    """Why this person cannot propose a project in this round now, or None if they can."""
    if round.stage(now) != Round.Stage.PROPOSALS:
        return "Proposals are not open for this round."
    if not has_verified_email(user):
        return "Sign in with a confirmed email address to propose a project."
    if not verified_organisations_of(user).exists():
        return "Projects are proposed by groups: register your group in the directory, or ask to join it, first."
    return None


def edit_refusal(user, project: Project, now=None) -> str | None:
    """Only the proposer, and only until checking starts."""
    if not user.is_authenticated or project.proposer_id != user.pk:
        return "Only the person who proposed a project can change it."
    if (now or timezone.now()) >= project.round.checking_starts:
        return "Projects can no longer be changed: checking has started."
    return None


@rules.predicate
def may_propose(user, round: Round) -> bool:
    return proposal_refusal(user, round) is None


@rules.predicate
def may_vote(user, round: Round) -> bool:
    return voting_refusal(user, round) is None


@rules.predicate
def may_edit(user, project: Project) -> bool:
    return edit_refusal(user, project) is None


is_accepted = object_is("is_accepted")
is_proposer = is_person_in("proposer_id")
is_published_round = object_is("is_published")


rules.add_perm("budgeting.propose_project", may_propose)
rules.add_perm("budgeting.vote_in_round", may_vote)
rules.add_perm("budgeting.edit_project", may_edit)
# Accepted projects are public; the proposer and the round's council's staff see the others.
rules.add_perm("budgeting.see_project", is_accepted | is_proposer | is_staff_for)
# Published rounds are public (followed, and their funded projects' delivery shown); staff see their own too.
rules.add_perm("budgeting.see_round", is_published_round | is_staff_for)
# The council whose money it is runs the round and checks its projects: its own staff, or the county's team.
rules.add_perm("budgeting.run_round", is_staff_for)
