"""An object a person may not see is answered exactly as one that does not exist, wherever its id is sent.

The references come from the URL resolver (every argument of every route outside the staff admin) and
from the forms (every field that names a row, and the follow button's target). Each must have a sample
below: an object hidden from the people asking, the same request for an object that does not exist,
and the person who may see it (the control, which proves the hidden object is really there). A new
route or field without a sample fails `test_every_object_reference_has_a_sample`, as a new form fails
the CSRF suite. Reasons stand in for samples only where the reference names nothing private.

The people asking: nobody signed in, another resident, a staff account without two-factor
authentication, and a staff member who gave their password but not yet their code. None of them
may tell a hidden object from a missing one, by status or by page, and none of them changes anything.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta

import pytest
from django import forms
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from asset_transfers.models import TransferDocument
from budgeting.models import DeliveryUpdate, Project
from consultations.models import MeetingPaper, Response
from directory.models import Listing, Membership, Organisation
from discussions.models import Comment
from events.services import registration_sign_up
from localism.models import Council, Place
from notifications.models import Subscription
from partnerships.models import MeetingPaper as PartnershipPaper
from petitions.models import Petition
from tests.asset_transfers.factories import submit_application
from tests.budget_simulator.factories import BudgetSimulatorFactory
from tests.budgeting.factories import ProjectFactory, RoundFactory, funded_project
from tests.clients import signed_in
from tests.consultations.factories import (
    ConsultationFactory,
    DocumentFactory,
    MeetingFactory,
    OutcomeFactory,
    QuestionFactory,
    TeamFactory,
)
from tests.directory.factories import ListingFactory, LocationFactory, MembershipFactory, OrganisationFactory
from tests.discussions.factories import CommentFactory
from tests.events.factories import EventFactory
from tests.factories import InformationPageFactory, PlaceFactory, PostcodeFactory, ResourceFactory, UserFactory
from tests.partnerships.factories import MeetingFactory as PartnershipMeetingFactory
from tests.partnerships.factories import PartnershipFactory
from tests.petitions.factories import PetitionFactory
from tests.security.payloads import ODD_TEXT_COMBINED, server_errors, with_odd_text
from tests.security.state import changed_tables, table_digests
from tests.security.test_csrf import ROUTES
from tests.transparency.factories import (
    AssetNominationFactory,
    DecisionFactory,
    ExpressionOfInterestFactory,
    NoticeFactory,
)
from transparency.models import AssetNomination, DecisionDocument, NominationDocument, NoticeDocument

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n% a private paper\n"

# Route arguments that name nothing private, with the reason.
NOT_PRIVATE = {
    "localism:place_detail": "places are public by nature",
    "neighbourhood_plans:detail": "every neighbourhood plan is public from its designation",
    "neighbourhood_plans:document": "a plan's documents are published by staff, as the plan is",
    "consultations:list_download": "the argument is a file format",
    "localism:council_detail": "councils are public bodies; every council page is public",
    "localism:councillor_detail": "councillors are elected representatives; every councillor page is public",
    "localism:councillor_surgeries": "a councillor's surgeries are public; the feed is the councillor page's",
    "directory:category_detail": "categories are a public vocabulary",
    "oruk:taxonomy_detail": "taxonomies are a public vocabulary",
    "oruk:taxonomy_term_detail": "categories are a public vocabulary",
    "transparency:supplier_detail": "suppliers are named only from published spending",
    "transparency:spending_download": "the argument is a file format",
    "transparency:contracts_download": "the argument is a file format",
    "transparency:grants_download": "the argument is a file format",
    "transparency:decisions_download": "the argument is a file format",
    "transparency:notices_download": "the argument is a file format",
    "asset_transfers:list_download": "the argument is a file format",
    "neighbourhood_plans:list_download": "the argument is a file format",
    "partnerships:list_download": "the argument is a file format",
    "transparency:assets_download": "the arguments are a list name and a file format",
    "transparency:challenge_express_interest": "Right to Challenge windows are public",
    "directory:invitation_accept": "the token is a secret sent only to the invited address; holding it is the right",
    "notifications:unsubscribe": "the signed token is the right; it names no object",
    "account_confirm_email": "the key is a secret sent only to the address",
    "account_reset_password_from_key": "the key is a secret sent only to the address",
    "directory:listing_confirm": "covered by listing_edit's sample: the same rule, the same lookup",
    "asset_transfers:business_case_send": "covered by asset_transfers:detail's sample: the same lookup (_application)",
    "budget_simulator:download": "the argument is a file format; the rows are those of results the asker may see",
}

# Form fields that name a row, with the reason their choices hold nothing private.
PUBLIC_CHOICES = {
    ("accounts", "ProfileForm", "home_place"): "places are public",
    ("accounts", "ProfileForm", "interests"): "topics are public",
    ("notifications", "TopicsForm", "topics"): "topics are public",
    ("directory", "OrganisationForm", "places"): "places are public",
    ("directory", "ListingForm", "categories"): "categories are public",
    ("directory", "ListingForm", "service_areas"): "places are public",
    ("budgeting", "ProjectForm", "place"): "places are public",
    ("budgeting", "PaperBallotForm", "projects"): "a staff admin form; its choices are the round's accepted projects, "
    "which are public",
    ("consultations", "ConsultationFilterForm", "topic"): "topics are public",
    ("consultations", "ConsultationFilterForm", "place"): "places are public",
    ("transparency", "AssetFilterForm", "place"): "places are public",
    ("transparency", "NoticeFilterForm", "council"): "councils are public bodies",
    (
        "petitions",
        "PetitionStartForm",
        "council",
    ): "councils are public bodies, and the choices are those taking petitions",
    ("petitions", "PetitionStartForm", "subject"): "what councils are responsible for is public",
    ("petitions", "PetitionStartForm", "place"): "places are public",
    ("petitions", "PetitionFilterForm", "council"): "councils are public bodies",
    ("petitions", "PetitionFilterForm", "district"): "places are public",
    ("neighbourhood_plans", "PlanFilterForm", "district"): "places are public",
    ("asset_transfers", "ApplicationForm", "council"): "councils are public bodies",
    ("asset_transfers", "ApplicationForm", "place"): "places are public",
    ("asset_transfers", "ApplicationForm", "organisation"): "the choices are the applicant's own verified groups",
    ("asset_transfers", "ApplicationForm", "community_value"): "the choices are listed assets, a public register",
    ("budget_simulator", "ChoiceFilterForm", "area"): "places are public",
}


@dataclass
class Sample:
    """The same request for a hidden object and a missing one; `rightful` may see the hidden one."""

    hidden: dict
    missing: dict
    rightful: str  # "owner" or "staff"; "public" when nobody sees it on the site until `reveal` publishes it
    method: str = "get"
    data: dict = field(default_factory=dict)
    route: str = ""  # for form-field samples: the route the form is posted to
    reveal: Callable[[], None] | None = None


@dataclass
class World:
    people: dict[str, object]
    samples: dict[str, Sample]


def _publish(obj, **values) -> Callable[[], None]:
    def reveal() -> None:
        type(obj).objects.filter(pk=obj.pk).update(**values)

    return reveal


def _pdf(name: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF, "application/pdf")


def _png(name: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, b"\x89PNG\r\n\x1a\n" + b"\0" * 64, "image/png")


def _paper(meeting) -> MeetingPaper:
    return MeetingPaper.objects.create(meeting=meeting, title="Private paper", file=_pdf("paper.pdf"))


@pytest.fixture
def world(resident, other_resident, moderator, staff_without_mfa) -> World:
    """Hidden objects of every kind, owned by the resident or by staff alone."""
    owner = resident
    now = timezone.now()
    missing_uuid = uuid.uuid4()

    pending_org = OrganisationFactory(name="Pending group", status=Organisation.Status.PENDING)
    MembershipFactory(organisation=pending_org, user=owner, role=Membership.Role.OWNER)
    verified_org = OrganisationFactory(name="Verified group")
    MembershipFactory(organisation=verified_org, user=owner, role=Membership.Role.OWNER)
    draft_listing = ListingFactory(organisation=verified_org, status=Listing.Status.DRAFT, published_at=None)
    draft_venue = LocationFactory(listing=draft_listing)

    draft = ConsultationFactory(draft=True)
    draft_document = DocumentFactory(consultation=draft)
    OutcomeFactory(consultation=draft)
    BudgetSimulatorFactory(consultation=draft)
    running = ConsultationFactory()
    question = QuestionFactory(consultation=running)
    unpublished_meeting = MeetingFactory(team=TeamFactory(consultation=running), is_published=False)
    unpublished_paper = _paper(unpublished_meeting)
    awaiting = CommentFactory(target=running, author=owner, status=Comment.Status.AWAITING_MODERATION)

    page = InformationPageFactory(is_published=False)
    resource = ResourceFactory(is_published=False)
    decision = DecisionFactory(is_published=False)
    decision_paper = DecisionDocument.objects.create(decision=decision, title="Draft report", file=_pdf("draft.pdf"))
    # A notice dated to be published next week: nobody sees it (or its papers) before then.
    notice = NoticeFactory(published_on=timezone.localdate() + timedelta(days=7))
    notice_paper = NoticeDocument.objects.create(notice=notice, title="Agenda", file=_pdf("agenda.pdf"))
    pending_nomination = AssetNominationFactory(nominated_by=owner)
    decided = AssetNominationFactory(nominated_by=owner, status=AssetNomination.Status.LISTED)
    private_document = NominationDocument.objects.create(
        nomination=decided, title="Boundary plan", file=_pdf("plan.pdf")
    )
    expression = ExpressionOfInterestFactory(submitted_by=owner)

    hidden_round = RoundFactory(is_published=False)
    proposals = RoundFactory(taking_proposals=True)
    submitted = ProjectFactory(
        round=proposals,
        proposer=owner,
        organisation=verified_org,
        status=Project.Status.SUBMITTED,
        image=_png("bench.png"),
    )
    # A round the other resident may vote in, with a project not (yet) on the ballot.
    district = PlaceFactory(name="North Norfolk", slug="north-norfolk", kind=Place.Kind.DISTRICT, ons_code="E07000147")
    PostcodeFactory(in_cromer=True)
    other_resident.home_postcode = "NR27 9AB"
    other_resident.save(update_fields=["home_postcode"])
    open_round = RoundFactory(places=[district])
    ProjectFactory(round=open_round)
    candidate = ProjectFactory(round=open_round, status=Project.Status.SUBMITTED)
    show_round = _publish(hidden_round, is_published=True)
    # A response of staff's own, so that the control sees the "response received" page of a draft.
    Response.objects.create(consultation=draft, respondent=moderator)

    # A petition its creator has not yet sent to be checked, and one being checked.
    draft_petition = PetitionFactory(creator=owner, status=Petition.Status.DRAFT, opened_at=None, closes_at=None)
    checking_petition = PetitionFactory(creator=owner, status=Petition.Status.CHECKING)

    # A group's expression of interest in taking over a building: private until the council takes it forward.
    transfer_town = PlaceFactory(name="Transfer Test Town", kind="town")
    transfer_council = Council.objects.create(
        name="Transfer Test Council", slug="transfer-test-council", tier="district"
    )
    transfer_council.places.add(transfer_town)
    interest = submit_application(
        by=owner,
        organisation=verified_org,
        council=transfer_council,
        place=transfer_town,
        asset_name="The old bowls pavilion",
        address="Park Lane",
        proposal="A community café.",
        community_benefit="Somewhere to meet.",
    )
    interest_paper = TransferDocument.objects.create(
        application=interest,
        stage=interest.stage,
        title="Our outline",
        file=_pdf("outline.pdf"),
    )

    # An event with sign-up not yet published: its organisers (staff) alone see it.
    norfolk = Council.objects.get(slug="norfolk-county-council")
    unpublished_event = EventFactory(is_published=False, surgery__councillor__council=norfolk)
    event, no_event = {"pk": unpublished_event.pk}, {"pk": 999999}
    coming = registration_sign_up(event=unpublished_event, user=UserFactory())
    # A partnership the council's staff are still preparing: nothing of it is public until it is published.
    draft_partnership = PartnershipFactory(is_published=False)
    partnership_meeting = PartnershipMeetingFactory(partnership=draft_partnership)
    partnership_paper = PartnershipPaper.objects.create(
        meeting=partnership_meeting, title="Draft terms", file=_pdf("terms.pdf")
    )
    partnership, reveal_partnership = {"slug": draft_partnership.slug}, _publish(draft_partnership, is_published=True)

    # A funded project's progress photo in a round not yet published: public once the round is.
    hidden_funded = funded_project(title="Hidden benches", is_published=False)
    progress_photo = DeliveryUpdate.objects.create(
        delivery=hidden_funded.delivery,
        note="Installed.",
        photo=_png("benches.png"),
        photo_description="Benches",
    )
    funded = {"slug": hidden_funded.round.slug, "pk": hidden_funded.pk}

    consultation, no_consultation = {"slug": draft.slug}, {"slug": "no-such-consultation"}
    first_page, no_first_page = {**consultation, "step": 1}, {**no_consultation, "step": 1}
    answer = {f"q{question.pk}": "x"}
    comment, no_comment = {"pk": awaiting.pk}, {"pk": 999999}
    thread, no_thread = {"key": "consultation", "pk": draft.pk}, {"key": "consultation", "pk": 999999}
    budget_round, no_round = {"slug": hidden_round.slug}, {"slug": "no-such-round"}
    project, no_project = {"slug": proposals.slug, "pk": submitted.pk}, {"slug": proposals.slug, "pk": 999999}
    petition, no_petition = {"pk": draft_petition.pk}, {"pk": 999999}
    listing_form = {"name": "Taken", "kind": "club", "summary": "Taken.", "description": "Taken."}
    samples = {
        "budgeting:delivery_photo": Sample(
            {**funded, "update": progress_photo.pk},
            {**funded, "update": 999999},
            "public",
            reveal=_publish(hidden_funded.round, is_published=True),
        ),
        "events:detail": Sample(event, no_event, "staff"),
        "events:calendar": Sample(event, no_event, "staff"),
        "events:people": Sample(event, no_event, "staff"),
        "events:sign_up": Sample(event, no_event, "staff", "post", {"access_needs": "A hearing loop"}),
        "events:cancel": Sample(event, no_event, "staff", "post"),
        "events:people_cancel": Sample(
            {**event, "registration": coming.pk}, {**no_event, "registration": coming.pk}, "staff", "post"
        ),
        "asset_transfers:detail": Sample({"reference": interest.reference}, {"reference": "CAT-2099-9999"}, "owner"),
        "asset_transfers:document_add": Sample(
            {"reference": interest.reference}, {"reference": "CAT-2099-9999"}, "owner"
        ),
        "asset_transfers:document": Sample(
            {"reference": interest.reference, "pk": interest_paper.pk},
            {"reference": interest.reference, "pk": 999999},
            "owner",
        ),
        "localism:page_detail": Sample(
            {"slug": page.slug}, {"slug": "no-such-page"}, "public", reveal=_publish(page, is_published=True)
        ),
        "localism:resource_download": Sample(
            {"slug": resource.slug}, {"slug": "no-such-guide"}, "public", reveal=_publish(resource, is_published=True)
        ),
        "directory:listing_detail": Sample({"pk": draft_listing.pk}, {"pk": missing_uuid}, "owner"),
        "directory:listing_report": Sample(
            {"pk": draft_listing.pk}, {"pk": missing_uuid}, "owner", "post", {"what_is_wrong": "Closed."}
        ),
        "directory:organisation_detail": Sample({"slug": pending_org.slug}, {"slug": "no-such-group"}, "owner"),
        "directory:organisation_manage": Sample({"slug": verified_org.slug}, {"slug": "no-such-group"}, "owner"),
        "directory:organisation_edit": Sample(
            {"slug": verified_org.slug},
            {"slug": "no-such-group"},
            "owner",
            "post",
            {"name": "Taken", "kind": "charity", "description": "x"},
        ),
        "directory:member_invite": Sample(
            {"slug": verified_org.slug}, {"slug": "no-such-group"}, "owner", "post", {"email": "x@example.org"}
        ),
        "directory:membership_leave": Sample({"slug": verified_org.slug}, {"slug": "no-such-group"}, "owner", "post"),
        "directory:listing_create": Sample(
            {"slug": verified_org.slug}, {"slug": "no-such-group"}, "owner", "post", listing_form
        ),
        "directory:listing_edit": Sample(
            {"pk": draft_listing.pk}, {"pk": missing_uuid}, "owner", "post", listing_form | {"submit": "1"}
        ),
        "directory:listing_submit": Sample({"pk": draft_listing.pk}, {"pk": missing_uuid}, "owner", "post"),
        "directory:listing_archive": Sample({"pk": draft_listing.pk}, {"pk": missing_uuid}, "owner", "post"),
        "oruk:service_detail": Sample(
            {"pk": str(draft_listing.pk)},
            {"pk": str(missing_uuid)},
            "public",
            reveal=_publish(draft_listing, status=Listing.Status.PUBLISHED, published_at=now),
        ),
        "oruk:service_at_location_detail": Sample(
            {"pk": str(draft_venue.service_at_location_id)},
            {"pk": str(missing_uuid)},
            "public",
            reveal=_publish(draft_listing, status=Listing.Status.PUBLISHED, published_at=now),
        ),
        "oruk:organization_detail": Sample(
            {"pk": str(pending_org.pk)},
            {"pk": str(uuid.uuid4())},
            "public",
            reveal=_publish(pending_org, status=Organisation.Status.VERIFIED),
        ),
        "consultations:detail": Sample(consultation, no_consultation, "staff"),
        "consultations:document": Sample(
            {**consultation, "pk": draft_document.pk}, {**consultation, "pk": 999999}, "staff"
        ),
        "consultations:respond": Sample(consultation, no_consultation, "staff", "post", answer),
        "consultations:respond_page": Sample(first_page, no_first_page, "staff", "post", answer),
        "consultations:respond_done": Sample(consultation, no_consultation, "staff"),
        "consultations:respond_code": Sample(consultation, no_consultation, "staff", "post", answer),
        "consultations:respond_code_page": Sample(first_page, no_first_page, "staff", "post", answer),
        "consultations:respond_code_send": Sample(
            consultation, no_consultation, "staff", "post", {"code": "ABCD-EFGH-JKMN"}
        ),
        "consultations:respond_code_done": Sample(consultation, no_consultation, "staff"),
        "consultations:equality": Sample(consultation, no_consultation, "staff", "post", {"age_band": "25-34"}),
        "consultations:results": Sample(consultation, no_consultation, "staff"),
        "budget_simulator:simulator": Sample(consultation, no_consultation, "staff"),
        "budget_simulator:done": Sample(consultation, no_consultation, "staff"),
        "budget_simulator:equality": Sample(consultation, no_consultation, "staff", "post", {"age_band": "25-34"}),
        "budget_simulator:results": Sample(consultation, no_consultation, "staff"),
        "consultations:responses_csv": Sample(consultation, no_consultation, "staff"),
        "consultations:equality_report": Sample(consultation, no_consultation, "staff"),
        "consultations:outcome": Sample(consultation, no_consultation, "staff"),
        "consultations:team_apply": Sample(
            consultation, no_consultation, "staff", "post", {"why": "x", "brings": "y"}
        ),
        "consultations:meeting": Sample(
            {"slug": running.slug, "pk": unpublished_meeting.pk}, {"slug": running.slug, "pk": 999999}, "staff"
        ),
        "consultations:meeting_paper": Sample(
            {"slug": running.slug, "pk": unpublished_meeting.pk, "paper": unpublished_paper.pk},
            {"slug": running.slug, "pk": unpublished_meeting.pk, "paper": 999999},
            "staff",
        ),
        "transparency:decision_detail": Sample(
            {"slug": decision.slug},
            {"slug": "no-such-decision"},
            "public",
            reveal=_publish(decision, is_published=True),
        ),
        "transparency:decision_document": Sample(
            {"slug": decision.slug, "pk": decision_paper.pk},
            {"slug": decision.slug, "pk": 999999},
            "public",
            reveal=_publish(decision, is_published=True),
        ),
        "transparency:notice_detail": Sample(
            {"slug": notice.slug},
            {"slug": "no-such-notice"},
            "public",
            reveal=_publish(notice, published_on=timezone.localdate()),
        ),
        "transparency:notice_document": Sample(
            {"slug": notice.slug, "pk": notice_paper.pk},
            {"slug": notice.slug, "pk": 999999},
            "public",
            reveal=_publish(notice, published_on=timezone.localdate()),
        ),
        "transparency:nomination_document": Sample(
            {"reference": decided.reference, "pk": private_document.pk},
            {"reference": decided.reference, "pk": 999999},
            "owner",
        ),
        "transparency:asset_detail": Sample(
            {"reference": pending_nomination.reference}, {"reference": "ACV-2099-9999"}, "owner"
        ),
        "transparency:challenge_detail": Sample(
            {"reference": expression.reference}, {"reference": "RTC-2099-9999"}, "owner"
        ),
        "discussions:comment_detail": Sample(comment, no_comment, "owner"),
        "discussions:comment_edit": Sample(comment, no_comment, "owner", "post", {"text": "Mine"}),
        "discussions:comment_delete": Sample(comment, no_comment, "owner", "post"),
        "discussions:comment_agree": Sample(comment, no_comment, "staff", "post"),
        "discussions:comment_report": Sample(comment, no_comment, "staff", "post", {"reason": "spam"}),
        "discussions:comment_request_review": Sample(comment, no_comment, "owner", "post"),
        "discussions:thread": Sample(thread, no_thread, "staff"),
        "discussions:comment_create": Sample(
            thread,
            no_thread,
            "staff",
            "post",
            {"text": "Hello"},
        ),
        "discussions:moderation_log": Sample(thread, no_thread, "staff"),
        "budgeting:round_detail": Sample(budget_round, no_round, "public", reveal=show_round),
        "budgeting:project_propose": Sample(
            budget_round, no_round, "public", "post", {"title": "x"}, reveal=show_round
        ),
        "budgeting:vote": Sample(budget_round, no_round, "public", "post", reveal=show_round),
        "budgeting:vote_done": Sample(budget_round, no_round, "public", reveal=show_round),
        "budgeting:vote_code": Sample(budget_round, no_round, "public", "post", reveal=show_round),
        "budgeting:vote_code_done": Sample(budget_round, no_round, "public", reveal=show_round),
        "budgeting:results": Sample(
            budget_round,
            no_round,
            "public",
            reveal=_publish(
                hidden_round,
                is_published=True,
                results_published_at=now,
                results={"online_ballots": 0, "paper_votes": 0, "projects": [], "spent": "0"},
            ),
        ),
        "budgeting:project_detail": Sample(project, no_project, "owner"),
        "budgeting:project_edit": Sample(project, no_project, "owner"),
        "budgeting:project_image": Sample(project, no_project, "owner"),
        "petitions:detail": Sample(petition, no_petition, "owner"),
        "partnerships:detail": Sample(
            partnership, {"slug": "no-such-partnership"}, "public", reveal=reveal_partnership
        ),
        "partnerships:feed": Sample(partnership, {"slug": "no-such-partnership"}, "public", reveal=reveal_partnership),
        "partnerships:meeting": Sample(
            {**partnership, "meeting": partnership_meeting.pk},
            {**partnership, "meeting": 999},
            "public",
            reveal=reveal_partnership,
        ),
        "partnerships:paper": Sample(
            {**partnership, "meeting": partnership_meeting.pk, "pk": partnership_paper.pk},
            {**partnership, "meeting": partnership_meeting.pk, "pk": 999999},
            "public",
            reveal=reveal_partnership,
        ),
        "petitions:submit": Sample(petition, no_petition, "owner", "post"),
        "petitions:edit": Sample(petition, no_petition, "owner"),
        "petitions:sign": Sample(
            {"pk": checking_petition.pk},
            {"pk": 999999},
            "owner",
            "post",
            {"postcode": "NR27 9AB", "connection": "live"},
        ),
        # Form fields and body parameters that name a row.
        "budgeting:ProjectForm.organisation": Sample(
            {"organisation": verified_org.pk},
            {"organisation": 999999},
            "owner",
            "post",
            {"title": "Benches", "description": "Benches.", "cost": "100", "place": submitted.place.pk},
            route=reverse("budgeting:project_propose", kwargs={"slug": proposals.slug}),
        ),
        "budgeting:BallotForm.projects": Sample(
            {"projects": [candidate.pk]},
            {"projects": [999999]},
            "public",
            "post",
            route=reverse("budgeting:vote", kwargs={"slug": open_round.slug}),
            reveal=_publish(candidate, status=Project.Status.ACCEPTED),
        ),
        "budgeting:CodeBallotForm.projects": Sample(
            {"projects": [candidate.pk]},
            {"projects": [999999]},
            "public",
            "post",
            {"code": "ABCD-EFGH-JKMN"},
            route=reverse("budgeting:vote_code", kwargs={"slug": open_round.slug}),
            reveal=_publish(candidate, status=Project.Status.ACCEPTED),
        ),
        "discussions:comment_create.parent": Sample(
            {"parent": awaiting.pk},
            {"parent": 999999},
            "staff",
            "post",
            {"text": "A reply"},
            route=reverse("discussions:comment_create", kwargs={"key": "consultation", "pk": running.pk}),
        ),
        **{
            f"notifications:follow.target:{label}": Sample(
                {"target": f"{label}:{obj.pk}"},
                {"target": f"{label}:{missing}"},
                rightful,
                "post",
                route=reverse("notifications:follow"),
            )
            for label, obj, missing, rightful in [
                ("consultations.consultation", draft, 999999, "staff"),
                ("transparency.assetnomination", pending_nomination, 999999, "owner"),
                ("directory.organisation", pending_org, uuid.uuid4(), "owner"),
                ("petitions.petition", checking_petition, 999999, "owner"),
                ("budgeting.round", hidden_round, 999999, "staff"),
                ("budgeting.project", submitted, 999999, "owner"),
            ]
        },
    }
    return World(
        people={
            "owner": owner,
            "stranger": other_resident,
            "staff": moderator,
            "staff_without_mfa": staff_without_mfa,
        },
        samples=samples,
    )


# --- Who asks ---------------------------------------------------------------------------------


def _at_the_two_factor_step(world: World, password: str) -> Client:
    client = Client()
    response = client.post(reverse("account_login"), {"login": world.people["staff"].email, "password": password})
    assert response["Location"] == reverse("mfa_authenticate")
    return client


def _askers(world: World, password: str) -> dict[str, Client]:
    return {
        "nobody signed in": Client(),
        "another resident": signed_in(world.people["stranger"]),
        "staff without two-factor": signed_in(world.people["staff_without_mfa"]),
        "staff at the two-factor step": _at_the_two_factor_step(world, password),
    }


# --- Comparing answers ------------------------------------------------------------------------

_VOLATILE = [
    re.compile(r'name="csrfmiddlewaretoken" value="[^"]*"'),
    re.compile(r'nonce="[^"]*"'),
    re.compile(r"\?next=[^\"'&\s]*"),
]


def _answer(response, identifiers: list[str]) -> tuple:
    body = response.content.decode(errors="replace") if not getattr(response, "streaming", False) else ""
    location = response.get("Location", "")
    # Longest first: a missing object's 999999 is masked whole, not as six of a hidden object's 9.
    for identifier in sorted(identifiers, key=len, reverse=True):
        body = body.replace(identifier, "<id>")
        location = location.replace(identifier, "<id>")
    for pattern in _VOLATILE:
        body = pattern.sub("", body)
    return response.status_code, location, body


def _identifiers(sample_values: dict) -> list[str]:
    found = []
    for value in sample_values.values():
        for item in value if isinstance(value, list) else [value]:
            found.append(str(item))
    return sorted(found, key=len, reverse=True)


def _request(client: Client, name: str, sample: Sample, values: dict):
    if sample.route:
        return getattr(client, sample.method)(sample.route, {**sample.data, **values})
    return getattr(client, sample.method)(reverse(name, kwargs=values), sample.data)


# --- The enumeration --------------------------------------------------------------------------


def _route_names() -> list[str]:
    return sorted(route.name for route in ROUTES if route.arguments)


def _form_references() -> list[tuple[str, str, str]]:
    """(app, form or filter class, field) for every field of the apps' forms and filters that names a row."""
    import importlib
    import inspect

    found = []
    for config in apps.get_app_configs():
        if "site-packages" in config.path:
            continue
        for module_name in ("forms", "filters", "views"):
            try:
                module = importlib.import_module(f"{config.name}.{module_name}")
            except ModuleNotFoundError:
                continue
            for class_name, cls in vars(module).items():
                if not inspect.isclass(cls) or cls.__module__ != module.__name__:
                    continue
                if not issubclass(cls, forms.BaseForm):
                    continue
                fields = {n: f for n, f in cls.base_fields.items() if isinstance(f, forms.ModelChoiceField)}
                found.extend((config.label, class_name, name) for name in fields)
    return sorted(found)


