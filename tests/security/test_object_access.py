"""A signed-in person without the right gets 403 or 404 for someone else's object, and nothing changes."""

import json

import pytest
from django.contrib import admin
from django.test import Client
from django.urls import reverse

from budgeting.models import Project
from consultations.models import Question, Response
from directory.models import Invitation, Listing, Membership, Organisation
from discussions.models import Comment
from tests.admin_forms import admin_url
from tests.budgeting.factories import ProjectFactory, proposal_form
from tests.clients import signed_in
from tests.consultations.factories import ConsultationFactory, MeetingFactory, QuestionFactory, TeamFactory
from tests.directory.factories import ListingFactory, MembershipFactory, OrganisationFactory
from tests.discussions.factories import CommentFactory
from tests.downloads import downloaded_json, downloaded_text
from tests.factories import PlaceFactory
from tests.security.state import changed_tables, table_digests
from tests.transparency.factories import AssetNominationFactory, ExpressionOfInterestFactory
from transparency.models import AssetNomination

pytestmark = pytest.mark.django_db


def assert_refused(client, method: str, url: str, status: int, data=None) -> None:
    """The request is refused with the status, and no row anywhere was added, changed or removed."""
    before = table_digests()
    response = getattr(client, method)(url, data or {})
    assert response.status_code == status, f"{method.upper()} {url} gave {response.status_code}, not {status}"
    assert changed_tables(before) == [], f"{method.upper()} {url} changed the database"


# --- Directory --------------------------------------------------------------------------------


@pytest.fixture
def rival(other_group_owner):
    return signed_in(other_group_owner)


LISTING_EDIT = {"name": "Stolen", "kind": "club", "summary": "Taken over.", "description": "Taken over."}


def test_another_groups_draft_listing_is_not_found(rival, draft_listing):
    assert_refused(rival, "get", draft_listing.get_absolute_url(), 404)
    assert_refused(rival, "get", reverse("directory:listing_edit", kwargs={"pk": draft_listing.pk}), 404)
    assert_refused(Client(), "get", draft_listing.get_absolute_url(), 404)


@pytest.mark.parametrize("action", ["edit", "submit", "archive", "confirm"])
@pytest.mark.parametrize("state", ["draft", "published"])
def test_another_groups_listing_cannot_be_changed(rival, organisation, action, state):
    listing = ListingFactory(
        organisation=organisation,
        name="Memory Café",
        status=Listing.Status.DRAFT if state == "draft" else Listing.Status.PUBLISHED,
    )
    assert_refused(
        rival, "post", f"/directory/your-listings/{listing.pk}/{action}/", 404, LISTING_EDIT | {"submit": "1"}
    )
    listing.refresh_from_db()
    assert listing.name == "Memory Café"


def test_another_group_cannot_add_a_listing_to_an_organisation(rival, organisation):
    url = reverse("directory:listing_create", kwargs={"slug": organisation.slug})
    assert_refused(rival, "get", url, 404)
    assert_refused(rival, "post", url, 404, LISTING_EDIT)


@pytest.mark.parametrize("page", ["", "details/", "listings/new/"])
def test_another_groups_management_pages_are_not_found(rival, organisation, page):
    assert_refused(rival, "get", f"/directory/your-organisations/{organisation.slug}/{page}", 404)


def test_a_non_member_cannot_change_an_organisations_details_or_members(rival, organisation, group_owner):
    base = reverse("directory:organisation_manage", kwargs={"slug": organisation.slug})
    assert_refused(rival, "post", f"{base}details/", 404, {"name": "Taken", "kind": "charity", "description": "x"})
    assert_refused(rival, "post", f"{base}invite/", 404, {"email": "rival@example.org", "role": "owner"})
    assert_refused(rival, "post", f"{base}leave/", 404)
    organisation.refresh_from_db()
    assert organisation.name == "Aylsham Dementia Friends"
    assert list(organisation.memberships.values_list("user__email", flat=True)) == [group_owner.email]


