"""Bulk import of listings from a CSV in the ORUK-flat shape (the same columns as the download), read and
loaded by localism.imports: every bad line is reported with its number, and if any line is bad nothing is
imported. Each listing is published at once, with its first version approved by the staff member importing."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils import timezone

from directory.languages import UnknownLanguagesError, parse_languages, unknown_languages_message
from directory.models import Listing, ListingVersion, Organisation, TaxonomyTerm
from directory.services import ListingContent, _write_content, listing_snapshot
from localism.imports import Column, CsvSpec, Importer, LineError, Loaded, Parsed, csv_reader
from localism.models import Postcode
from localism.postcodes import normalise_postcode

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 10_000
KINDS = {value for value, _ in Listing.Kind.choices}


def _text(name: str, *, required: bool = False, lines: bool = False) -> Column:
    # Lengths, email and web addresses are checked by the model itself (see _build).
    return Column(
        name, name, kind="lines" if lines else "text", required=required, blank=not required, max_length=None
    )


def _age(name: str) -> Column:
    return Column(name, name, kind="whole", minimum=0, maximum=120)


def _prepare(values: list[dict]) -> dict:
    """What every line is checked against, looked up once for the whole file."""
    organisations = {str(o.pk): o for o in Organisation.objects.all()}
    wanted = {normalise_postcode(row["postal_code"]) for row in values} - {None}
    return {
        "organisations": organisations,
        "organisations_by_name": {o.name.casefold(): o for o in organisations.values()},
        "terms": {t.slug: t for t in TaxonomyTerm.objects.all()},
        "postcodes": {p.postcode: p for p in Postcode.objects.filter(postcode__in=wanted)},
    }


def _build(row: dict, context: dict) -> tuple[Organisation, ListingContent]:
    problems: list[str] = []
    organisation = None
    if row["organization_id"]:
        organisation = context["organisations"].get(row["organization_id"])
        if organisation is None:
            problems.append(f"no organisation has the id {row['organization_id']}")
    elif row["organization_name"]:
        organisation = context["organisations_by_name"].get(row["organization_name"].casefold())
        if organisation is None:
            problems.append(f"no organisation is called “{row['organization_name']}”")
    else:
        problems.append("give organization_id or organization_name")
    kind = row["service_kind"] or Listing.Kind.SERVICE
    if kind not in KINDS:
        problems.append(f"service_kind must be one of {', '.join(sorted(KINDS))}")
    minimum_age, maximum_age = row["minimum_age"], row["maximum_age"]
    if minimum_age is not None and maximum_age is not None and minimum_age > maximum_age:
        problems.append("minimum_age is more than maximum_age")
    categories = []
    for slug in filter(None, (s.strip() for s in row["taxonomy_terms"].split(";"))):
        if slug in context["terms"]:
            categories.append(context["terms"][slug])
        else:
            problems.append(f"there is no category “{slug}”")
    try:
        languages = parse_languages(row["languages"])
    except UnknownLanguagesError as error:
        languages = []
        problems.append(unknown_languages_message(error.unknown, field="languages"))
    locations = []
    if row["postal_code"]:
        code = normalise_postcode(row["postal_code"])
        postcode = context["postcodes"].get(code)
        if postcode is None:
            problems.append(f"postal_code {row['postal_code']} is not a known postcode")
        elif not row["address_1"] or not row["city"]:
            problems.append("address_1 and city are needed with a postcode")
        else:
            locations.append(
                {
                    "name": row["location_name"][:160],
                    "address_1": row["address_1"][:160],
                    "city": row["city"][:80],
                    "postcode": code,
                    "latitude": postcode.latitude,
                    "longitude": postcode.longitude,
                    "accessibility": "",
                }
            )
    content = ListingContent(
        fields={
            "name": row["service_name"],
            "kind": kind,
            "summary": row["service_summary"],
            "description": row["service_description"],
            "url": row["service_url"],
            "email": row["service_email"],
            "phone": row["service_phone"],
            "minimum_age": minimum_age,
            "maximum_age": maximum_age,
            "eligibility": row["eligibility_description"],
            "is_free": row["is_free"],
            "cost_description": row["fees_description"],
            "languages": languages,
        },
        categories=categories,
        locations=locations,
    )
    if not problems:
        # The model's own checks (lengths, email and URL formats) on an unsaved copy.
        probe = Listing(organisation=organisation, **content.fields)
        try:
            probe.full_clean(exclude=["organisation", "edit_of", "created_by", "id"])
        except ValidationError as error:
            for name, messages in error.message_dict.items():
                problems.extend(f"{name}: {message}" for message in messages)
    if problems:
        raise LineError("; ".join(problems))
    return organisation, content


COLUMNS = CsvSpec(
    columns=(
        _text("organization_id"),
        _text("organization_name"),
        _text("service_name", required=True),
        _text("service_kind"),
        _text("service_summary", required=True),
        _text("service_description", required=True, lines=True),
        _text("service_url"),
        _text("service_email"),
        _text("service_phone"),
        _age("minimum_age"),
        _age("maximum_age"),
        _text("eligibility_description", lines=True),
        Column("is_free", "is_free", kind="bool", default=True),
        _text("fees_description", lines=True),
        _text("taxonomy_terms"),
        _text("languages"),
        _text("location_name"),
        _text("address_1"),
        _text("city"),
        _text("postal_code"),
    ),
    build=_build,
    prepare=_prepare,
    one_of=(("organization_id", "organization_name"),),
    # Only UTF-8: a listing's words matter, and a guessed encoding would garble them.
    encodings=("utf-8-sig",),
    # Semicolons separate categories and languages within a cell: commas always separate the columns.
    sniff_delimiter=False,
    max_bytes=MAX_BYTES,
    max_rows=MAX_ROWS,
)


def _load(parsed: Parsed, batch) -> Loaded:
    """Publish every listing of a checked file (inside the import's transaction)."""
    now, by = timezone.now(), batch.imported_by
    for organisation, content in parsed.rows:
        listing = Listing(
            organisation=organisation,
            created_by=by,
            status=Listing.Status.PUBLISHED,
            revision=1,
            published_at=now,
            last_confirmed_at=now,
        )
        _write_content(listing, content)
        ListingVersion.objects.create(listing=listing, number=1, snapshot=listing_snapshot(listing), approved_by=by)
    return Loaded(created=len(parsed.rows))


LISTINGS = Importer(
    dataset="listings",
    label="Directory listings (Open Referral UK, flat)",
    read=csv_reader(COLUMNS),
    load=_load,
    permission="directory.add_listing",
    audit_completed="directory.listing.imported",
    audit_failed="directory.listing.import_failed",
    noun="listing",
    # The same file twice makes the listings twice, as staff may mean (a group with two branches).
    is_repeatable=True,
    spec=COLUMNS,
    max_bytes=MAX_BYTES,
    order=20,
    help="The same columns as the directory's CSV download; taxonomy_terms are category slugs and "
    "languages are codes or names, each separated by semicolons. Every listing is published at once.",
)
