"""Who may propose, edit and vote, decided on the server."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.utils import timezone

from accounts.permissions import has_verified_email, is_staff_member
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


def can_propose(user, round: Round, now=None) -> bool:
    return proposal_refusal(user, round, now) is None


def check_can_edit_project(user, project: Project, now=None) -> None:
    """Only the proposer, and only until checking starts."""
    if not user.is_authenticated or project.proposer_id != user.pk:
        raise PermissionDenied("Only the person who proposed a project can change it.")
    if (now or timezone.now()) >= project.round.checking_starts:
        raise PermissionDenied("Projects can no longer be changed: checking has started.")


def can_see_project(user, project: Project) -> bool:
    return project.status == Project.Status.ACCEPTED or (
        user.is_authenticated and (project.proposer_id == user.pk or is_staff_member(user))
    )
