"""Download my data and delete my account for a person who has taken part in every part of the portal.

Through the public pages only: the download finds each of their records in every app, and
deleting the account erases or anonymises each as the privacy notice says, leaving other
people's data as it was.
"""

import json

import pytest
from allauth.account.models import EmailAddress
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import User
from budgeting.models import Ballot, Project
from budgeting.services import ballot_cast, ballot_of
from consultations.models import (
    EqualityMonitoring,
    EqualityQuestionsAsked,
    Response,
    SavedEqualityAnswers,
    TeamApplication,
)
from consultations.services import (
    AnswerValue,
    equality_monitoring_record,
    response_submit,
    saved_equality_answers_save,
    team_application_submit,
)
from directory.models import Invitation, Listing, ListingVersion, Membership, OrganisationChange, ProblemReport
from directory.services import member_invite, organisation_change_propose, problem_report_create
from discussions.models import Agreement, Comment, Report
from discussions.services import comment_agree, comment_report
from localism.models import Place
from notifications.models import Subscription
from notifications.services import subscription_follow
from petitions.models import Petition, Signature
from petitions.services import petition_sign
from tests.budgeting.factories import ProjectFactory, RoundFactory
from tests.consultations.factories import ConsultationFactory, QuestionFactory, TeamFactory
from tests.directory.factories import ListingFactory, MembershipFactory, OrganisationFactory
from tests.discussions.factories import CommentFactory
from tests.downloads import downloaded_json
from tests.factories import PostcodeFactory, TopicFactory, UserFactory
from tests.petitions.factories import PetitionFactory
from tests.transparency.factories import AssetNominationFactory, ExpressionOfInterestFactory
from transparency.models import AssetNomination, ExpressionOfInterest, NominationDocument

pytestmark = pytest.mark.django_db

DOWNLOAD = reverse("accounts:data_download")
PLAN = b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF\n"


def _take_part_everywhere(person: User, *, tag: str, times: int = 1) -> None:
    """Everything a resident, group member, nominator and budgeting proposer can do, `times` over.

    Each record carries `tag` and its number in its text, so the download can be searched for it.
    """
    person.home_postcode = "NR27 9AB"
    person.save()
    person.interests.add(TopicFactory(name=f"Buses {tag}"))
    neighbour = UserFactory()
    saved_equality_answers_save(person=person, values={"age_band": "65-74", "religion": "hindu"})
    for n in range(times):
        mark = f"{tag}-{n}"
        subscription_follow(user=person, target=Place.objects.create(name=f"Place {mark}", slug=f"place-{mark}"))
        consultation = ConsultationFactory(title=f"Consultation {mark}")
        subscription_follow(user=person, target=consultation)
        question = QuestionFactory(consultation=consultation)
        response, _ = response_submit(
            consultation=consultation, respondent=person, answers={question.pk: AnswerValue(choices=(1,))}
        )
        equality_monitoring_record(
            consultation=consultation, person=person, values={"age_band": "35-44", "religion": "buddhist"}
        )
        team_application_submit(
            team=TeamFactory(consultation=consultation),
            applicant=person,
            why=f"Application {mark}",
            brings="I use the bus",
            access_needs=f"Step-free access {mark}",
        )
        CommentFactory(target=consultation, author=person, text=f"Comment {mark}")
        neighbours_comment = CommentFactory(target=consultation, author=neighbour, text=f"Neighbour {mark}")
        comment_agree(comment=neighbours_comment, user=person)
        comment_report(comment=neighbours_comment, reporter=person, reason="off-topic", details=f"Report {mark}")

        organisation = OrganisationFactory(name=f"Group {mark}")
        MembershipFactory(organisation=organisation, user=person)
        member_invite(organisation=organisation, email=f"friend-{mark}@example.org", role="editor", by=person)
        Invitation.objects.create(organisation=OrganisationFactory(name=f"Inviting group {mark}"), email=person.email)
        listing = ListingFactory(organisation=organisation, name=f"Listing {mark}", created_by=person)
        ListingVersion.objects.create(listing=listing, number=1, snapshot={"Name": listing.name}, submitted_by=person)
        problem_report_create(
            listing=ListingFactory(name=f"Wrong listing {mark}"), by=person, what_is_wrong=f"Problem {mark}"
        )
        organisation_change_propose(organisation=organisation, by=person, description=f"Proposed {mark}")

        nomination = AssetNominationFactory(nominated_by=person, asset_name=f"Asset {mark}")
        NominationDocument.objects.create(
            nomination=nomination, title=f"Plan {mark}", file=SimpleUploadedFile("plan.pdf", PLAN)
        )
        ExpressionOfInterestFactory(submitted_by=person, service=f"Service {mark}")

        fund = RoundFactory(title=f"Fund {mark}")
        project = ProjectFactory(round=fund, proposer=person, organisation=organisation, title=f"Project {mark}")
        ballot_cast(round=fund, user=person, project_ids=[project.pk])

        PetitionFactory(creator=person, title=f"Petition {mark}")
        PostcodeFactory(in_cromer=True)
        petition_sign(
            petition=PetitionFactory(title=f"Signed {mark}"), user=person, postcode="NR27 9AB", connection="live"
        )


