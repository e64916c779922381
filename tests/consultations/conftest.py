import pytest
from django.urls import reverse

from consultations.models import Question, Response
from tests.consultations.factories import ConsultationFactory, QuestionFactory


@pytest.fixture
def consultation(db):
    return ConsultationFactory(title="A new community transport service")


@pytest.fixture
def survey(consultation):
    """One question of every kind, the first two required."""
    return {
        "single": QuestionFactory(
            consultation=consultation, position=1, kind=Question.Kind.SINGLE, text="Do you use it?", is_required=True
        ),
        "scale": QuestionFactory(
            consultation=consultation, position=2, kind=Question.Kind.SCALE, text="How good is it?", is_required=True
        ),
        "multiple": QuestionFactory(
            consultation=consultation,
            position=3,
            kind=Question.Kind.MULTIPLE,
            text="When do you travel?",
            options=["Mornings", "Afternoons", "Evenings"],
        ),
        "ranking": QuestionFactory(
            consultation=consultation,
            position=4,
            kind=Question.Kind.RANKING,
            text="Rank these priorities",
            options=["Lower fares", "Longer hours", "More villages"],
        ),
        "text": QuestionFactory(consultation=consultation, position=5, kind=Question.Kind.TEXT, text="Your village"),
        "long": QuestionFactory(
            consultation=consultation, position=6, kind=Question.Kind.LONG_TEXT, text="Anything else?"
        ),
    }


@pytest.fixture
def responded(resident_client, consultation, survey):
    """The resident's response to the survey, every question answered."""
    resident_client.post(reverse("consultations:respond", kwargs={"slug": consultation.slug}), answers_for(survey))
    return Response.objects.get()


def answers_for(survey, **overrides):
    """Form data answering every question."""
    data = {
        f"q{survey['single'].pk}": "0",
        f"q{survey['scale'].pk}": "3",
        f"q{survey['multiple'].pk}": ["0", "2"],
        f"q{survey['ranking'].pk}_0": "2",
        f"q{survey['ranking'].pk}_1": "1",
        f"q{survey['ranking'].pk}_2": "",
        f"q{survey['text'].pk}": "Swaffham",
        f"q{survey['long'].pk}": "Please run\non Sundays",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}
