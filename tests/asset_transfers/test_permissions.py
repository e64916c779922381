"""Who may see, add documents to, send and move on an application: personas × stages, through has_perm."""

import pytest

from asset_transfers.models import Stage, TransferApplication
from tests.permission_matrix import EVERYONE, who_may

pytestmark = pytest.mark.django_db

PERMS = [
    "asset_transfers.see_application",
    "asset_transfers.add_document_application",
    "asset_transfers.send_business_case_application",
    "asset_transfers.accept_interest_application",
    "asset_transfers.decide_application",
    "asset_transfers.complete_application",
]
MATRIX = {
    (Stage.INTEREST, True): [{"owner", "staff"}, {"owner"}, set(), {"staff"}, set(), set()],
    (Stage.BUSINESS_CASE, True): [EVERYONE, {"owner"}, {"owner"}, set(), set(), set()],
    (Stage.ASSESSMENT, True): [EVERYONE, set(), set(), set(), {"staff"}, set()],
    (Stage.DECISION, True): [EVERYONE, set(), set(), set(), set(), {"staff"}],
    (Stage.DECISION, False): [EVERYONE, set(), set(), set(), set(), set()],
}


@pytest.mark.parametrize(("stage", "approved"), list(MATRIX))
def test_every_application_permission_for_every_persona(personas, make_application, stage, approved):
    application = make_application(stage, is_approved=approved)
    got = [who_may(personas, perm, application) for perm in PERMS]
    assert got == MATRIX[(stage, approved)]
    # The public see exactly what the list, the search and the sitemap show.
    assert ("anonymous" in got[0]) == TransferApplication.objects.public().filter(pk=application.pk).exists()


def test_only_members_of_a_verified_group_may_apply(personas, pending_organisation):
    from tests.directory.factories import MembershipFactory
    from tests.factories import UserFactory

    pending_member = UserFactory()
    MembershipFactory(organisation=pending_organisation, user=pending_member)
    assert who_may({**personas, "pending group": pending_member}, "asset_transfers.apply") == {"owner", "other group"}
