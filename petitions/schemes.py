"""Norfolk County Council's petition scheme as the portal starts with it (staff change it in the admin).

The thresholds and deadlines are those of the council's published scheme: 20 signatures from people who
live, work or study in Norfolk make a petition, 4,500 trigger a debate at full council, an acknowledgement
within 3 working days and a response saying how it will be handled within 10 working days. The rule texts
below summarise the scheme's excluded matters in plain words.
"""

from __future__ import annotations

NORFOLK = {
    "council": "norfolk-county-council",
    "signatures_for_petition": 20,
    "signatures_for_debate": 4500,
    "acknowledge_within": 3,
    "respond_within": 10,
    # Norfolk's usual residents at the 2021 Census (ONS).
    "area_population": 916_120,
    "paper_sheet_cap": 2000,
    "who_can_sign": "people who live, work or study in Norfolk",
    "scheme_url": "https://www.norfolk.gov.uk/what-we-do-and-how-we-work/have-your-say/petitions",
    "house_rules": (
        "A petition must ask the council to do something it is responsible for or can influence. We do not "
        "publish petitions that are defamatory, offensive or discriminatory, that name or identify individual "
        "people, that hold personal or commercially sensitive information, or that repeat a petition already "
        "open on the same matter. During an election period a petition may be held until the election is over."
    ),
}

NORFOLK_EXCLUDED = [
    (
        "Planning decisions",
        "planning",
        "Petitions about a planning decision, including a planning application or a development plan document, "
        "are not handled under this scheme: those decisions have their own statutory process for comments and "
        "objections.",
    ),
    (
        "Licensing decisions",
        "licensing",
        "Petitions about a licensing decision are not handled under this scheme: licensing has its own "
        "statutory process for representations.",
    ),
    (
        "Matters with a right of appeal or review",
        None,
        "Petitions about a matter where a person already has a right of appeal or review, such as a decision "
        "about a school place or an individual's care, are dealt with through that appeal or review.",
    ),
    (
        "Petitions the law already provides for",
        None,
        "Petitions for which the law sets its own procedure, such as a petition for a referendum on an "
        "elected mayor, follow that procedure instead.",
    ),
]


def load_schemes(PetitionScheme, ExcludedMatter, Council, Responsibility) -> None:  # noqa: N803 (historical models)
    """Norfolk County Council's scheme, where the council exists and has none yet (never overwrites staff edits)."""
    fields = dict(NORFOLK)
    council = Council.objects.filter(slug=fields.pop("council")).first()
    if council is None or PetitionScheme.objects.filter(council=council).exists():
        return
    scheme = PetitionScheme.objects.create(council=council, **fields)
    for position, (name, responsibility_slug, rule) in enumerate(NORFOLK_EXCLUDED):
        ExcludedMatter.objects.create(
            scheme=scheme,
            name=name,
            rule=rule,
            responsibility=Responsibility.objects.filter(slug=responsibility_slug).first()
            if responsibility_slug
            else None,
            position=position,
        )