def test_an_editor_cannot_manage_members_or_the_organisations_details(group_editor, organisation, group_owner):
    editor = signed_in(group_editor)
    base = reverse("directory:organisation_manage", kwargs={"slug": organisation.slug})
    assert_refused(editor, "get", f"{base}details/", 403)
    assert_refused(editor, "post", f"{base}details/", 403, {"name": "Taken", "kind": "charity", "description": "x"})
    assert_refused(editor, "post", f"{base}invite/", 403, {"email": "friend@example.org", "role": "owner"})
    assert not Invitation.objects.exists()


def test_an_invitation_sent_to_someone_else_cannot_be_used(rival, organisation, group_owner, other_group_owner):
    invitation = Invitation.objects.create(
        organisation=organisation, email="friend@example.org", role=Membership.Role.OWNER, invited_by=group_owner
    )
    response = rival.post(reverse("directory:invitation_accept", kwargs={"token": invitation.token}))
    assert "sent to a different email address" in response.content.decode()
    assert not Membership.objects.filter(organisation=organisation, user=other_group_owner).exists()
    invitation.refresh_from_db()
    assert invitation.accepted_at is None


def test_an_unverified_organisation_is_hidden_from_people_outside_it(rival, pending_organisation):
    assert_refused(rival, "get", pending_organisation.get_absolute_url(), 404)


# --- Consultations --------------------------------------------------------------------------


@pytest.fixture
def answered(resident, consultation):
    question = QuestionFactory(consultation=consultation, kind=Question.Kind.TEXT, text="Your village")
    client = signed_in(resident)
    assert (
        client.post(
            reverse("consultations:respond", kwargs={"slug": consultation.slug}),
            {f"q{question.pk}": "Secret Swaffham"},
        ).status_code
        == 302
    )
    return question


def test_another_persons_answers_are_not_shown_to_someone_else(other_resident, consultation, answered):
    other = signed_in(other_resident)
    assert (
        "Secret Swaffham"
        not in other.get(reverse("consultations:respond", kwargs={"slug": consultation.slug})).content.decode()
    )
    assert_refused(other, "get", reverse("consultations:respond_done", kwargs={"slug": consultation.slug}), 404)


def test_answering_a_survey_never_changes_another_persons_response(resident, other_resident, consultation, answered):
    response = signed_in(other_resident).post(
        reverse("consultations:respond", kwargs={"slug": consultation.slug}), {f"q{answered.pk}": "Mine"}
    )
    assert response.status_code == 302
    theirs = Response.objects.get(respondent=resident)
    assert theirs.answers.get().text == "Secret Swaffham"
    assert Response.objects.get(respondent=other_resident).answers.get().text == "Mine"


def test_equality_questions_need_your_own_response(other_resident, consultation, answered):
    assert_refused(
        signed_in(other_resident),
        "post",
        reverse("consultations:equality", kwargs={"slug": consultation.slug}),
        302,
        {"age_band": "25-34"},
    )


@pytest.mark.parametrize("page", ["results/responses.csv", "results/equality/", "results/equality/?format=csv"])
def test_responses_and_equality_data_are_for_staff_only(resident_client, consultation, answered, page):
    assert_refused(resident_client, "get", f"/consultations/{consultation.slug}/{page}", 403)


@pytest.mark.parametrize("page", ["", "respond/", "results/", "outcome/", "team/apply/"])
def test_a_draft_consultation_is_not_found(resident_client, page):
    draft = ConsultationFactory(draft=True)
    TeamFactory(consultation=draft)
    assert_refused(resident_client, "get", f"/consultations/{draft.slug}/{page}", 404)


def test_a_draft_consultation_takes_no_response(resident_client):
    draft = ConsultationFactory(draft=True)
    question = QuestionFactory(consultation=draft, kind=Question.Kind.TEXT)
    assert_refused(
        resident_client,
        "post",
        reverse("consultations:respond", kwargs={"slug": draft.slug}),
        404,
        {f"q{question.pk}": "x"},
    )


