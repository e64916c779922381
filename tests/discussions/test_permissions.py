"""Who may do what in a discussion: personas × comment and thread states, asked through `has_perm`."""

import pytest
from django.utils import timezone

from discussions.models import Comment
from tests.consultations.factories import ConsultationFactory
from tests.discussions.factories import CommentFactory
from tests.permission_matrix import EVERYONE, SIGNED_IN, who_may

pytestmark = pytest.mark.django_db

C = Comment.Status
OTHERS = SIGNED_IN - {"resident"}  # signed in with a verified email, and not the author
COMMENT_PERMISSIONS = (
    "discussions.see_comment",
    "discussions.edit_comment",
    "discussions.remove_comment",
    "discussions.agree_with_comment",
    "discussions.report_comment",
    "discussions.request_review_comment",
)
HIDDEN = {"status": C.HIDDEN, "hidden_reason": Comment.HideReason.OFF_TOPIC}

# Thread, comment (written by the resident, just now): who may see, edit, delete, agree, report, ask for a review.
COMMENT_MATRIX = {
    ("open", "published"): ({"status": C.PUBLISHED}, (EVERYONE, {"resident"}, {"resident"}, OTHERS, OTHERS, set())),
    ("open", "awaiting moderation"): (
        {"status": C.AWAITING_MODERATION},
        ({"resident", "staff"}, {"resident"}, {"resident"}, set(), set(), set()),
    ),
    ("open", "hidden"): (HIDDEN, (EVERYONE, set(), set(), set(), set(), {"resident"})),
    ("open", "hidden, review asked"): (
        {**HIDDEN, "review_requested_at": timezone.now()},
        (EVERYONE, set(), set(), set(), set(), set()),
    ),
    ("open", "deleted"): ({"status": C.DELETED}, (EVERYONE, set(), set(), set(), set(), set())),
    ("closed", "published"): ({"status": C.PUBLISHED}, (EVERYONE, set(), {"resident"}, set(), OTHERS, set())),
}


@pytest.mark.parametrize(("thread", "state"), list(COMMENT_MATRIX))
def test_who_may_do_what_with_a_comment(personas, thread, state):
    fields, expected = COMMENT_MATRIX[(thread, state)]
    consultation = ConsultationFactory(**({"closed": True} if thread == "closed" else {}))
    comment = CommentFactory(target=consultation, author=personas["resident"], **fields)

    assert tuple(who_may(personas, perm, comment) for perm in COMMENT_PERMISSIONS) == expected


# Consultation state: who may comment, who may answer as the council, whose comments skip pre-moderation.
THREAD_MATRIX = {
    "open": (SIGNED_IN, {"staff"}, {"staff"}),
    "closed": (set(), {"staff"}, {"staff"}),
    "draft": (set(), {"staff"}, {"staff"}),
}


@pytest.mark.parametrize("state", list(THREAD_MATRIX))
def test_who_may_take_part_in_a_thread(personas, state):
    consultation = ConsultationFactory(**({} if state == "open" else {state: True}))

    got = tuple(
        who_may(personas, perm, consultation)
        for perm in ("discussions.post_comment", "discussions.reply_officially", "discussions.bypass_premoderation")
    )
    assert got == THREAD_MATRIX[state]


def test_only_staff_with_two_factor_authentication_moderate(personas):
    assert who_may(personas, "discussions.moderate_comment") == {"staff"}
