"""Bulk import of listings from a CSV in the ORUK-flat shape (the same columns as the download).

All or nothing: every bad row is reported with its line number, and if any row is
bad nothing is imported.
"""

from __future__ import annotations

import csv
import io
import uuid
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from directory.languages import UnknownLanguagesError, parse_languages, unknown_languages_message
from directory.models import Listing, ListingVersion, Organisation, TaxonomyTerm
from directory.services import ListingContent, _write_content, listing_snapshot
from localism.audit import audit_record
from localism.models import Postcode
from localism.postcodes import normalise_postcode

REQUIRED_COLUMNS = ["service_name", "service_summary", "service_description"]
MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 10_000
KINDS = {value for value, _ in Listing.Kind.choices}


@dataclass
class ImportResult:
    imported: int = 0
    errors: list[str] = field(default_factory=list)


class ImportFailedError(Exception):
    def __init__(self, errors: list[str]):
        super().__init__(f"{len(errors)} problems")
        self.errors = errors


def _age(value: str, column: str, problems: list[str]) -> int | None:
    if not value.strip():
        return None
    try:
        age = int(value)
    except ValueError:
        problems.append(f"{column} must be a whole number")
        return None
    if not 0 <= age <= 120:
        problems.append(f"{column} must be between 0 and 120")
    return age


def _rows(data: bytes) -> tuple[list[str], list[dict]]:
    if len(data) > MAX_BYTES:
        raise ImportFailedError(["The file is bigger than 5 MB: split it into smaller files."])
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ImportFailedError(["The file is not UTF-8 text: save it as “CSV UTF-8” and try again."]) from None
    reader = csv.DictReader(io.StringIO(text, newline=""))
    header = reader.fieldnames or []
    missing = [column for column in REQUIRED_COLUMNS if column not in header]
    if "organization_id" not in header and "organization_name" not in header:
        missing.append("organization_id or organization_name")
    if missing:
        raise ImportFailedError([f"Line 1: the header is missing {', '.join(missing)}."])
    try:
        rows = list(reader)
    except csv.Error as error:
        raise ImportFailedError([f"The file is not a valid CSV: {error}"]) from None
    if len(rows) > MAX_ROWS:
        raise ImportFailedError([f"The file has more than {MAX_ROWS:,} rows: split it into smaller files."])
    return header, rows


def import_listings(*, data: bytes, by) -> ImportResult:
    """Check every row; import them all as published listings, or none when any row is bad."""
    _, rows = _rows(data)
    organisations_by_id = {str(o.pk): o for o in Organisation.objects.all()}
    organisations_by_name = {o.name.casefold(): o for o in organisations_by_id.values()}
    terms = {t.slug: t for t in TaxonomyTerm.objects.all()}
    postcodes_wanted = {normalise_postcode(row.get("postal_code") or "") for row in rows} - {None}
    postcodes = {p.postcode: p for p in Postcode.objects.filter(postcode__in=postcodes_wanted)}
    errors: list[str] = []
    prepared: list[tuple[Organisation, ListingContent]] = []
    for line, row in enumerate(rows, start=2):
        row = {key: (value or "").strip() for key, value in row.items() if key is not None}
        problems: list[str] = []
        if any("\x00" in value for value in row.values() if isinstance(value, str)):
            errors.append(f"Line {line}: contains NUL characters; save the file again as CSV UTF-8.")
            continue
        organisation = None
        if row.get("organization_id"):
            organisation = organisations_by_id.get(row["organization_id"])
            if organisation is None:
                problems.append(f"no organisation has the id {row['organization_id']}")
        elif row.get("organization_name"):
            organisation = organisations_by_name.get(row["organization_name"].casefold())
            if organisation is None:
                problems.append(f"no organisation is called “{row['organization_name']}”")
        else:
            problems.append("give organization_id or organization_name")
        for column in REQUIRED_COLUMNS:
            if not row.get(column):
                problems.append(f"{column} is empty")
        kind = row.get("service_kind") or Listing.Kind.SERVICE
        if kind not in KINDS:
            problems.append(f"service_kind must be one of {', '.join(sorted(KINDS))}")
        minimum_age = _age(row.get("minimum_age", ""), "minimum_age", problems)
        maximum_age = _age(row.get("maximum_age", ""), "maximum_age", problems)
        if minimum_age is not None and maximum_age is not None and minimum_age > maximum_age:
            problems.append("minimum_age is more than maximum_age")
        categories = []
        for slug in filter(None, (s.strip() for s in row.get("taxonomy_terms", "").split(";"))):
            if slug in terms:
                categories.append(terms[slug])
            else:
                problems.append(f"there is no category “{slug}”")
        try:
            languages = parse_languages(row.get("languages", ""))
        except UnknownLanguagesError as error:
            languages = []
            problems.append(unknown_languages_message(error.unknown, field="languages"))
        locations = []
        if row.get("postal_code"):
            code = normalise_postcode(row["postal_code"])
            if code is None or code not in postcodes:
                problems.append(f"postal_code {row['postal_code']} is not a known postcode")
            elif not row.get("address_1") or not row.get("city"):
                problems.append("address_1 and city are needed with a postcode")
            else:
                locations.append(
                    {
                        "name": row.get("location_name", "")[:160],
                        "address_1": row["address_1"][:160],
                        "city": row["city"][:80],
                        "postcode": code,
                        "latitude": postcodes[code].latitude,
                        "longitude": postcodes[code].longitude,
                        "accessibility": "",
                    }
                )
        content = ListingContent(
            fields={
                "name": row.get("service_name", ""),
                "kind": kind,
                "summary": row.get("service_summary", ""),
                "description": row.get("service_description", ""),
                "url": row.get("service_url", ""),
                "email": row.get("service_email", ""),
                "phone": row.get("service_phone", ""),
                "minimum_age": minimum_age,
                "maximum_age": maximum_age,
                "eligibility": row.get("eligibility_description", ""),
                "is_free": row.get("is_free", "yes").lower() in ("yes", "true", "1", "y"),
                "cost_description": row.get("fees_description", ""),
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
            errors.append(f"Line {line}: " + "; ".join(problems) + ".")
        else:
            prepared.append((organisation, content))
    if errors:
        raise ImportFailedError(errors)
    return _save(prepared, by=by)


@transaction.atomic
def _save(prepared: list[tuple[Organisation, ListingContent]], *, by) -> ImportResult:
    now = timezone.now()
    batch = str(uuid.uuid4())
    for organisation, content in prepared:
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
    audit_record(action="directory.listing.imported", actor=by, data={"count": len(prepared), "batch": batch})
    return ImportResult(imported=len(prepared))
