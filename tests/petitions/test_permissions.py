"""Who may see a petition and send a draft to be checked: personas × states, asked through `has_perm`."""

import pytest

from petitions.models import Petition
from tests.permission_matrix import EVERYONE, who_may
from tests.petitions.factories import PetitionFactory

pytestmark = pytest.mark.django_db

NOT_YET_OPEN = {"opened_at": None, "closes_at": None}

# State: who sees the petition the owner started, who may send it to be checked, and who may change it.
MATRIX = {
    Petition.Status.DRAFT: ({"owner", "staff"}, {"owner"}, {"owner"}),
    Petition.Status.CHECKING: ({"owner", "staff"}, set(), set()),
    Petition.Status.REJECTED: ({"owner", "staff"}, set(), set()),
    Petition.Status.OPEN: (EVERYONE, set(), set()),
    Petition.Status.CLOSED: (EVERYONE, set(), set()),
}


@pytest.mark.parametrize("status", list(MATRIX))
def test_every_petition_permission_for_every_persona(personas, scheme, status):
    extra = NOT_YET_OPEN if status in (Petition.Status.DRAFT, Petition.Status.CHECKING) else {}
    if status == Petition.Status.REJECTED:
        extra = {"rejection_reason": "It asks about a planning decision."}
    petition = PetitionFactory(creator=personas["owner"], status=status, **extra)

    got = (
        who_may(personas, "petitions.see_petition", petition),
        who_may(personas, "petitions.submit_petition", petition),
        who_may(personas, "petitions.edit_petition", petition),
    )
    assert got == MATRIX[status]
    # The public see exactly the petitions the list, the search and the sitemap show.
    assert ("anonymous" in got[0]) == Petition.objects.public().filter(pk=petition.pk).exists()
