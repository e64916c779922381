"""Reads shared by the consultation pages, the results, the CSV exports and the sections."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import Count, Prefetch, Q

from consultations import equality
from consultations.models import (
    Answer,
    Consultation,
    EqualityMonitoring,
    Meeting,
    Question,
    Response,
    Stage,
)
from localism.suppression import CountTable, count_table


def consultation_page_queryset():
    """The consultation with everything its page shows, in a fixed number of queries."""
    return Consultation.objects.select_related("outcome", "team", "council").prefetch_related(
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


def results(consultation: Consultation) -> Results:
    """Counts per question and option, done by the database (three queries whatever the number of responses)."""
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
    out = []
    for question in questions:
        result = QuestionResult(question=question, answered=answered.get(question.pk, 0))
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


def equality_report(consultation: Consultation) -> tuple[int, list[CountTable]]:
    """Counts per category for each question, any group under 5 people suppressed (localism.suppression)."""
    records = EqualityMonitoring.objects.filter(consultation=consultation)
    total = records.count()
    tables = []
    for question in equality.ALL_QUESTIONS:
        counts = dict(
            records.exclude(**{question.name: ""}).values_list(question.name).annotate(count=Count("id")).order_by()
        )
        tables.append(count_table(question.text, question.choices, counts))
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
        row = [response.pk, response.get_channel_display(), response.submitted_at, response.updated_at]
        for question in questions:
            answer = answers.get(question.pk)
            if answer is None:
                row.append("")
            elif question.has_options:
                row.append(" | ".join(question.options[i] for i in answer.choices if i < len(question.options)))
            else:
                row.append(answer.text)
        yield row
