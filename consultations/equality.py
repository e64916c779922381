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
