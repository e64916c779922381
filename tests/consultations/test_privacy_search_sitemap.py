"""A person's consultation data in their download and after deleting their account; site search; sitemap."""

import pytest
from django.urls import reverse

from accounts.privacy import account_delete, personal_data_export
from consultations.models import Response, TeamApplication, TeamMember
from discussions.models import Comment, Report
from tests.consultations.factories import ConsultationFactory, QuestionFactory, TeamFactory
from tests.discussions.factories import CommentFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def contributions(resident, consultation):
    question = QuestionFactory(consultation=consultation, text="Do you use it?")
    Response.objects.create(consultation=consultation, respondent=resident).answers.create(
        question=question, choices=[1]
    )
    team = TeamFactory(consultation=consultation)
    TeamApplication.objects.create(
        team=team, applicant=resident, why="I use it", brings="x", access_needs="Hearing loop"
    )
    TeamMember.objects.create(
        team=team, user=resident, name="Sam", kind="community", role="Member", access_needs="Ramp"
    )
    comment = CommentFactory(target=consultation, author=resident, text="My comment")
    Report.objects.create(comment=CommentFactory(target=consultation), reporter=resident, reason="spam", details="ads")
    return comment


def test_the_data_download_includes_responses_applications_and_comments(resident, contributions):
    data = personal_data_export(resident)
    assert data["consultations"]["responses"][0]["answers"] == [{"question": "Do you use it?", "answer": ["No"]}]
    assert data["consultations"]["team_applications"][0]["access_needs"] == "Hearing loop"
    assert data["discussions"]["comments"][0]["text"] == "My comment"
    assert data["discussions"]["reports"][0]["details"] == "ads"


def test_deleting_an_account_keeps_contributions_but_removes_private_details(client, resident, contributions):
    account_delete(user=resident)
    assert Response.objects.count() == 1
    assert not TeamApplication.objects.exists()
    member = TeamMember.objects.get()
    assert member.user is None and member.access_needs == "" and member.name == "Former participant"
    assert Report.objects.get().reporter is None
    comment = Comment.objects.get(text="My comment")
    assert comment.author.public_name == "Former participant"


def test_site_search_finds_published_consultations_only(client):
    ConsultationFactory(title="Community transport dial-a-ride")
    ConsultationFactory(title="Secret dial-a-ride draft", draft=True)
    page = client.get(reverse("localism:search") + "?q=dial-a-ride").content.decode()
    assert "Community transport dial-a-ride" in page and "Secret dial-a-ride draft" not in page


def test_published_consultations_are_in_the_sitemap(client):
    published = ConsultationFactory()
    draft = ConsultationFactory(draft=True)
    body = client.get(reverse("sitemap")).content.decode()
    assert published.get_absolute_url() in body and draft.get_absolute_url() not in body