def test_the_download_finds_every_record_of_a_person_active_in_every_app(client, resident, other_resident):
    _take_part_everywhere(resident, tag="mine")
    _take_part_everywhere(other_resident, tag="theirs")
    client.force_login(resident)

    data = downloaded_json(client.get(DOWNLOAD))

    account = data["account"]
    assert (account["email"], account["home_postcode"], account["interests"]) == (
        "resident@example.org",
        "NR27 9AB",
        ["Buses mine"],
    )
    assert {f["name"] for f in data["notifications"]["following"]} == {"Place mine-0", "Consultation mine-0"}
    consultations = data["consultations"]
    [response] = consultations["responses"]
    assert response["consultation"] == "Consultation mine-0" and response["answers"][0]["answer"] == ["No"]
    # Equality answers are kept apart with no link to the person: only the fact that they answered is here.
    [asked] = consultations["equality_questions"]
    assert asked["consultation"] == "Consultation mine-0" and asked["equality_questions"] == "Answered"
    assert "kept apart" in asked["note"]
    assert "35-44" not in json.dumps(data) and "buddhist" not in json.dumps(data).lower()
    # The answers they saved in their profile are theirs, and here.
    assert {"question": "What is your religion?", "answer": "Hindu"} in consultations["saved_equality_answers"][
        "answers"
    ]
    assert consultations["team_applications"][0]["access_needs"] == "Step-free access mine-0"
    discussions = data["discussions"]
    assert [c["text"] for c in discussions["comments"]] == ["Comment mine-0"]
    assert discussions["agreed_with_comments"] == [Comment.objects.get(text="Neighbour mine-0").pk]
    assert discussions["reports"][0]["details"] == "Report mine-0"
    directory = data["directory"]
    assert [m["organisation"] for m in directory["memberships"]] == ["Group mine-0"]
    assert [i["to"] for i in directory["invitations_sent"]] == ["friend-mine-0@example.org"]
    assert [i["organisation"] for i in directory["invitations_received"]] == ["Inviting group mine-0"]
    assert [listing["name"] for listing in directory["listings_written"]] == ["Listing mine-0"]
    assert [v["listing"] for v in directory["listing_versions_submitted"]] == ["Listing mine-0"]
    assert [r["what_is_wrong"] for r in directory["problem_reports"]] == ["Problem mine-0"]
    assert [c["proposed"] for c in directory["organisation_changes_proposed"]] == [{"description": "Proposed mine-0"}]
    transparency = data["transparency"]
    [nomination] = transparency["asset_nominations"]
    assert nomination["asset"] == "Asset mine-0"
    assert nomination["documents"] == [
        {"title": "Plan mine-0", "type": "PDF", "size_in_bytes": len(PLAN), "sent": nomination["documents"][0]["sent"]}
    ]
    assert [e["service"] for e in transparency["expressions_of_interest"]] == ["Service mine-0"]
    budgeting = data["budgeting"]
    assert [p["title"] for p in budgeting["projects_proposed"]] == ["Project mine-0"]
    assert budgeting["ballots"][0]["round"] == "Fund mine-0"
    assert budgeting["ballots"][0]["chosen_projects"] == ["Project mine-0"]
    petitions = data["petitions"]
    assert [p["title"] for p in petitions["petitions_started"]] == ["Petition mine-0"]
    assert [(s["petition"], s["postcode"]) for s in petitions["signatures"]] == [("Signed mine-0", "NR27 9AB")]
    # Nothing of the other person's.
    assert "theirs" not in json.dumps(data)


