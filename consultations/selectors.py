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
    DistrictPopulation,
    EqualityMonitoring,
    Meeting,
    PopulationShare,
    Question,
    Response,
    ResponseDraft,
)
from consultations.services import AnswerValue, draft_answers
from localism.models import Place
from localism.suppression import SUPPRESS_BELOW, CountRow, CountTable, count_table, suppressed


def consultation_page_queryset():
    """The consultation with the one-to-one parts its page shows (its lists: `consultation_page_lists`)."""
    # The budget simulator (budget_simulator app) is a part of the consultation its page links to.
    return Consultation.objects.select_related("outcome", "team", "council", "budget_simulator")


def consultation_page_lists(consultation: Consultation) -> dict[str, list]:
    """The lists a consultation's page shows, each read by the consultation's key: one query each, and
    cheaper than prefetching them."""
    return {
        "places": list(consultation.places.all()),
        "topics": list(consultation.topics.all()),
        "documents": list(consultation.documents.all()),
        "stages": list(consultation.stages.order_by("position", "starts_on", "id")),
    }


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


# --- Who was missed: the equality report's comparison with the area's population -----------------------------


@dataclass
class ComparedRow:
    """One category: respondents' share (None: too few to show, or nobody answered) and the population's."""

    row: CountRow
    respondents_percent: float | None
    population_percent: float | None
    is_under_represented: bool

    @property
    def is_too_few_to_say(self) -> bool:
        return self.row.is_suppressed and not self.is_under_represented


@dataclass
class ComparedTable:
    table: CountTable
    name: str
    base: int  # the people the respondents' shares are of, as shown
    rows: list[ComparedRow | None]  # one per row of the table (None: not a category, e.g. "Not answered")

    @property
    def has_population(self) -> bool:
        return any(row is not None and row.population_percent is not None for row in self.rows)

    @property
    def lines(self) -> list[tuple[CountRow, ComparedRow | None]]:
        return list(zip(self.table.rows, self.rows, strict=True))


@dataclass
class Invitation:
    """A group found under-represented, and public listings in the directory that may reach it."""

    question: str
    label: str
    listings: list[dict]


@dataclass
class Comparison:
    districts: list[Place]
    missing: list[Place]  # districts of the area with no population figures
    sources: list[tuple[str, str]]  # (district, source)
    tables: list[ComparedTable]
    invitations: list[Invitation]
    rule: str = equality.UNDER_REPRESENTED_RULE


def consultation_districts(consultation: Consultation) -> list[Place]:
    """The districts of the consultation's area: those whose pages show it (the one place-membership rule,
    `Place.objects.showing`, covering as a consultation does); the council's area when it names no places."""
    places = list(consultation.places.select_related("parent__parent__parent"))
    if not places and consultation.council_id is not None:
        places = list(consultation.council.places.select_related("parent__parent__parent"))
    if not places:
        return []
    return list(Place.objects.showing(places, covering=True).districts().select_related("parent").order_by("name"))


def area_population(districts: list[Place]) -> tuple[dict[tuple[str, str], float], list, list[Place]]:
    """The area's share of each category (per cent): the districts' shares weighted by their usual residents, of
    the districts with figures for that question. Also each district's source, and the districts with none."""
    populations = {p.district_id: p for p in DistrictPopulation.objects.filter(district__in=districts)}
    residents_by_question: dict[str, int] = defaultdict(int)
    weighted: dict[tuple[str, str], float] = defaultdict(float)
    counted: set[tuple[int, str]] = set()
    shares = PopulationShare.objects.filter(population__in=populations.values()).values_list(
        "population__district_id", "question", "category", "percent"
    )
    for district_id, question, category, percent in shares:
        residents = populations[district_id].residents
        if (district_id, question) not in counted:
            counted.add((district_id, question))
            residents_by_question[question] += residents
        weighted[(question, category)] += residents * float(percent)
    area = {
        (question, category): total / residents_by_question[question]
        for (question, category), total in weighted.items()
        if residents_by_question[question]
    }
    sources = [(d.name, populations[d.pk].source) for d in districts if d.pk in populations]
    return area, sources, [d for d in districts if d.pk not in populations]


def _compared(question: equality.EqualityQuestion, table: CountTable, area: dict) -> ComparedTable:
    """Respondents' shares from the figures as shown alone (counts, and the total rounded when a group is hidden),
    so that no share or flag tells more than the table does about a suppressed group."""
    prefer = table.row(equality.PREFER_NOT[0])
    base = table.answered - (prefer.count if prefer is not None and prefer.count is not None else 0)
    categories = dict(equality.POPULATION_QUESTIONS[question.name])
    rows: list[ComparedRow | None] = []
    for row in table.rows:
        if row.value not in categories:
            rows.append(None)
            continue
        population = area.get((question.name, row.value))
        flag_below = population * equality.UNDER_REPRESENTED_BELOW if population else None
        if base <= 0:
            rows.append(ComparedRow(row, None, population, False))
        elif row.is_suppressed:
            # Flagged only if even the most a hidden group could be (SUPPRESS_BELOW - 1 people) is too few.
            most = 100 * (SUPPRESS_BELOW - 1) / base
            rows.append(ComparedRow(row, None, population, flag_below is not None and most < flag_below))
        else:
            share = 100 * row.count / base
            rows.append(ComparedRow(row, share, population, flag_below is not None and share < flag_below))
    return ComparedTable(table=table, name=question.name, base=max(base, 0), rows=rows)


def equality_comparison(consultation: Consultation, tables: list[CountTable]) -> Comparison:
    """The equality report's tables beside the population of the consultation's area, the groups found
    under-represented, and directory listings the public sees there that may reach them (a fixed number of
    queries, whatever the data)."""
    from directory.selectors import public_listings_in_categories

    districts = consultation_districts(consultation)
    area, sources, missing = area_population(districts)
    compared = [_compared(q, t, area) for q, t in zip(equality.ALL_QUESTIONS, tables, strict=True)]
    flagged = [
        (table, row)
        for table in compared
        for row in table.rows
        if row is not None and row.is_under_represented and (table.name, row.row.value) in equality.INVITE_FROM
    ]
    slugs = {slug for table, row in flagged for slug in equality.INVITE_FROM[(table.name, row.row.value)]}
    listings = public_listings_in_categories(slugs, districts)
    invitations = []
    for table, row in flagged:
        seen, found = set(), []
        for slug in equality.INVITE_FROM[(table.name, row.row.value)]:
            for listing in listings.get(slug, []):
                if listing["id"] not in seen:
                    seen.add(listing["id"])
                    found.append(listing)
        invitations.append(Invitation(question=table.table.question, label=row.row.label, listings=found))
    return Comparison(districts=districts, missing=missing, sources=sources, tables=compared, invitations=invitations)