def test_every_object_reference_has_a_sample(world):
    """A new route argument or form field naming a row fails here until it has a sample or a reason."""
    missing = [name for name in _route_names() if name not in world.samples and name not in NOT_PRIVATE]
    for app, form, name in _form_references():
        if (app, form, name) not in PUBLIC_CHOICES and f"{app}:{form}.{name}" not in world.samples:
            missing.append(f"{app}:{form}.{name}")
    assert not missing, "no sample or reason for:\n" + "\n".join(missing)


def test_the_enumeration_finds_the_references_it_should():
    names = _route_names()
    for expected in ("directory:listing_detail", "discussions:comment_agree", "transparency:nomination_document"):
        assert expected in names
    assert ("budgeting", "BallotForm", "projects") in _form_references()


SAMPLE_NAMES = [
    "asset_transfers:detail",
    "asset_transfers:document_add",
    "asset_transfers:document",
    "localism:page_detail",
    "localism:resource_download",
    "directory:listing_detail",
    "directory:listing_report",
    "directory:organisation_detail",
    "directory:organisation_manage",
    "directory:organisation_edit",
    "directory:member_invite",
    "directory:membership_leave",
    "directory:listing_create",
    "directory:listing_edit",
    "directory:listing_submit",
    "directory:listing_archive",
    "oruk:service_detail",
    "oruk:service_at_location_detail",
    "oruk:organization_detail",
    "consultations:detail",
    "consultations:document",
    "consultations:respond",
    "consultations:respond_page",
    "consultations:respond_done",
    "consultations:respond_code",
    "consultations:respond_code_page",
    "consultations:respond_code_send",
    "consultations:respond_code_done",
    "consultations:equality",
    "consultations:results",
    "budget_simulator:simulator",
    "budget_simulator:done",
    "budget_simulator:equality",
    "budget_simulator:results",
    "consultations:responses_csv",
    "consultations:equality_report",
    "consultations:outcome",
    "consultations:team_apply",
    "consultations:meeting",
    "consultations:meeting_paper",
    "transparency:decision_detail",
    "transparency:decision_document",
    "transparency:notice_detail",
    "transparency:notice_document",
    "transparency:nomination_document",
    "transparency:asset_detail",
    "transparency:challenge_detail",
    "discussions:comment_detail",
    "discussions:comment_edit",
    "discussions:comment_delete",
    "discussions:comment_agree",
    "discussions:comment_report",
    "discussions:comment_request_review",
    "discussions:thread",
    "discussions:comment_create",
    "discussions:moderation_log",
    "budgeting:round_detail",
    "budgeting:project_propose",
    "budgeting:vote",
    "budgeting:vote_done",
    "budgeting:vote_code",
    "budgeting:vote_code_done",
    "budgeting:results",
    "budgeting:project_detail",
    "budgeting:project_edit",
    "budgeting:project_image",
    "budgeting:delivery_photo",
    "budgeting:ProjectForm.organisation",
    "budgeting:BallotForm.projects",
    "budgeting:CodeBallotForm.projects",
    "petitions:detail",
    "partnerships:detail",
    "partnerships:feed",
    "partnerships:meeting",
    "partnerships:paper",
    "petitions:submit",
    "petitions:edit",
    "petitions:sign",
    "events:detail",
    "events:calendar",
    "events:people",
    "events:sign_up",
    "events:cancel",
    "events:people_cancel",
    "discussions:comment_create.parent",
    "notifications:follow.target:consultations.consultation",
    "notifications:follow.target:transparency.assetnomination",
    "notifications:follow.target:directory.organisation",
    "notifications:follow.target:petitions.petition",
    "notifications:follow.target:budgeting.round",
    "notifications:follow.target:budgeting.project",
]


