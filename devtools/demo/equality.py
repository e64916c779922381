"""Demo content for "who was missed": the population make-up of Norfolk's seven districts, equality answers for
the recycling consultation (closed, with its outcome) that leave some groups out, and the demo resident's saved
equality answers.

The population figures are ILLUSTRATIVE: shaped like the Census 2021 tables (usual residents, age, sex, ethnic
group, religion, disability, unpaid care) and of the right size for each district, but not the published ONS
figures. A council loads the real ones from the ONS tables through the admin's CSV import.
"""

from __future__ import annotations

import random
from decimal import Decimal

from devtools.demo import RESIDENT_EMAIL, register

SOURCE = "Illustrative figures in the style of Census 2021 (demo data, not the published ONS tables)"

# District: (usual residents, share of residents 65 or over, share in an ethnic group other than White British).
DISTRICTS = {
    "breckland": (141_000, 25.5, 7.5),
    "broadland": (131_700, 26.0, 4.5),
    "great-yarmouth": (99_800, 23.5, 8.0),
    "kings-lynn-and-west-norfolk": (154_300, 26.0, 9.0),
    "north-norfolk": (103_000, 33.0, 3.5),
    "norwich": (144_000, 14.0, 19.0),
    "south-norfolk": (143_000, 24.0, 5.5),
}


def _shares(older: float, minority: float) -> dict[tuple[str, str], Decimal]:
    """One district's shares (per cent), each question's adding up to 100."""
    young = (100 - older) / 100
    ages = {
        "under-16": 17.0 * young,
        "16-24": 11.5 * young,
        "25-34": 15.0 * young,
        "35-44": 14.5 * young,
        "45-54": 17.0 * young,
        "55-64": 25.0 * young,
        "65-74": older * 0.55,
        "75-plus": older * 0.45,
    }
    ethnic = {
        "white-british": 100 - minority,
        "white-other": minority * 0.45,
        "white-irish": minority * 0.04,
        "white-gypsy-traveller": minority * 0.02,
        "white-roma": minority * 0.01,
        "asian-indian": minority * 0.06,
        "asian-chinese": minority * 0.05,
        "asian-bangladeshi": minority * 0.03,
        "asian-pakistani": minority * 0.02,
        "asian-other": minority * 0.05,
        "black-african": minority * 0.08,
        "black-caribbean": minority * 0.01,
        "black-other": minority * 0.01,
        "mixed-white-asian": minority * 0.04,
        "mixed-white-black-caribbean": minority * 0.03,
        "mixed-white-black-african": minority * 0.02,
        "mixed-other": minority * 0.03,
        "other-arab": minority * 0.01,
        "other-any": minority * 0.03,
    }
    figures = {
        "sex": {"female": 51.0, "male": 49.0},
        "age_band": ages,
        "ethnic_group": ethnic,
        "religion": {
            "christian": 47.0,
            "none": 53.0 - 0.4 * minority - 1.5,  # what the other answers leave
            "muslim": 0.3 * minority,
            "hindu": 0.1 * minority,
            "buddhist": 0.5,
            "jewish": 0.2,
            "sikh": 0.1,
            "other": 0.7,
        },
        "disability": {"yes": 20.5, "no": 79.5},
        "disability_impact": {"a-lot": 8.5, "a-little": 12.0},
        "caring": {"no": 91.0, "9-or-less": 4.5, "10-19": 1.3, "20-34": 0.9, "35-49": 0.7, "50-plus": 1.6},
    }
    shares = {}
    for question, categories in figures.items():
        for category, percent in categories.items():
            shares[(question, category)] = Decimal(str(round(percent, 2)))
    return shares


# The recycling consultation's respondents: older, more women, few young people or people of an ethnic minority.
RESPONDENTS = [
    ({"age_band": "75-plus", "sex": "female", "ethnic_group": "white-british", "disability": "yes"}, 14),
    ({"age_band": "65-74", "sex": "female", "ethnic_group": "white-british", "disability": "no"}, 12),
    ({"age_band": "65-74", "sex": "male", "ethnic_group": "white-british", "disability": "no"}, 9),
    ({"age_band": "55-64", "sex": "female", "ethnic_group": "white-british", "disability": "no"}, 7),
    ({"age_band": "45-54", "sex": "male", "ethnic_group": "white-british", "disability": "no"}, 6),
    ({"age_band": "35-44", "sex": "female", "ethnic_group": "white-other", "disability": "no"}, 5),
    ({"age_band": "25-34", "sex": "male", "ethnic_group": "white-british", "disability": "prefer-not"}, 2),
    ({"age_band": "prefer-not", "sex": "prefer-not"}, 3),
]


@register("equality", order=45)
def seed(stdout, scale=None) -> None:
    from accounts.models import User
    from consultations import services
    from consultations.models import Consultation, DistrictPopulation, EqualityMonitoring
    from localism.models import Place

    districts = {place.slug: place for place in Place.objects.districts()}
    for slug, (residents, older, minority) in DISTRICTS.items():
        if slug in districts:
            services.district_population_save(
                population=DistrictPopulation(district=districts[slug], residents=residents, source=SOURCE),
                shares=_shares(older, minority),
                by=None,
            )
    recycling = Consultation.objects.filter(slug="recycling-centre-opening-days").first()
    records = []
    if recycling is not None:
        rng = random.Random(17)
        for values, times in RESPONDENTS:
            for _ in range(times):
                religion = rng.choice(["christian", "christian", "none", "none", ""])
                records.append(EqualityMonitoring(consultation=recycling, religion=religion, **values))
        EqualityMonitoring.objects.bulk_create(records)
    resident = User.objects.filter(email=RESIDENT_EMAIL).first()
    if resident is not None:
        services.saved_equality_answers_save(
            person=resident, values={"age_band": "35-44", "sex": "female", "ethnic_group": "white-british"}
        )
    stdout.write(
        f"Equality: illustrative population make-up of {len(DISTRICTS)} districts, {len(records)} equality answers "
        "for the recycling consultation, the demo resident's saved answers."
    )