def test_an_unpublished_meeting_is_not_found(resident_client, consultation):
    meeting = MeetingFactory(team=consultation.team, is_published=False)
    assert_refused(
        resident_client,
        "get",
        reverse("consultations:meeting", kwargs={"slug": consultation.slug, "pk": meeting.pk}),
        404,
    )


def test_a_team_that_is_not_recruiting_takes_no_application(resident_client, consultation):
    consultation.team.is_recruiting = False
    consultation.team.save()
    url = reverse("consultations:team_apply", kwargs={"slug": consultation.slug})
    assert_refused(resident_client, "post", url, 403, {"why": "Let me in", "brings": "Nothing"})


# --- Discussions --------------------------------------------------------------------------


@pytest.fixture
def their_comment(resident, consultation):
    return CommentFactory(target=consultation, author=resident, text="My own words")


def test_another_persons_comment_cannot_be_edited(other_resident, their_comment):
    other = signed_in(other_resident)
    url = reverse("discussions:comment_edit", kwargs={"pk": their_comment.pk})
    assert_refused(other, "get", url, 403)
    assert_refused(other, "post", url, 403, {"text": "Words put in their mouth"})
    their_comment.refresh_from_db()
    assert their_comment.text == "My own words"


def test_another_persons_comment_cannot_be_deleted(other_resident, their_comment):
    other = signed_in(other_resident)
    url = reverse("discussions:comment_delete", kwargs={"pk": their_comment.pk})
    assert_refused(other, "get", url, 403)
    assert_refused(other, "post", url, 403)
    assert Comment.objects.get(pk=their_comment.pk).status == Comment.Status.PUBLISHED


def test_another_persons_hidden_comment_cannot_be_sent_for_review(other_resident, consultation, resident):
    hidden = CommentFactory(target=consultation, author=resident, status=Comment.Status.HIDDEN, hidden_reason="spam")
    assert_refused(
        signed_in(other_resident), "post", reverse("discussions:comment_request_review", kwargs={"pk": hidden.pk}), 403
    )


def test_a_comment_awaiting_moderation_is_seen_only_by_its_author(other_resident, consultation, resident):
    waiting = CommentFactory(target=consultation, author=resident, status=Comment.Status.AWAITING_MODERATION)
    other = signed_in(other_resident)
    for page in ("", "edit/", "delete/", "report/"):
        assert_refused(other, "get", f"/discussions/comments/{waiting.pk}/{page}", 404)
    assert_refused(other, "post", reverse("discussions:comment_agree", kwargs={"pk": waiting.pk}), 404)


def test_nobody_agrees_with_their_own_comment(resident_client, their_comment):
    assert_refused(resident_client, "post", reverse("discussions:comment_agree", kwargs={"pk": their_comment.pk}), 403)


def test_a_reply_cannot_be_attached_to_a_comment_in_another_thread(resident_client, consultation, their_comment):
    elsewhere = ConsultationFactory()
    url = reverse("discussions:comment_create", kwargs={"key": "consultation", "pk": elsewhere.pk})
    response = resident_client.post(url, {"text": "Misplaced reply", "parent": their_comment.pk})
    assert response.status_code in (400, 404)
    assert not Comment.objects.filter(text="Misplaced reply").exists()


def test_a_draft_consultations_discussion_is_not_found(resident_client):
    draft = ConsultationFactory(draft=True)
    assert_refused(
        resident_client, "get", reverse("discussions:thread", kwargs={"key": "consultation", "pk": draft.pk}), 404
    )
    assert_refused(
        resident_client,
        "post",
        reverse("discussions:comment_create", kwargs={"key": "consultation", "pk": draft.pk}),
        404,
        {"text": "Early"},
    )


# --- Transparency -------------------------------------------------------------------------


def test_another_persons_nomination_awaiting_a_decision_is_not_found(resident, other_resident):
    nomination = AssetNominationFactory(nominated_by=resident)
    assert_refused(signed_in(other_resident), "get", nomination.get_absolute_url(), 404)
    assert_refused(Client(), "get", nomination.get_absolute_url(), 404)
    assert signed_in(resident).get(nomination.get_absolute_url()).status_code == 200