def test_deleting_the_account_erases_or_anonymises_each_apps_data_and_leaves_another_persons_alone(
    client, resident, other_resident, password
):
    _take_part_everywhere(resident, tag="mine")
    _take_part_everywhere(other_resident, tag="theirs")
    client.force_login(other_resident)
    theirs_before = downloaded_json(client.get(DOWNLOAD))
    equality_before = EqualityMonitoring.objects.count()
    pk = resident.pk
    client.force_login(resident)

    assert client.post(reverse("accounts:delete"), {"password": password})["Location"] == reverse("localism:home")

    former = User.objects.get(pk=pk)
    assert str(former) == "Former participant" and not former.is_active
    assert former.home_postcode == "" and not former.interests.exists()
    assert not EmailAddress.objects.filter(user=former).exists()
    # Notifications: follows and emails go.
    assert not Subscription.objects.filter(user=former).exists()
    # Consultations: the response and its answers stay for the results, anonymised; applications go;
    # equality answers were never linked to the person, so they stay in the totals.
    response = Response.objects.get(consultation__title="Consultation mine-0")
    assert response.respondent == former and response.answers.count() == 1
    assert not TeamApplication.objects.filter(applicant=former).exists()
    assert EqualityMonitoring.objects.count() == equality_before
    # Their saved equality answers go, and so does the note of which consultations asked them.
    assert not SavedEqualityAnswers.objects.filter(person=former).exists()
    assert not EqualityQuestionsAsked.objects.filter(person=former).exists()
    assert SavedEqualityAnswers.objects.filter(person=other_resident).exists()
    # Discussions: comments and agreements stay, as a former participant; reports no longer name the person.
    comment = Comment.objects.get(text="Comment mine-0")
    assert comment.author_name == "Former participant"
    assert Agreement.objects.filter(user=former).count() == 1
    assert not Report.objects.filter(reporter=former).exists()
    assert Report.objects.filter(reporter=None, details="").count() == 1
    # Directory: memberships end; invitations to the person's address go; the group's work stays.
    assert not Membership.objects.filter(user=former).exists()
    assert not Invitation.objects.filter(organisation__name="Inviting group mine-0").exists()
    assert Invitation.objects.get(email="friend-mine-0@example.org").invited_by == former
    assert Listing.objects.get(name="Listing mine-0").created_by == former
    assert ListingVersion.objects.get(listing__name="Listing mine-0").submitted_by == former
    assert ProblemReport.objects.get(what_is_wrong="Problem mine-0").reporter is None
    assert OrganisationChange.objects.get(organisation__name="Group mine-0").proposed_by == former
    # Transparency: statutory records stay, sent by a former participant, with their documents.
    nomination = AssetNomination.objects.get(asset_name="Asset mine-0")
    assert nomination.nominated_by == former and nomination.documents.count() == 1
    assert ExpressionOfInterest.objects.get(service="Service mine-0").submitted_by == former
    # Budgeting: the project stays; the ballot stays counted, but nobody can find it from the person.
    project = Project.objects.get(title="Project mine-0")
    assert project.proposer == former
    assert ballot_of(project.round, former) == [] and Ballot.objects.filter(round=project.round).count() == 1
    # Petitions: the petition stays, started by a former participant; the signature stays counted, without
    # its postcode.
    assert Petition.objects.get(title="Petition mine-0").creator == former
    signed = Petition.objects.get(title="Signed mine-0")
    assert signed.signature_count == 1 and Signature.objects.get(petition=signed, user=former).postcode == ""

    client.force_login(other_resident)
    theirs_after = downloaded_json(client.get(DOWNLOAD))
    # Signing in again is the only change.
    theirs_before["account"].pop("last_login"), theirs_after["account"].pop("last_login")
    assert theirs_after == theirs_before


def test_the_download_costs_a_fixed_number_of_queries_however_many_records_a_person_has(
    client, django_assert_max_num_queries
):
    few, many = UserFactory(), UserFactory()
    _take_part_everywhere(few, tag="few", times=1)
    _take_part_everywhere(many, tag="many", times=8)
    client.force_login(few)
    with CaptureQueriesContext(connection) as one_of_each:
        assert client.get(DOWNLOAD).status_code == 200

    client.force_login(many)
    with django_assert_max_num_queries(len(one_of_each)):
        data = downloaded_json(client.get(DOWNLOAD))
    assert len(data["directory"]["listings_written"]) == len(data["budgeting"]["ballots"]) == 8
