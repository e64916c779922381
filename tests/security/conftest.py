"""Personas and places for the adversarial tests: a group with listings, and a rival group."""

from datetime import timedelta

import pytest
from allauth.account.models import EmailAddress
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from asset_transfers import services as asset_transfers
from budget_simulator.services import budget_submit
from consultations.models import Question, Response
from directory.models import Invitation, Listing, Membership
from discussions.models import Comment
from events.models import Event
from events.services import registration_sign_up
from localism.models import Council, Place
from tests.asset_transfers.factories import pdf
from tests.budget_simulator.factories import BudgetSimulatorFactory, ServiceAreaFactory
from tests.budgeting.factories import ProjectFactory, RoundFactory, proposal_form
from tests.consultations.factories import (
    ConsultationFactory,
    MeetingFactory,
    QuestionFactory,
    TeamFactory,
    TeamMemberFactory,
)
from tests.directory.factories import (
    ListingFactory,
    LocationFactory,
    MembershipFactory,
    OrganisationFactory,
    TaxonomyTermFactory,
)
from tests.discussions.factories import CommentFactory
from tests.events.factories import EventFactory
from tests.factories import PlaceFactory, PostcodeFactory, TopicFactory, UserFactory
from tests.participation_codes.helpers import codes_for
from tests.petitions.factories import PetitionFactory, petition_form
from tests.security.routes import World
from tests.transparency.factories import (
    EXPRESSION_FORM,
    NOMINATION_FORM,
    AssetNominationFactory,
    ContractFactory,
    DecisionFactory,
    GrantFactory,
    SpendingRecordFactory,
)
from transparency.models import AssetNomination, ChallengeWindow, SpendingFacet, Supplier


class RewoundFile(SimpleUploadedFile):
    """A PDF the test client can send more than once (it reads the file without rewinding it)."""

    def __init__(self):
        super().__init__("business-case.pdf", b"%PDF-1.4\n% a business case\n", content_type="application/pdf")

    def read(self, size=-1):
        if size is None or size < 0:
            self.seek(0)
        return super().read(size)


@pytest.fixture
def district(db):
    return PlaceFactory(name="Broadland", slug="broadland", kind=Place.Kind.DISTRICT)


@pytest.fixture
def draft_listing(organisation):
    return ListingFactory(
        organisation=organisation, name="Secret draft", status=Listing.Status.DRAFT, published_at=None
    )


@pytest.fixture
def consultation(db):
    """Open, with a team recruiting and two free-text questions (short and long)."""
    consultation = ConsultationFactory(title="A new community transport service")
    TeamFactory(consultation=consultation, is_recruiting=True)
    return consultation


@pytest.fixture
def text_questions(consultation):
    return {
        "text": QuestionFactory(consultation=consultation, position=1, kind=Question.Kind.TEXT, text="Your village"),
        "long": QuestionFactory(
            consultation=consultation, position=2, kind=Question.Kind.LONG_TEXT, text="Anything else?"
        ),
    }


@pytest.fixture
def proposal_round(db):
    """A participatory budgeting round taking proposals."""
    return RoundFactory(taking_proposals=True)


