"""The population make-up of each district (for example from Census 2021), by the categories of the equality
questions: kept by each district's council in the admin, or imported from a CSV file on the one import framework
(localism.imports), all or nothing, every bad line reported.

A file has a line per district, question and category: `district` (its ONS code, such as E07000147, or its name),
`question` (its name, such as `sex`, or its words), `category` (its code, such as `female`, or its words),
`percent` (the share of the district's residents, 0 to 100), and, on a district's first line when the portal has
no figures for it yet, `residents` (its usual residents); `source` is optional. The questions a file names for a
district replace that district's figures for those questions; the others stay.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal, InvalidOperation
from functools import partial

from consultations import equality
from localism.imports import Column, CsvSpec, Importer, LineError, Loaded, Parsed, read_csv

# Shares of one question in one district may add up to a little over 100 when each is rounded.
MOST_PERCENT_IN_ALL = Decimal("100.5")


def district_council(district):
    """The council whose staff keep a district's figures: its district, borough or city council."""
    from localism.models import Council

    return Council.objects.district_council_of(district).first()


def share_refusals(shares: dict[tuple[str, str], Decimal | None]) -> dict[str, str]:
    """Why these shares cannot be kept, by question ('' for none): not a percentage, or more than 100 in all."""
    refusals: dict[str, str] = {}
    totals: dict[str, Decimal] = {}
    for (question, _), percent in shares.items():
        if percent is None:
            continue
        if not Decimal(0) <= percent <= 100:
            refusals[question] = "Each share is a percentage from 0 to 100"
        totals[question] = totals.get(question, Decimal(0)) + percent
    for question, total in totals.items():
        if total > MOST_PERCENT_IN_ALL and question not in refusals:
            refusals[question] = f"The shares add up to {total}%, more than 100%"
    return refusals


# --- The CSV import --------------------------------------------------------------------------------------------

COLUMNS = CsvSpec(
    columns=(
        Column(
            "district",
            "District",
            ("district code", "district name", "area", "area code", "lad21cd", "lad22cd", "lad23cd"),
            required=True,
            blank=False,
            max_length=120,
        ),
        Column("question", "Question", (), required=True, blank=False, max_length=300),
        Column("category", "Category", ("answer", "group"), required=True, blank=False, max_length=200),
        Column("percent", "Percent", ("share", "percentage", "%"), kind="number", required=True, blank=False),
        Column("residents", "Usual residents", ("population",), kind="whole", minimum=1, maximum=100_000_000),
        Column("source", "Source", (), max_length=200),
    ),
    build=lambda values, context: _row(values, context),
    encodings=("utf-8-sig", "cp1252"),
    max_bytes=5 * 1024 * 1024,
    max_rows=20_000,
)


def _key(text: str) -> str:
    return " ".join(text.lower().replace("’", "'").split())


def _prepare(values: list[dict], *, by) -> dict:
    """What every line is checked against, looked up once: the districts, those with figures, those this person
    keeps (the admin's rule, asked of each district), the questions and their categories."""
    from consultations.models import DistrictPopulation
    from localism.models import Place

    districts = list(Place.objects.districts())
    by_name = {}
    for district in districts:
        for name in (district.ons_code, district.name, district.slug):
            if name:
                by_name[_key(name)] = district
    kept = None
    if by is not None:
        kept = set()
        for d in districts:
            figures = DistrictPopulation(district=d, council=district_council(d))
            if by.has_perm("consultations.keep_districtpopulation", figures):
                kept.add(d.pk)
    questions = {}
    for question in equality.ALL_QUESTIONS:
        categories = {}
        for value, label in equality.POPULATION_QUESTIONS[question.name]:
            categories[_key(value)] = categories[_key(label)] = value
        questions[_key(question.name)] = questions[_key(question.text)] = (question.name, categories)
    return {
        "districts": by_name,
        "kept": kept,
        "known": set(DistrictPopulation.objects.values_list("district_id", flat=True)),
        "questions": questions,
        "seen": {},
        "totals": {},
        "residents": {},
    }