def test_every_sample_is_checked(world):
    assert sorted(SAMPLE_NAMES) == sorted(world.samples)


@pytest.mark.parametrize("name", SAMPLE_NAMES)
def test_a_hidden_object_is_answered_as_a_missing_one(world, password, name):
    sample = world.samples[name]
    identifiers = _identifiers(sample.hidden) + _identifiers(sample.missing)
    problems = []
    for who, client in _askers(world, password).items():
        before = table_digests()
        hidden = _answer(_request(client, name, sample, sample.hidden), identifiers)
        missing = _answer(_request(client, name, sample, sample.missing), identifiers)
        if hidden[:2] != missing[:2]:
            problems.append(f"{who}: hidden {hidden[:2]} but missing {missing[:2]}")
        elif hidden[2] != missing[2]:
            problems.append(f"{who}: the pages differ ({hidden[0]})")
        if hidden[0] < 400 and hidden[0] not in (301, 302) and sample.method == "get":
            problems.append(f"{who}: the hidden object was shown ({hidden[0]})")
        changed = changed_tables(before)
        if changed and changed != ["django_session"]:
            problems.append(f"{who}: changed {changed}")
    # The control: the person who may see it (or anyone, once it is published) does not get the
    # missing object's answer, which proves the hidden object is really there to be found.
    if sample.reveal is not None:
        sample.reveal()
        control = signed_in(world.people["stranger"])
    else:
        control = signed_in(world.people[sample.rightful])
    seen = _answer(_request(control, name, sample, sample.hidden), identifiers)
    missing = _answer(_request(control, name, sample, sample.missing), identifiers)
    if seen == missing:
        problems.append(f"control: {sample.rightful} got the same answer as for a missing object ({seen[0]})")
    assert not problems, f"{name}:\n" + "\n".join(problems)


