"""Equality monitoring questions: the ONS/GSS harmonised standards for England (Census 2021 wording).

Every question is optional and offers "Prefer not to say". Gender identity and sexual
orientation are asked only of people aged 16 or over, as the ONS does.
"""

from __future__ import annotations

from dataclasses import dataclass

PREFER_NOT = ("prefer-not", "Prefer not to say")

AGE_BANDS = [
    ("under-16", "Under 16"),
    ("16-24", "16 to 24"),
    ("25-34", "25 to 34"),
    ("35-44", "35 to 44"),
    ("45-54", "45 to 54"),
    ("55-64", "55 to 64"),
    ("65-74", "65 to 74"),
    ("75-plus", "75 or over"),
    PREFER_NOT,
]

ETHNIC_GROUPS = [
    ("asian-indian", "Asian, Asian British or Asian Welsh: Indian"),
    ("asian-pakistani", "Asian, Asian British or Asian Welsh: Pakistani"),
    ("asian-bangladeshi", "Asian, Asian British or Asian Welsh: Bangladeshi"),
    ("asian-chinese", "Asian, Asian British or Asian Welsh: Chinese"),
    ("asian-other", "Asian, Asian British or Asian Welsh: any other Asian background"),
    ("black-caribbean", "Black, Black British, Black Welsh, Caribbean or African: Caribbean"),
    ("black-african", "Black, Black British, Black Welsh, Caribbean or African: African"),
    ("black-other", "Black, Black British, Black Welsh, Caribbean or African: any other Black background"),
    ("mixed-white-black-caribbean", "Mixed or Multiple ethnic groups: White and Black Caribbean"),
    ("mixed-white-black-african", "Mixed or Multiple ethnic groups: White and Black African"),
    ("mixed-white-asian", "Mixed or Multiple ethnic groups: White and Asian"),
    ("mixed-other", "Mixed or Multiple ethnic groups: any other Mixed or Multiple background"),
    ("white-british", "White: English, Welsh, Scottish, Northern Irish or British"),
    ("white-irish", "White: Irish"),
    ("white-gypsy-traveller", "White: Gypsy or Irish Traveller"),
    ("white-roma", "White: Roma"),
    ("white-other", "White: any other White background"),
    ("other-arab", "Other ethnic group: Arab"),
    ("other-any", "Other ethnic group: any other ethnic group"),
    PREFER_NOT,
]


@dataclass(frozen=True)
class EqualityQuestion:
    name: str
    text: str
    choices: list[tuple[str, str]]
    hint: str = ""
    sixteen_plus: bool = False


QUESTIONS = [
    EqualityQuestion(
        "sex",
        "What is your sex?",
        [("female", "Female"), ("male", "Male"), PREFER_NOT],
    ),
    EqualityQuestion(
        "gender_identity_same",
        "Is the gender you identify with the same as your sex registered at birth?",
        [("yes", "Yes"), ("no", "No"), PREFER_NOT],
        sixteen_plus=True,
    ),
    EqualityQuestion(
        "sexual_orientation",
        "Which of the following best describes your sexual orientation?",
        [
            ("straight", "Straight or heterosexual"),
            ("gay-lesbian", "Gay or lesbian"),
            ("bisexual", "Bisexual"),
            ("other", "Other sexual orientation"),
            PREFER_NOT,
        ],
        sixteen_plus=True,
    ),
    EqualityQuestion(
        "ethnic_group",
        "What is your ethnic group?",
        ETHNIC_GROUPS,
        hint="The 19 ethnic groups used by the Census in England.",
    ),
    EqualityQuestion(
        "religion",
        "What is your religion?",
        [
            ("none", "No religion"),
            ("christian", "Christian"),
            ("buddhist", "Buddhist"),
            ("hindu", "Hindu"),
            ("jewish", "Jewish"),
            ("muslim", "Muslim"),
            ("sikh", "Sikh"),
            ("other", "Any other religion"),
            PREFER_NOT,
        ],
    ),
    EqualityQuestion(
        "disability",
        "Do you have any physical or mental health conditions or illnesses lasting or expected to last "
        "12 months or more?",
        [("yes", "Yes"), ("no", "No"), PREFER_NOT],
    ),
    EqualityQuestion(
        "disability_impact",
        "Do any of your conditions or illnesses reduce your ability to carry out day-to-day activities?",
        [("a-lot", "Yes, a lot"), ("a-little", "Yes, a little"), ("not-at-all", "Not at all"), PREFER_NOT],
        hint="Answer only if you answered yes to the last question.",
    ),
    EqualityQuestion(
        "marital_status",
        "On the day you answer, what is your legal marital or registered civil partnership status?",
        [
            ("never", "Never married and never registered a civil partnership"),
            ("married", "Married"),
            ("civil-partnership", "In a registered civil partnership"),
            ("separated-married", "Separated, but still legally married"),
            ("separated-civil", "Separated, but still legally in a civil partnership"),
            ("divorced", "Divorced"),
            ("dissolved", "Formerly in a civil partnership which is now legally dissolved"),
            ("widowed", "Widowed"),
            ("surviving-partner", "Surviving partner from a registered civil partnership"),
            PREFER_NOT,
        ],
    ),
    EqualityQuestion(
        "pregnancy",
        "Are you pregnant, or have you given birth in the last 26 weeks?",
        [("yes", "Yes"), ("no", "No"), PREFER_NOT],
    ),
    EqualityQuestion(
        "caring",
        "Do you look after, or give any help or support to, anyone because they have long-term physical or "
        "mental health conditions or illnesses, or problems related to old age?",
        [
            ("no", "No"),
            ("9-or-less", "Yes, 9 hours a week or less"),
            ("10-19", "Yes, 10 to 19 hours a week"),
            ("20-34", "Yes, 20 to 34 hours a week"),
            ("35-49", "Yes, 35 to 49 hours a week"),
            ("50-plus", "Yes, 50 or more hours a week"),
            PREFER_NOT,
        ],
        hint="Exclude anything you do as part of your paid employment.",
    ),
]