def _row(values: dict, context: dict) -> dict | None:
    district = context["districts"].get(_key(values["district"]))
    if district is None:
        raise LineError(f"“{values['district'][:40]}” is not a district of the county: give its ONS code or name")
    if context["kept"] is not None and district.pk not in context["kept"]:
        raise LineError(f"You cannot change the figures of {district.name}: its own council keeps them")
    found = context["questions"].get(_key(values["question"]))
    if found is None:
        names = ", ".join(q.name for q in equality.ALL_QUESTIONS)
        raise LineError(f"“{values['question'][:40]}” is not an equality question: use one of {names}")
    question, categories = found
    category = categories.get(_key(values["category"]))
    if category is None:
        codes = ", ".join(value for value, _ in equality.POPULATION_QUESTIONS[question])
        raise LineError(f"“{values['category'][:40]}” is not a category of {question}: use one of {codes}")
    try:
        percent = Decimal(str(values["percent"])).quantize(Decimal("0.01"))
    except InvalidOperation:
        raise LineError("Percent must be a number, like 52.6") from None
    if not Decimal(0) <= percent <= 100:
        raise LineError("Percent must be from 0 to 100")
    key = (district.pk, question, category)
    if key in context["seen"]:
        if context["seen"][key] == percent:
            return None  # the same line again: harmless
        raise LineError(
            f"{district.name}, {question}, {category} is given twice, as {context['seen'][key]}% and {percent}%: "
            "keep one line"
        )
    context["seen"][key] = percent
    residents = values["residents"]
    earlier = context["residents"].get(district.pk)
    if residents is not None and earlier is not None and residents != earlier:
        raise LineError(f"{district.name} has {earlier:,} usual residents on an earlier line: give one number")
    if residents is None and earlier is None and district.pk not in context["known"]:
        raise LineError(f"Give {district.name}’s usual residents on its first line: it has no figures yet")
    if residents is not None:
        context["residents"][district.pk] = residents
    total = context["totals"].get((district.pk, question), Decimal(0)) + percent
    context["totals"][(district.pk, question)] = total
    if total > MOST_PERCENT_IN_ALL:
        raise LineError(f"The shares of {question} in {district.name} add up to {total}%, more than 100%")
    return {
        "district": district,
        "question": question,
        "category": category,
        "percent": percent,
        "residents": residents,
        "source": values["source"],
    }


def _read(data: bytes, name: str, by=None) -> Parsed:
    return read_csv(replace(COLUMNS, prepare=partial(_prepare, by=by)), data)


def _load(parsed: Parsed, batch) -> Loaded:
    """Each district's figures for the questions the file names, through the one service staff's edits use."""
    from consultations.models import DistrictPopulation, PopulationShare
    from consultations.services import district_population_save

    by_district: dict[int, list[dict]] = {}
    rows = [row for row in parsed.rows if row is not None]
    for row in rows:
        by_district.setdefault(row["district"].pk, []).append(row)
    replaced = 0
    for rows in by_district.values():
        district = rows[0]["district"]
        population = DistrictPopulation.objects.filter(district=district).first() or DistrictPopulation(
            district=district
        )
        residents = next((row["residents"] for row in rows if row["residents"] is not None), None)
        if residents is not None:
            population.residents = residents
        source = next((row["source"] for row in rows if row["source"]), "")
        if source:
            population.source = source
        elif not population.source:
            population.source = f"Imported from {batch.file_name}"
        questions = {row["question"] for row in rows}
        if population.pk:
            replaced += PopulationShare.objects.filter(population=population, question__in=questions).count()
        district_population_save(
            population=population,
            shares={(row["question"], row["category"]): row["percent"] for row in rows},
            questions=questions,
            by=batch.imported_by,
        )
    return Loaded(created=len(rows), existing=replaced, details={"districts": len(by_district)})


POPULATION = Importer(
    dataset="district-population",
    label="Population make-up of districts (e.g. Census 2021)",
    read=_read,
    reads_as_person=True,
    load=_load,
    permission="consultations.keep_districtpopulation",
    audit_completed="consultations.population.imported",
    audit_failed="consultations.population.import_failed",
    noun="population share",
    existing="replaced",
    is_repeatable=True,
    spec=COLUMNS,
    help=(
        "One line per district, question and category: district (ONS code or name), question (e.g. sex), "
        "category (e.g. female), percent (of the district's residents), and residents (its usual residents) on a "
        "district's first line if it has no figures yet; source is optional. The questions named for a district "
        "replace its figures for them. A district's staff import only their district's figures."
    ),
    order=80,
)
