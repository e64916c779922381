"""Reads shared by the consultation pages, the results, the CSV exports and the sections."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import Count, Prefetch, Q

from consultations import equality
from consultations.branching import Survey
from consultations.models import (
    Answer,
    Consultation,
    EqualityMonitoring,
    Meeting,
    Question,
    Response,
    ResponseDraft,
    Stage,
)
from consultations.services import AnswerValue, draft_answers
from localism.suppression import SUPPRESS_BELOW, CountRow, CountTable, count_table, suppressed


def consultation_page_queryset():
    """The consultation with everything its page shows, in a fixed number of queries."""
    # The budget simulator (budget_simulator app) is a part of the consultation its page links to.
    return Consultation.objects.select_related("outcome", "team", "council", "budget_simulator").prefetch_related(
        "places",
        "topics",
        "documents",
        Prefetch("stages", queryset=Stage.objects.order_by("position", "starts_on", "id")),
    )


def published_meetings(consultation: Consultation) -> list[Meeting]:
    team = getattr(consultation, "team", None)
    if team is None:
        return []
    return list(team.meetings.filter(is_published=True).order_by("-starts_at"))


@dataclass
class OptionResult:
    label: str
    count: int
    percent: float
    first_place: int = 0
    score: int = 0


@dataclass
class QuestionResult:
    question: Question
    answered: int
    options: list[OptionResult] = field(default_factory=list)
    # How many people the survey's branching skipped this question for: "not asked", unlike "not answered".
    not_asked: int = 0
    asked: int = 0

    @property
    def not_answered(self) -> int:
        return self.asked - self.answered

    @property
    def is_ranking(self) -> bool:
        return self.question.kind == Question.Kind.RANKING

    @property
    def biggest(self) -> int:
        values = [o.score if self.is_ranking else o.count for o in self.options]
        return max(values, default=0) or 1


@dataclass
class Results:
    total: int
    by_channel: list[tuple[str, int]]
    questions: list[QuestionResult]


_CHOICE_COUNTS_SQL = """
SELECT a.question_id, c.option, c.position, COUNT(*)
FROM consultations_answer a
JOIN consultations_response r ON r.id = a.response_id
CROSS JOIN LATERAL unnest(a.choices) WITH ORDINALITY AS c(option, position)
WHERE r.consultation_id = %s
GROUP BY a.question_id, c.option, c.position
"""


_NOT_ASKED_SQL = """
SELECT q.question_id, COUNT(*)
FROM consultations_response r CROSS JOIN LATERAL unnest(r.not_asked) AS q(question_id)
WHERE r.consultation_id = %s
GROUP BY q.question_id
"""

# In the responses download, a question the branching skipped; an empty cell is a question left unanswered.
NOT_ASKED = "(not asked)"


def results(consultation: Consultation) -> Results:
    """Counts per question and option, done by the database (five queries whatever the number of responses)."""
    responses = Response.objects.filter(consultation=consultation)
    channel_labels = dict(Response.Channel.choices)
    by_channel = [
        (channel_labels.get(row["channel"], row["channel"]), row["count"])
        for row in responses.values("channel").annotate(count=Count("id")).order_by("-count", "channel")
    ]
    total = sum(count for _, count in by_channel)
    questions = list(consultation.questions.all())
    answered = dict(
        Answer.objects.filter(response__consultation=consultation)
        .filter(~Q(text="") | Q(choices__len__gt=0))
        .values("question_id")
        .annotate(count=Count("id"))
        .values_list("question_id", "count")
    )
    counts: dict[int, dict[int, dict[int, int]]] = defaultdict(lambda: defaultdict(dict))
    with connection.cursor() as cursor:
        cursor.execute(_CHOICE_COUNTS_SQL, [consultation.pk])
        for question_id, option, position, count in cursor.fetchall():
            counts[question_id][option][position] = count
        cursor.execute(_NOT_ASKED_SQL, [consultation.pk])
        not_asked = dict(cursor.fetchall())
    out = []
    for question in questions:
        skipped = not_asked.get(question.pk, 0)
        result = QuestionResult(
            question=question, answered=answered.get(question.pk, 0), not_asked=skipped, asked=total - skipped
        )
        if question.has_options:
            size = len(question.options)
            for index, label in enumerate(question.options):
                positions = counts[question.pk].get(index, {})
                chosen = sum(positions.values())
                result.options.append(
                    OptionResult(
                        label=label,
                        count=chosen,
                        percent=round(100 * chosen / result.answered, 1) if result.answered else 0.0,
                        first_place=positions.get(1, 0),
                        # Borda count: first place scores as many points as there are options.
                        score=sum(count * (size - position + 1) for position, count in positions.items()),
                    )
                )
            if question.kind == Question.Kind.RANKING:
                result.options.sort(key=lambda o: -o.score)
        out.append(result)
    return Results(total=total, by_channel=by_channel, questions=out)


NOT_ANSWERED = "Not answered"
NOT_ASKED_UNDER_SIXTEEN = "Not asked (under 16, or age not given)"


def equality_report(consultation: Consultation) -> tuple[int, list[CountTable]]:
    """Counts per category for each question, any group under 5 people suppressed (localism.suppression);
    "not answered" apart from "not asked" (the questions only for people aged 16 or over)."""
    records = EqualityMonitoring.objects.filter(consultation=consultation)
    sizes = records.aggregate(
        total=Count("id"), under_sixteen=Count("id", filter=Q(age_band__in=equality.NOT_SIXTEEN_OR_OVER))
    )
    total = sizes["total"]
    tables = []
    for question in equality.ALL_QUESTIONS:
        counts = dict(
            records.exclude(**{question.name: ""}).values_list(question.name).annotate(count=Count("id")).order_by()
        )
        table = count_table(question.text, question.choices, counts)
        answered = sum(counts.values())
        # Questions only for people aged 16 or over were not asked of the others: not the same as left empty.
        not_asked = sizes["under_sixteen"] if question.sixteen_plus else 0
        table.rows.append(CountRow(label=NOT_ANSWERED, count=suppressed(total - not_asked - answered)))
        if question.sixteen_plus:
            table.rows.append(CountRow(label=NOT_ASKED_UNDER_SIXTEEN, count=suppressed(not_asked)))
        # Suppressed cells could be worked out from an exact total: round it when any cell is hidden.
        table.answered = (answered // SUPPRESS_BELOW) * SUPPRESS_BELOW if table.has_suppressed else answered
        tables.append(table)
    return total, tables


def response_rows(consultation: Consultation):
    """Every response as a row of the CSV export: one column per question (ranking: in order)."""
    questions = list(consultation.questions.all())
    yield ["response", "channel", "submitted", "last changed", *[q.text for q in questions]]
    responses = (
        Response.objects.filter(consultation=consultation)
        .order_by("id")
        .prefetch_related(
            Prefetch("answers", queryset=Answer.objects.only("response_id", "question_id", "text", "choices"))
        )
    )
    for response in responses.iterator(chunk_size=2000):
        answers = {a.question_id: a for a in response.answers.all()}
        skipped = set(response.not_asked)
        row = [response.pk, response.get_channel_display(), response.submitted_at, response.updated_at]
        for question in questions:
            answer = answers.get(question.pk)
            if question.pk in skipped:
                row.append(NOT_ASKED)
            elif answer is None:
                row.append("")
            elif question.has_options:
                row.append(" | ".join(question.options[i] for i in answer.choices if i < len(question.options)))
            else:
                row.append(answer.text)
        yield row


@dataclass
class Progress:
    """How far a person is through the survey: their answers so far and the pages they have finished."""

    answers: dict[int, AnswerValue]
    done: set[int]
    existing: Response | None
    draft: ResponseDraft | None


def survey_progress(consultation: Consultation, respondent, survey: Survey) -> Progress:
    """A saved draft first; otherwise the response to change (every page finished); otherwise nothing yet."""
    draft = ResponseDraft.objects.filter(consultation=consultation, respondent=respondent).first()
    existing = (
        Response.objects.filter(consultation=consultation, respondent=respondent)
        .prefetch_related(
            Prefetch("answers", queryset=Answer.objects.only("response_id", "question_id", "text", "choices"))
        )
        .first()
    )
    if draft is not None:
        return Progress(draft_answers(draft), set(draft.pages_done), existing, draft)
    if existing is not None:
        answers = {a.question_id: AnswerValue(a.text, tuple(a.choices)) for a in existing.answers.all()}
        return Progress(answers, {step.key for step in survey.steps}, existing, None)
    return Progress({}, set(), None, None)