def test_another_persons_nomination_documents_are_not_found_even_once_it_is_decided(resident, other_resident):
    from django.core.files.base import ContentFile

    from transparency.models import NominationDocument

    nomination = AssetNominationFactory(nominated_by=resident, status=AssetNomination.Status.LISTED)
    document = NominationDocument.objects.create(
        nomination=nomination, title="Members", file=ContentFile(b"%PDF-1.4\n% names\n", name="members.pdf")
    )
    assert signed_in(resident).get(document.get_absolute_url()).status_code == 200
    assert_refused(signed_in(other_resident), "get", document.get_absolute_url(), 404)
    assert_refused(Client(), "get", document.get_absolute_url(), 404)


def test_another_persons_expression_of_interest_awaiting_a_decision_is_not_found(resident, other_resident):
    expression = ExpressionOfInterestFactory(submitted_by=resident)
    assert_refused(signed_in(other_resident), "get", expression.get_absolute_url(), 404)
    assert signed_in(resident).get(expression.get_absolute_url()).status_code == 200


# --- Budgeting -----------------------------------------------------------------------------


def test_another_persons_project_picture_is_not_found_before_it_is_accepted(resident, other_resident, proposal_round):
    project = ProjectFactory(round=proposal_round, proposer=resident, status=Project.Status.SUBMITTED, image="p.png")
    url = reverse("budgeting:project_image", kwargs={"slug": proposal_round.slug, "pk": project.pk})
    assert_refused(signed_in(other_resident), "get", url, 404)


def test_a_project_cannot_be_proposed_in_the_name_of_someone_elses_group(resident, proposal_round):
    MembershipFactory(user=resident)
    not_mine = OrganisationFactory(name="Not my group")
    client = signed_in(resident)
    response = client.post(
        reverse("budgeting:project_propose", kwargs={"slug": proposal_round.slug}),
        proposal_form(not_mine, PlaceFactory()),
    )
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not Project.objects.exists()


def test_a_proposer_cannot_move_their_project_to_someone_elses_group(resident, proposal_round):
    mine = MembershipFactory(user=resident).organisation
    project = ProjectFactory(
        round=proposal_round, proposer=resident, organisation=mine, status=Project.Status.SUBMITTED
    )
    not_mine = OrganisationFactory(name="Not my group")
    response = signed_in(resident).post(
        reverse("budgeting:project_edit", kwargs={"slug": proposal_round.slug, "pk": project.pk}),
        proposal_form(not_mine, project.place),
    )
    assert response.status_code == 200
    project.refresh_from_db()
    assert project.organisation == mine


# --- Accounts -------------------------------------------------------------------------------


def test_the_data_download_holds_only_the_signed_in_persons_data(resident, other_resident, consultation, answered):
    CommentFactory(target=consultation, author=resident, text="Resident's own comment")
    AssetNominationFactory(nominated_by=resident, asset_name="Resident's pub")
    response = signed_in(other_resident).get(reverse("accounts:data_download"))
    assert response.status_code == 200
    text = json.dumps(downloaded_json(response))
    assert other_resident.email in text
    for private in (
        resident.email,
        resident.display_name,
        "Resident's own comment",
        "Secret Swaffham",
        "Resident's pub",
    ):
        assert private not in text


def test_the_data_download_ignores_attempts_to_name_another_person(resident, other_resident):
    response = signed_in(other_resident).get(
        reverse("accounts:data_download"), {"user": resident.pk, "email": resident.email}
    )
    assert resident.email not in downloaded_text(response)


def test_an_account_is_not_deleted_without_its_password(resident_client, resident):
    assert_refused(resident_client, "post", reverse("accounts:delete"), 200, {"password": "not-the-password"})
    resident.refresh_from_db()
    assert resident.is_active


# --- Staff admin ----------------------------------------------------------------------------


def _admin_urls() -> list[str]:
    """Every registered model's list and add pages, and the custom admin views, from the admin site itself."""
    urls = [reverse("admin:index")]
    urls += [admin_url(model, "changelist") for model in admin.site._registry]
    urls += [
        reverse("admin:directory_listing_import"),
        reverse("admin:localism_importbatch_import"),
    ]
    return urls