ALL_QUESTIONS = [EqualityQuestion("age_band", "Age", AGE_BANDS), *QUESTIONS]


# The age answers for which the questions for people aged 16 or over are not asked.
NOT_SIXTEEN_OR_OVER = ("", "under-16", PREFER_NOT[0])


def is_sixteen_or_over(age_band: str) -> bool:
    return age_band not in NOT_SIXTEEN_OR_OVER


def answers_shown(values: dict[str, str]) -> list[tuple[str, str]]:
    """(question, the answer in words) for each question answered, in the order they are asked."""
    shown = []
    for question in ALL_QUESTIONS:
        value = values.get(question.name, "")
        if value:
            shown.append((question.text, dict(question.choices).get(value, value)))
    return shown


# --- Who was missed: respondents compared with the population of the consultation's area ----------------------

# A group is flagged as under-represented when its share of the respondents is below this fraction of its share
# of the area's population (the "four-fifths" rule of thumb for a disparity worth looking into).
UNDER_REPRESENTED_BELOW = 0.8
UNDER_REPRESENTED_RULE = (
    f"A group is flagged as under-represented when its share of the people who answered the question (not "
    f"counting “Prefer not to say”) is less than {UNDER_REPRESENTED_BELOW:.0%} of its share of the area's "
    "population."
)

# The categories the population make-up is entered for: every answer but "Prefer not to say".
POPULATION_QUESTIONS = {
    question.name: [(value, label) for value, label in question.choices if value != PREFER_NOT[0]]
    for question in ALL_QUESTIONS
}


def population_categories() -> list[tuple[str, str, str, str]]:
    """(question name, question text, category, category label) for every category a population share is kept for."""
    return [
        (question.name, question.text, value, label)
        for question in ALL_QUESTIONS
        for value, label in POPULATION_QUESTIONS[question.name]
    ]


def _each(question: str, values, slugs: tuple[str, ...]) -> dict[tuple[str, str], tuple[str, ...]]:
    return {(question, value): slugs for value in values}


# The directory categories (taxonomy term slugs; a term's subcategories count too) whose organisations may reach
# a group the equality report finds under-represented, so that staff can invite them: defined here once.
INVITE_FROM: dict[tuple[str, str], tuple[str, ...]] = {
    ("sex", "female"): ("womens-groups",),
    ("sex", "male"): ("mens-groups",),
    ("age_band", "under-16"): ("youth-clubs",),
    ("age_band", "16-24"): ("youth-clubs",),
    ("age_band", "25-34"): ("parenting-support", "baby-and-toddler-groups"),
    ("age_band", "35-44"): ("parenting-support",),
    **_each("age_band", ("65-74", "75-plus"), ("older-people",)),
    ("gender_identity_same", "no"): ("lgbtq-groups",),
    **_each("sexual_orientation", ("gay-lesbian", "bisexual", "other"), ("lgbtq-groups",)),
    **_each(
        "ethnic_group",
        (value for value, _ in ETHNIC_GROUPS if value not in ("white-british", PREFER_NOT[0])),
        ("ethnic-minority-community-groups",),
    ),
    **_each(
        "religion",
        ("christian", "buddhist", "hindu", "jewish", "muslim", "sikh", "other"),
        ("faith-groups",),
    ),
    ("disability", "yes"): ("disability-support", "mental-health-support"),
    **_each("disability_impact", ("a-lot", "a-little"), ("disability-support",)),
    ("pregnancy", "yes"): ("baby-and-toddler-groups", "parenting-support"),
    **_each("caring", ("9-or-less", "10-19", "20-34", "35-49", "50-plus"), ("support-for-carers",)),
}