@pytest.fixture
def world(resident, password, other_resident) -> World:
    """For every state-changing URL: the arguments and form data with which the resident's POST does something."""
    today = timezone.localdate()
    district = PlaceFactory(name="North Norfolk", slug="north-norfolk", kind=Place.Kind.DISTRICT, ons_code="E07000147")
    PostcodeFactory(in_cromer=True)
    resident.home_postcode = "NR27 9AB"
    resident.save(update_fields=["home_postcode"])
    topic = TopicFactory()

    mine = OrganisationFactory(name="Resident's group")
    MembershipFactory(organisation=mine, user=resident, role=Membership.Role.OWNER)
    shared = OrganisationFactory(name="Shared group")
    MembershipFactory(organisation=shared, user=other_resident, role=Membership.Role.OWNER)
    MembershipFactory(organisation=shared, user=resident, role=Membership.Role.EDITOR)
    waiting = UserFactory(email="waiting@example.org", verified=False)
    EmailAddress.objects.create(user=waiting, email=waiting.email, verified=False, primary=True)
    inviting = OrganisationFactory(name="Inviting group")
    invitation = Invitation.objects.create(organisation=inviting, email=resident.email, invited_by=other_resident)
    drafts = {
        action: ListingFactory(organisation=mine, status=Listing.Status.DRAFT, published_at=None, phone="01603 000000")
        for action in ("edit", "submit", "archive")
    }
    published = ListingFactory(organisation=mine)
    theirs = ListingFactory(organisation=shared)

    consultation = ConsultationFactory()
    TeamFactory(consultation=consultation)
    question = QuestionFactory(consultation=consultation, kind=Question.Kind.TEXT)
    monitored = ConsultationFactory()
    Response.objects.create(consultation=monitored, respondent=resident)

    comments = {action: CommentFactory(target=consultation, author=resident) for action in ("edit", "delete")}
    hidden = CommentFactory(target=consultation, author=resident, status=Comment.Status.HIDDEN, hidden_reason="spam")
    other_comment = CommentFactory(target=consultation, author=other_resident)

    proposals = RoundFactory(taking_proposals=True)
    project = ProjectFactory(round=proposals, proposer=resident, organisation=mine, status="submitted")
    voting = RoundFactory(places=[district])
    candidate = ProjectFactory(round=voting)
    round_code, survey_code = codes_for(voting, 1)[0], codes_for(consultation, 1)[0]
    window = ChallengeWindow.objects.create(
        title="Libraries",
        services="Libraries",
        opens_on=today - timedelta(days=1),
        closes_on=today + timedelta(days=9),
    )
    norfolk = Council.objects.get(slug="norfolk-county-council")
    # The resident leads a co-production team: they organise the sign-ups to its meeting (someone is coming).
    led_team = TeamFactory(consultation=ConsultationFactory(council=norfolk))
    TeamMemberFactory(team=led_team, user=resident, is_lead=True)
    led_meeting = MeetingFactory(team=led_team, starts_at=timezone.now() + timedelta(days=7))
    led_event = EventFactory(
        surgery=None,
        kind=Event.Kind.MEETING,
        content_type=ContentType.objects.get_for_model(led_meeting),
        object_id=led_meeting.pk,
        council=norfolk,
    )
    coming = registration_sign_up(event=led_event, user=other_resident)
    draft_petition = PetitionFactory(creator=resident, status="draft", opened_at=None, closes_at=None)
    open_petition = PetitionFactory()
    listing_form = {"name": "Walks", "kind": "club", "summary": "Walks.", "description": "Walks for all."}
    county_area = norfolk.places.order_by("pk").first()
    transfer_form = {
        "organisation": mine.pk,
        "council": norfolk.pk,
        "asset_name": "Old school",
        "address": "School Lane",
        "place": county_area.pk,
        "tenure_sought": "lease",
        "proposal": "A community centre.",
        "community_benefit": "A place to meet.",
    }
    # Two applications the council asked a business case for: one preparing it, one with it ready to send.
    preparing, ready = (
        asset_transfers.application_accept_interest(
            application=asset_transfers.application_submit(
                by=resident, **{**transfer_form, "organisation": mine, "council": norfolk, "place": county_area}
            ),
            by=None,
        )
        for _ in range(2)
    )
    asset_transfers.application_document_add(application=ready, by=resident, title="Business case", file=pdf())
    signing_up, cancelling = (EventFactory(capacity=5, surgery__councillor__council=norfolk) for _ in range(2))
    registration_sign_up(event=cancelling, user=resident)
    # A budget simulator to balance (one £1,000,000 cut finds the saving), and one the resident has balanced.
    simulator = BudgetSimulatorFactory()
    budget_service = ServiceAreaFactory(simulator=simulator, step_pounds=1_000_000)
    balanced = BudgetSimulatorFactory()
    balanced_service = ServiceAreaFactory(simulator=balanced, step_pounds=1_000_000)
    budget_submit(simulator=balanced, respondent=resident, steps={balanced_service.pk: -1}, council_tax_steps=0)
    return World(
        user=resident,
        password=password,
        arguments={
            "directory:listing_report": {"pk": theirs.pk},
            "directory:organisation_edit": {"slug": mine.slug},
            "directory:member_invite": {"slug": mine.slug},
            "directory:membership_leave": {"slug": shared.slug},
            "directory:listing_create": {"slug": mine.slug},
            "directory:invitation_accept": {"token": invitation.token},
            "directory:listing_edit": {"pk": drafts["edit"].pk},
            "directory:listing_submit": {"pk": drafts["submit"].pk},
            "directory:listing_archive": {"pk": drafts["archive"].pk},
            "directory:listing_confirm": {"pk": published.pk},
            "consultations:respond": {"slug": consultation.slug},
            "consultations:respond_page": {"slug": consultation.slug, "step": 1},
            "consultations:equality": {"slug": monitored.slug},
            "consultations:team_apply": {"slug": consultation.slug},
            "transparency:challenge_express_interest": {"pk": window.pk},
            "discussions:comment_edit": {"pk": comments["edit"].pk},
            "discussions:comment_delete": {"pk": comments["delete"].pk},
            "discussions:comment_agree": {"pk": other_comment.pk},
            "discussions:comment_report": {"pk": other_comment.pk},
            "discussions:comment_request_review": {"pk": hidden.pk},
            "discussions:comment_create": {"key": "consultation", "pk": consultation.pk},
            "budgeting:project_propose": {"slug": proposals.slug},
            "budgeting:vote": {"slug": voting.slug},
            "budgeting:vote_code": {"slug": voting.slug},
            "consultations:respond_code": {"slug": consultation.slug},
            "consultations:respond_code_page": {"slug": consultation.slug, "step": 1},
            "consultations:respond_code_send": {"slug": consultation.slug},
            "events:people_cancel": {"pk": led_event.pk, "registration": coming.pk},
            "budgeting:project_edit": {"slug": proposals.slug, "pk": project.pk},
            "petitions:submit": {"pk": draft_petition.pk},
            "petitions:edit": {"pk": draft_petition.pk},
            "petitions:sign": {"pk": open_petition.pk},
            "asset_transfers:document_add": {"reference": preparing.reference},
            "asset_transfers:business_case_send": {"reference": ready.reference},
            "events:sign_up": {"pk": signing_up.pk},
            "events:cancel": {"pk": cancelling.pk},
            "budget_simulator:simulator": {"slug": simulator.consultation.slug},
            "budget_simulator:equality": {"slug": balanced.consultation.slug},
        },
        data={
            "accounts:profile": {"display_name": "Changed name", "email_frequency": "weekly"},
            "consultations:equality_answers": {"age_band": "25-34", "sex": "female"},
            "accounts:delete": {"password": password},
            "accounts:verification_resend": {"email": waiting.email},
            "notifications:follow": {"target": f"localism.place:{district.pk}"},
            "notifications:following": {"topics": [topic.pk]},
            "notifications:text_alerts": {"number": "07123 456789"},
            "notifications:text_alerts_verify": {"code": "123456"},
            "notifications:text_alerts_resend": {},
            "notifications:text_alerts_stop": {},
            "directory:listing_report": {"what_is_wrong": "It has closed."},
            "directory:organisation_register": {"name": "New group", "kind": "community_group", "description": "x"},
            "directory:organisation_edit": {"name": "Renamed group", "kind": "community_group", "description": "x"},
            "directory:member_invite": {"email": "friend@example.org", "role": "editor"},
            "directory:listing_create": listing_form,
            "directory:listing_edit": listing_form,
            "consultations:respond": {f"q{question.pk}": "Cromer"},
            "consultations:respond_page": {f"q{question.pk}": "Cromer"},
            "consultations:equality": {"age_band": "25-34"},
            "consultations:team_apply": {"why": "I use it", "brings": "Experience"},
            "transparency:nominate": NOMINATION_FORM,
            "transparency:challenge_express_interest": EXPRESSION_FORM,
            "discussions:comment_edit": {"text": "Edited words"},
            "discussions:comment_report": {"reason": "spam"},
            "discussions:comment_create": {"text": "A new comment"},
            "budgeting:project_propose": proposal_form(mine, district),
            "budgeting:vote": {"projects": [candidate.pk]},
            "budgeting:vote_code": {"code": round_code, "projects": [candidate.pk]},
            # A response with a code: its pages keep the answers in the session (each page a change to it),
            # and the code is used when they are sent.
            "consultations:respond_code": {f"q{question.pk}": "Cromer"},
            "consultations:respond_code_page": {f"q{question.pk}": "Holt"},
            "consultations:respond_code_send": {"code": survey_code},
            "petitions:start": petition_form(norfolk),
            "petitions:submit": {},
            "petitions:edit": petition_form(norfolk, title="A safer crossing on Holt Road"),
            "asset_transfers:apply": transfer_form,
            "asset_transfers:document_add": {"title": "Business case", "file": RewoundFile()},
            "asset_transfers:business_case_send": {},
            "petitions:sign": {"postcode": "NR27 9AB", "connection": "live"},
            "events:sign_up": {"access_needs": "A hearing loop"},
            "events:cancel": {},
            "events:people_cancel": {},
            "budget_simulator:simulator": {f"service_{budget_service.pk}": "-1", "action": "submit"},
            "budget_simulator:equality": {"age_band": "25-34"},
            "budgeting:project_edit": proposal_form(mine, project.place, title="Renamed benches"),
        },
    )


@pytest.fixture
def populated(db, resident, other_resident):
    """A little of everything, so that every filter runs against real rows."""
    district = PlaceFactory(name="Broadland", slug="broadland", kind=Place.Kind.DISTRICT, ons_code="E07000144")
    PostcodeFactory(postcode="NR2 1AB", district_code="E07000144")
    term = TaxonomyTermFactory(name="Clubs", slug="clubs")
    listing = ListingFactory(name="Chess club", categories=[term])
    listing.service_areas.set([district])
    LocationFactory(listing=listing)
    consultation = ConsultationFactory(title="Buses")
    consultation.topics.add(TopicFactory(name="Transport", slug="transport"))
    CommentFactory(target=consultation, author=other_resident, text="First")
    SpendingRecordFactory(beneficiary_name="Acme Care Ltd", supplier_slug="acme-care-ltd")
    Supplier.objects.create(slug="acme-care-ltd", name="Acme Care Ltd")
    SpendingFacet.objects.create(kind=SpendingFacet.Kind.SERVICE_AREA, value="Adult Social Services")
    ContractFactory()
    GrantFactory()
    DecisionFactory()
    AssetNominationFactory(status=AssetNomination.Status.LISTED)
    return {"listing": listing, "consultation": consultation, "term": term}