def test_every_staff_admin_page_sends_a_resident_to_sign_in(resident_client):
    urls = _admin_urls()
    assert len(urls) > 20
    for url in urls:
        response = resident_client.get(url)
        assert response.status_code == 302 and "/login/" in response["Location"], url


def test_staff_without_two_factor_authentication_are_kept_out_of_the_admin(staff_without_mfa):
    client = signed_in(staff_without_mfa)
    for url in _admin_urls():
        response = client.get(url)
        assert response.status_code == 302 and "/login/" in response["Location"], url
    login = client.get(reverse("admin:login"))
    assert login.status_code == 302 and login["Location"] == reverse("mfa_activate_totp")


def test_a_resident_cannot_run_admin_actions_or_publish(resident_client, resident, consultation):
    comment = CommentFactory(target=consultation, text="Keep me")
    draft = ConsultationFactory(draft=True)
    organisation = OrganisationFactory(status=Organisation.Status.PENDING)
    before = table_digests()
    resident_client.post(
        reverse("admin:discussions_comment_changelist"),
        {"action": "hide_spam", "_selected_action": [comment.pk]},
    )
    resident_client.post(reverse("admin:consultations_publish", kwargs={"pk": draft.pk}), {"formative": "on"})
    resident_client.post(
        reverse("admin:directory_organisation_changelist"), {"action": "verify", "_selected_action": [organisation.pk]}
    )
    resident_client.post(
        reverse("admin:accounts_user_change", kwargs={"object_id": resident.pk}),
        {"is_staff": "on", "is_superuser": "on"},
    )
    assert changed_tables(before) == []
    resident.refresh_from_db()
    assert not resident.is_staff and not resident.is_superuser


def test_a_resident_cannot_reach_staff_only_results_before_closing(resident_client, consultation, answered):
    page = resident_client.get(reverse("consultations:results", kwargs={"slug": consultation.slug})).content.decode()
    assert "Secret Swaffham" not in page


def test_staff_can_reach_what_residents_cannot(moderator, consultation, answered):
    """The refusals above are about the person, not a page that is broken for everyone."""
    staff = signed_in(moderator)
    assert staff.get(reverse("consultations:responses_csv", kwargs={"slug": consultation.slug})).status_code == 200
    assert staff.get(reverse("admin:discussions_comment_changelist")).status_code == 200


def test_the_rival_fixture_really_is_a_member_of_its_own_group(rival, other_group_owner):
    organisation = Organisation.objects.get(memberships__user=other_group_owner)
    assert rival.get(reverse("directory:organisation_manage", kwargs={"slug": organisation.slug})).status_code == 200


def test_a_person_sees_their_own_draft_listing(owner_client, draft_listing):
    assert owner_client.get(draft_listing.get_absolute_url()).status_code == 200


def test_the_owner_can_edit_their_organisation(owner_client, organisation):
    assert (
        owner_client.get(reverse("directory:organisation_edit", kwargs={"slug": organisation.slug})).status_code == 200
    )


def test_an_author_can_edit_their_own_fresh_comment(resident_client, their_comment):
    assert resident_client.get(reverse("discussions:comment_edit", kwargs={"pk": their_comment.pk})).status_code == 200


def test_the_database_fingerprint_sees_an_added_a_changed_and_a_removed_row(their_comment):
    """The harness behind assert_refused: a refused request that did change a row would be caught."""
    before = table_digests()
    Comment.objects.filter(pk=their_comment.pk).update(text="Changed")
    assert changed_tables(before) == ["discussions_comment"]
    before = table_digests()
    CommentFactory(target=their_comment.content_type.get_object_for_this_type(pk=their_comment.object_id))
    assert "discussions_comment" in changed_tables(before)
    before = table_digests()
    Comment.objects.filter(pk=their_comment.pk).delete()
    assert "discussions_comment" in changed_tables(before)
