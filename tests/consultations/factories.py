import datetime

import factory
from django.utils import timezone

from consultations.models import (
    Consultation,
    CoproductionTeam,
    Document,
    Meeting,
    Outcome,
    OutcomeAction,
    Question,
    Stage,
    SurveyPage,
    TeamMember,
)
from tests.admin_forms import inline_forms
from tests.factories import days_from_now, days_from_today, slug_of


class ConsultationFactory(factory.django.DjangoModelFactory):
    """An open, published consultation unless told otherwise."""

    class Meta:
        model = Consultation

    title = factory.Sequence(lambda n: f"Community transport in Norfolk {n}")
    slug = slug_of("title")
    summary = "How should the new community transport service work?"
    body = "We want to hear from people who use **community transport**."
    commissioning = "A new dial-a-ride service for rural Norfolk, commissioned from April."
    decision_maker = "Cabinet"
    opens_at = days_from_now(-7)
    closes_at = days_from_now(35)
    published_at = days_from_now(-8)
    formative_stage = "No decision has been made."
    consideration = "Every response is read."

    class Params:
        draft = factory.Trait(published_at=None)
        closed = factory.Trait(
            opens_at=days_from_now(-60),
            closes_at=days_from_now(-1),
        )
        upcoming = factory.Trait(
            opens_at=days_from_now(3),
            closes_at=days_from_now(60),
        )


class QuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Question

    consultation = factory.SubFactory(ConsultationFactory)
    position = factory.Sequence(int)
    kind = Question.Kind.SINGLE
    text = factory.Sequence(lambda n: f"Question {n}?")
    options = factory.LazyAttribute(
        lambda o: (
            ["Very poor", "Poor", "Fair", "Good", "Very good"]
            if o.kind == Question.Kind.SCALE
            else ([] if o.kind in (Question.Kind.TEXT, Question.Kind.LONG_TEXT) else ["Yes", "No", "Not sure"])
        )
    )


class SurveyPageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SurveyPage

    consultation = factory.SubFactory(ConsultationFactory)
    position = factory.Sequence(int)
    title = factory.Sequence(lambda n: f"Page {n}")


def branching_survey(consultation: Consultation) -> dict:
    """A survey that branches: users are asked about their journeys, others what stops them; evening travellers
    are asked about safety. Questions "use" (first page), "when", "why_not", "safety" and "else"."""
    use = QuestionFactory(
        consultation=consultation,
        position=1,
        kind=Question.Kind.SINGLE,
        text="Do you use community transport?",
        options=["Yes", "No"],
        is_required=True,
    )
    journeys = SurveyPageFactory(
        consultation=consultation, position=1, title="Your journeys", shown_if_question=use, shown_if_answer="Yes"
    )
    why = SurveyPageFactory(
        consultation=consultation, position=2, title="What stops you", shown_if_question=use, shown_if_answer="No"
    )
    last = SurveyPageFactory(consultation=consultation, position=3, title="Safety and anything else")
    when = QuestionFactory(
        consultation=consultation,
        page=journeys,
        position=2,
        kind=Question.Kind.MULTIPLE,
        text="When do you travel?",
        options=["Mornings", "Evenings"],
        is_required=True,
    )
    return {
        "use": use,
        "when": when,
        "why_not": QuestionFactory(
            consultation=consultation,
            page=why,
            position=3,
            kind=Question.Kind.LONG_TEXT,
            text="What stops you using it?",
            is_required=True,
        ),
        "safety": QuestionFactory(
            consultation=consultation,
            page=last,
            position=4,
            kind=Question.Kind.SCALE,
            text="How safe do you feel travelling in the evening?",
            shown_if_question=when,
            shown_if_answer="Evenings",
        ),
        "else": QuestionFactory(
            consultation=consultation, page=last, position=5, kind=Question.Kind.TEXT, text="Anything else?"
        ),
        "pages": {"journeys": journeys, "why": why, "last": last},
    }


def assert_the_unasked_safety_answer_is_refused(client, last_page: str, survey: dict) -> None:
    """Someone who does not travel in the evening sends the evening safety question's answer with the last
    page: the page is refused, naming the question, and shown again with what they typed kept."""
    response = client.post(last_page, {f"q{survey['safety'].pk}": "2", f"q{survey['else'].pk}": "Kept words"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "“How safe do you feel travelling in the evening?” is not asked on this page" in page
    assert 'value="Kept words"' in page


class StageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Stage

    consultation = factory.SubFactory(ConsultationFactory)
    kind = Stage.Kind.CONSULTATION
    title = "Public consultation"
    starts_on = days_from_today(-7)
    ends_on = days_from_today(35)


class DocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Document

    consultation = factory.SubFactory(ConsultationFactory)
    title = "The proposal"
    file = factory.django.FileField(filename="proposal.pdf", data=b"%PDF-1.4\n% proposal\n")


class TeamFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CoproductionTeam

    consultation = factory.SubFactory(ConsultationFactory)
    purpose = "Designing the service with the people who will use it."


class TeamMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TeamMember

    team = factory.SubFactory(TeamFactory)
    name = factory.Sequence(lambda n: f"Member {n}")
    kind = TeamMember.Kind.COMMUNITY
    role = "Member"
    brings = "Uses community transport every week"


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meeting

    team = factory.SubFactory(TeamFactory)
    title = "First workshop"
    starts_at = days_from_now(-20)
    location = "Dereham Library"
    agenda = "1. Welcome\n2. What works now"
    minutes = "We agreed to ask about evening journeys."
    attendance_count = 12
    is_published = True


class OutcomeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Outcome

    consultation = factory.SubFactory(ConsultationFactory, closed=True)
    what_we_asked = "How the service should work."
    what_you_said = "Evening journeys matter most."
    decision = "The service will run until 10pm."


class OutcomeActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OutcomeAction

    outcome = factory.SubFactory(OutcomeFactory)
    description = "Extend hours to 10pm"
    owner = "Passenger transport team"
    due_on = days_from_today(90)


def consultation_admin_form(*, questions: list[dict] = (), **fields) -> dict:
    """What staff send on the admin's form for a new consultation: "Day opportunities", opening tomorrow for
    60 days, with the questions given and no stages, documents or survey pages; fields override the rest."""
    tomorrow = timezone.localtime() + datetime.timedelta(days=1)
    return {
        "title": "Day opportunities",
        "slug": "day-opportunities",
        "summary": "Day services for adults with learning disabilities.",
        "body": "About it",
        "commissioning": "Why",
        "participation_level": "consultation",
        "decision_maker": "Cabinet",
        "opens_at_0": tomorrow.strftime("%d/%m/%Y"),
        "opens_at_1": "09:00:00",
        "closes_at_0": (tomorrow + datetime.timedelta(days=59)).strftime("%d/%m/%Y"),
        "closes_at_1": "23:59:00",
        **inline_forms("stages"),
        **inline_forms("documents"),
        **inline_forms("survey_pages"),
        **inline_forms("questions", questions),
        **fields,
    }