@pytest.mark.parametrize("kind", ["nul", "broken_encoding", "long"])
def test_odd_text_from_the_person_who_may_act_never_gives_a_500(world, kind):
    """Each form a group's owner or a staff member sends about their own object (test_odd_posts.py sends the
    resident's), with every text value but the object's own reference replaced by odd text."""
    value = ODD_TEXT_COMBINED[kind]
    posts = []
    for name, sample in world.samples.items():
        if sample.method == "post" and sample.rightful in ("owner", "staff"):
            client = signed_in(world.people[sample.rightful])
            client.raise_request_exception = False
            data = with_odd_text(sample.data, value) | (sample.hidden if sample.route else {})
            posts.append((name, client, sample.route or reverse(name, kwargs=sample.hidden), data))
    sent, problems = server_errors(posts)
    assert sent >= 15
    assert not problems, "\n".join(problems)


def test_following_a_hidden_object_by_its_id_follows_nothing_and_lists_nothing(world):
    stranger = signed_in(world.people["stranger"])
    for name in SAMPLE_NAMES:
        if name.startswith("notifications:follow.target:"):
            sample = world.samples[name]
            response = stranger.post(sample.route, sample.hidden)
            assert response.status_code == 404, name
    assert not Subscription.objects.filter(user=world.people["stranger"]).exists()
    assert stranger.get(reverse("notifications:following")).status_code == 200
