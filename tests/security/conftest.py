"""Personas and places for the adversarial tests: a group with listings, and a rival group."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from consultations.models import Question
from directory.models import Listing
from localism.models import Place
from tests.budgeting.factories import RoundFactory
from tests.consultations.factories import ConsultationFactory, QuestionFactory, TeamFactory
from tests.directory.factories import ListingFactory
from tests.factories import PlaceFactory


@pytest.fixture
def owner_client(group_owner):
    client = Client()
    client.force_login(group_owner)
    return client


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
    now = timezone.now()
    return RoundFactory(
        proposals_open=now - timedelta(days=1),
        checking_starts=now + timedelta(days=1),
        voting_opens=now + timedelta(days=2),
        voting_closes=now + timedelta(days=3),
    )
