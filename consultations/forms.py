from __future__ import annotations

import re
from dataclasses import dataclass, field

from django import forms

from consultations import equality
from consultations.models import TEXT_ANSWER_MAX_LENGTH, Question, Response, TeamApplication
from consultations.services import AnswerValue
from localism.forms import HoneypotForm
from participation_codes.forms import CodeField

SHORT_TEXT_MAX_LENGTH = 500
ANSWER_NAME = re.compile(r"^q(\d+)(?:_\d+)?$")


@dataclass
class QuestionFields:
    question: Question
    names: list[str] = field(default_factory=list)
    number: int = 0


def _answer_name(question: Question) -> str:
    return f"q{question.pk}"


class SurveyForm(HoneypotForm):
    """The survey: one field per question (a ranking question has one field per option)."""

    def __init__(
        self,
        *args,
        questions: list[Question],
        initial_answers: dict | None = None,
        first_number: int = 1,
        required_later: bool = False,
        survey_questions: dict[int, Question] | None = None,
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        self.questions = questions
        # Required answers can be asked for later: when a person saves to come back, and when staff enter a paper
        # response on one page (the survey's branching decides which questions were asked: services check them).
        self.required_later = required_later
        self.survey_questions = survey_questions or {}
        self.groups: list[QuestionFields] = []
        initial_answers = initial_answers or {}
        website = self.fields.pop("website")
        for number, question in enumerate(questions, first_number):
            group = QuestionFields(question=question, number=number)
            existing = initial_answers.get(question.pk)
            for name, form_field, initial in self._fields_for(question, existing, number):
                self.fields[name] = form_field
                if initial not in (None, "", []):
                    self.initial[name] = initial
                group.names.append(name)
            self.groups.append(group)
        self.fields["website"] = website

    def _fields_for(self, question: Question, existing, number: int):
        name = _answer_name(question)
        required_message = f"Answer the question: {question.text}"
        # What the field of every kind of question says: its number and text, whether it must be answered, its hint.
        asked = {
            "label": f"{number}. {question.text}",
            "required": question.is_required and not self.required_later,
            "help_text": question.help_text,
        }
        options = list(enumerate(question.options))
        match question.kind:
            case Question.Kind.TEXT | Question.Kind.LONG_TEXT:
                is_long = question.kind == Question.Kind.LONG_TEXT
                max_length = TEXT_ANSWER_MAX_LENGTH if is_long else SHORT_TEXT_MAX_LENGTH
                yield (
                    name,
                    forms.CharField(
                        max_length=max_length,
                        widget=forms.Textarea(attrs={"rows": 6}) if is_long else None,
                        error_messages={
                            "required": required_message,
                            "max_length": f"Your answer must be {max_length:,} characters or fewer",
                        },
                        **asked,
                    ),
                    existing.text if existing else None,
                )
            case Question.Kind.SINGLE | Question.Kind.SCALE:
                choices = (
                    [(str(i), f"{i + 1}: {text}") for i, text in options]
                    if question.kind == Question.Kind.SCALE
                    else [(str(i), text) for i, text in options]
                )
                yield (
                    name,
                    forms.ChoiceField(
                        choices=choices,
                        widget=forms.RadioSelect,
                        error_messages={"required": required_message, "invalid_choice": "Choose one of the options"},
                        **asked,
                    ),
                    str(existing.choices[0]) if existing and existing.choices else None,
                )
            case Question.Kind.MULTIPLE:
                yield (
                    name,
                    forms.MultipleChoiceField(
                        choices=[(str(i), text) for i, text in options],
                        widget=forms.CheckboxSelectMultiple,
                        error_messages={"required": required_message, "invalid_choice": "Choose from the options"},
                        **(asked | {"help_text": question.help_text or "Select all that apply."}),
                    ),
                    [str(i) for i in existing.choices] if existing else None,
                )
            case Question.Kind.RANKING:
                ranks = {option: position for position, option in enumerate(existing.choices, 1)} if existing else {}
                places = [("", "Not ranked")] + [(str(n), f"{n}") for n in range(1, len(options) + 1)]
                for i, text in options:
                    yield (
                        f"{name}_{i}",
                        forms.TypedChoiceField(
                            label=text,
                            required=False,
                            choices=places,
                            coerce=int,
                            empty_value=None,
                            widget=forms.Select(attrs={"class": "govuk-select"}),
                            error_messages={"invalid_choice": "Choose a place in the ranking"},
                        ),
                        str(ranks[i]) if i in ranks else None,
                    )

    def _not_asked(self) -> list[str]:
        """Answers sent for questions this page does not ask: skipped by the branching, or on another page."""
        getlist = getattr(self.data, "getlist", lambda key: [self.data[key]])
        stray = {
            int(match[1])
            for key in self.data
            if (match := ANSWER_NAME.match(key))
            and key not in self.fields
            and any(str(v).strip() for v in getlist(key))
        }
        return [
            f"“{self.survey_questions[pk].text}” is not asked on this page, given your answers: "
            "nothing was saved. Answer only the questions shown."
            if pk in self.survey_questions
            else "An answer was sent for a question that is not in this survey: nothing was saved."
            for pk in sorted(stray)
        ]

    def clean(self):
        cleaned = super().clean()
        for problem in self._not_asked():
            self.add_error(None, problem)
        for group in self.groups:
            question = group.question
            if question.kind != Question.Kind.RANKING:
                continue
            ranked = [(cleaned.get(name), index) for index, name in enumerate(group.names)]
            ranked = [(rank, index) for rank, index in ranked if rank is not None]
            ranks = sorted(rank for rank, _ in ranked)
            if len(ranks) != len(set(ranks)):
                self.add_error(group.names[0], f"Give each priority a different place: {question.text}")
            elif ranks and ranks != list(range(1, len(ranks) + 1)):
                self.add_error(group.names[0], f"Rank your priorities from 1 without gaps: {question.text}")
            elif question.is_required and not ranks and not self.required_later:
                self.add_error(group.names[0], f"Rank at least your first priority: {question.text}")
        return cleaned

    def answers(self) -> dict[int, AnswerValue]:
        values = {}
        for group in self.groups:
            question = group.question
            data = self.cleaned_data
            match question.kind:
                case Question.Kind.TEXT | Question.Kind.LONG_TEXT:
                    text = data.get(group.names[0], "").strip()
                    values[question.pk] = AnswerValue(text=text)
                case Question.Kind.SINGLE | Question.Kind.SCALE:
                    choice = data.get(group.names[0])
                    values[question.pk] = AnswerValue(choices=(int(choice),) if choice not in (None, "") else ())
                case Question.Kind.MULTIPLE:
                    values[question.pk] = AnswerValue(
                        choices=tuple(sorted(int(c) for c in data.get(group.names[0], [])))
                    )
                case Question.Kind.RANKING:
                    ranked = sorted(
                        (data[name], index) for index, name in enumerate(group.names) if data.get(name) is not None
                    )
                    values[question.pk] = AnswerValue(choices=tuple(index for _, index in ranked))
        return values


class OfflineResponseForm(SurveyForm):
    """Staff entering a paper, phone or event response: the survey plus how it arrived."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, required_later=True, **kwargs)
        self.fields["channel"] = forms.ChoiceField(
            label="How was the response received?",
            choices=[c for c in Response.Channel.choices if c[0] != Response.Channel.ONLINE],
            widget=forms.RadioSelect,
            error_messages={"required": "Choose how the response was received"},
        )
        self.fields["respondent_name"] = forms.CharField(
            label="Name of the person (optional)", required=False, max_length=120
        )
        del self.fields["website"]


class EqualityAgeForm(HoneypotForm):
    age_band = forms.ChoiceField(
        label="What is your age?",
        choices=[("", "Choose an age group"), *equality.AGE_BANDS],
        required=False,
        help_text="We ask some questions only of people aged 16 or over.",
    )


class EqualityForm(HoneypotForm):
    """The ONS/GSS harmonised questions; every question is optional and has 'Prefer not to say'."""

    def __init__(self, *args, age_band: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.age_band = age_band if age_band in dict(equality.AGE_BANDS) else ""
        website = self.fields.pop("website")
        for question in equality.QUESTIONS:
            if question.sixteen_plus and not equality.is_sixteen_or_over(self.age_band):
                continue
            self.fields[question.name] = forms.ChoiceField(
                label=question.text,
                help_text=question.hint,
                choices=question.choices,
                required=False,
                widget=forms.RadioSelect,
                error_messages={"invalid_choice": "Choose one of the options"},
            )
        self.fields["website"] = website

    def values(self) -> dict[str, str]:
        values = {"age_band": self.age_band}
        for question in equality.QUESTIONS:
            if question.name in self.fields:
                values[question.name] = self.cleaned_data.get(question.name) or ""
        return values


class TeamApplicationForm(HoneypotForm, forms.ModelForm):
    class Meta:
        model = TeamApplication
        fields = ["why", "brings", "organisation_name", "access_needs"]
        widgets = {
            "why": forms.Textarea(attrs={"rows": 5}),
            "access_needs": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "brings": "For example, 'I use community transport to get to hospital', or 'I run a lunch club'.",
            "organisation_name": "Leave empty if you are applying as yourself.",
            "access_needs": "Only staff see this, to arrange support such as transport, an interpreter or papers "
            "in Easy Read.",
        }
        error_messages = {
            "why": {"required": "Tell us why you would like to join"},
            "brings": {"required": "Tell us what experience or interest you bring"},
        }


class DeclineForm(forms.Form):
    reason = forms.CharField(label="Reason (the applicant is told)", widget=forms.Textarea(attrs={"rows": 4}))


class PublishForm(forms.Form):
    formative = forms.BooleanField(label="The proposals are still at a formative stage: the decision is not made.")
    reasons = forms.BooleanField(label="We give sufficient reasons and information for people to respond.")
    time = forms.BooleanField(label="People have adequate time to respond.")
    consideration = forms.BooleanField(label="Responses will be conscientiously considered before the decision.")


class CodeSendForm(forms.Form):
    """The last step of a response with a one-time code: the code from the card, which sends the answers."""

    code = CodeField()
