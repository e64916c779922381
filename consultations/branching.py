"""A survey's pages and the branching between them: which page and question a person is asked, given their answers.

One place for the rules, read by the survey pages, the services that store a response (online or from paper)
and the admin's checks. The survey is read in two queries; everything else here is plain Python.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from consultations.models import Consultation, Question, ShownIf, SurveyPage

if TYPE_CHECKING:
    from consultations.services import AnswerValue

Answers = dict[int, "AnswerValue"]

# The key of the page holding the questions staff put on no page (asked first).
FIRST_PAGE_KEY = 0


@dataclass
class Step:
    """One page of the survey as a person goes through it, numbered from 1 in the survey's order."""

    number: int
    page: SurveyPage | None
    questions: list[Question] = field(default_factory=list)

    @property
    def key(self) -> int:
        return self.page.pk if self.page else FIRST_PAGE_KEY


class Survey:
    """A consultation's questions in pages, and the branching rules between them."""

    def __init__(self, pages: list[SurveyPage], questions: list[Question]):
        self.questions = questions
        self.by_id = {q.pk: q for q in questions}
        unpaged = [q for q in questions if q.page_id is None]
        self.steps: list[Step] = [Step(0, None, unpaged)] if unpaged or not pages else []
        for page in pages:
            self.steps.append(Step(0, page, [q for q in questions if q.page_id == page.pk]))
        self.steps = [s for s in self.steps if s.questions or s.page is None]
        for number, step in enumerate(self.steps, 1):
            step.number = number
        self._step_of = {q.pk: step.number for step in self.steps for q in step.questions}

    @classmethod
    def of(cls, consultation: Consultation) -> Survey:
        pages = list(consultation.survey_pages.all())
        return cls(pages, list(consultation.questions.all()))

    @property
    def branches(self) -> bool:
        return len(self.steps) > 1

    def step(self, number: int) -> Step | None:
        return self.steps[number - 1] if 1 <= number <= len(self.steps) else None

    def _met(self, rule: ShownIf, answers: Answers, asked: set[int], before: int) -> bool:
        """A rule holds when its question was asked on an earlier page and its answer is, or includes, the option."""
        if not rule.has_condition:
            return True
        question = self.by_id.get(rule.shown_if_question_id)
        if question is None or question.pk not in asked or self._step_of[question.pk] >= before:
            return False
        value = answers.get(question.pk)
        if value is None or rule.shown_if_answer not in question.options:
            return False
        return question.options.index(rule.shown_if_answer) in value.choices

    def walk(self, answers: Answers) -> list[tuple[Step, list[Question]]]:
        """The pages a person is shown, in order, each with the questions asked on it."""
        asked: set[int] = set()
        shown = []
        for step in self.steps:
            if step.page is not None and not self._met(step.page, answers, asked, step.number):
                continue
            questions = [q for q in step.questions if self._met(q, answers, asked, step.number)]
            if questions or step.page is None:
                shown.append((step, questions))
                asked.update(q.pk for q in questions)
        return shown

    def path(self, answers: Answers) -> list[Step]:
        return [step for step, _ in self.walk(answers)]

    def asked_on(self, step: Step, answers: Answers) -> list[Question] | None:
        """The questions asked on this page, or None when the page is skipped."""
        for shown, questions in self.walk(answers):
            if shown is step:
                return questions
        return None

    def asked(self, answers: Answers) -> list[Question]:
        return [q for _, questions in self.walk(answers) for q in questions]

    def first_number(self, step: Step, answers: Answers) -> int:
        """The number of the page's first question as this person sees it: skipped questions are not counted."""
        return 1 + sum(len(questions) for shown, questions in self.walk(answers) if shown.number < step.number)

    def next_step(self, step: Step, answers: Answers) -> Step | None:
        return next((s for s in self.path(answers) if s.number > step.number), None)

    def previous_step(self, step: Step, answers: Answers) -> Step | None:
        return next((s for s in reversed(self.path(answers)) if s.number < step.number), None)

    def may_follow(self, step: Step, answers: Answers) -> bool:
        """Whether a page could come after this one: its rule is met, or hangs on an answer given on this page."""
        asked = {q.pk for q in self.asked(answers)}
        for later in self.steps[step.number :]:
            rule = later.page
            if rule is None or not rule.has_condition or self._met(rule, answers, asked, later.number):
                return True
            if self._step_of.get(rule.shown_if_question_id) == step.number:
                return True
        return False

    def not_asked(self, answers: Answers) -> list[int]:
        asked = {q.pk for q in self.asked(answers)}
        return [q.pk for q in self.questions if q.pk not in asked]

    def refusals(self, answers: Answers) -> list[str]:
        """Why these answers cannot be stored as a response: answers to questions not asked, required ones missing."""
        asked = self.asked(answers)
        asked_ids = {q.pk for q in asked}
        problems = [
            f"“{self.by_id[pk].text}” was not asked, given your other answers: leave it empty."
            if pk in self.by_id
            else "An answer was given to a question that is not in this survey."
            for pk, value in answers.items()
            if pk not in asked_ids and (value.text or value.choices)
        ]
        problems += [
            f"Answer the question: {q.text}"
            for q in asked
            if q.is_required and not (answers.get(q.pk) and (answers[q.pk].text or answers[q.pk].choices))
        ]
        return problems


CONDITION_KINDS = (Question.Kind.SINGLE, Question.Kind.MULTIPLE, Question.Kind.SCALE)


def rule_problem(
    question: Question | None, answer: str, *, consultation_id: int | None, page: SurveyPage | None
) -> str:
    """What is wrong with a branching rule staff set on a page, or on a question on a page ('' when nothing is).

    The rule's question must be a choice question of the same consultation, asked on an earlier page
    (questions on no page come first), and the answer one of its options.
    """
    if question is None:
        return "Choose the question whose answer decides this." if answer else ""
    if question.consultation_id != consultation_id:
        return "Choose a question of this consultation."
    if question.kind not in CONDITION_KINDS:
        return "Choose a single choice, multiple choice or scale question."
    if answer not in question.options:
        return f"Give one of the options of “{question.text}”, exactly as written."
    if (-1 if question.page is None else question.page.position) >= (-1 if page is None else page.position):
        return f"“{question.text}” must be asked on an earlier page."
    return ""
