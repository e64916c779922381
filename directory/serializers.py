"""Listings as Open Referral UK 3.0 (HSDS 3.0) objects, and as the flat rows of the CSV/JSON downloads.

Open Referral field names appear only here. Child objects that the directory keeps
as fields of the listing (contact, phone, languages, service areas, attributes)
get stable UUIDs derived from the listing's id, so the API's ids never change.
"""

from __future__ import annotations

import uuid
from functools import lru_cache
from types import SimpleNamespace

from django.utils import timezone

from directory.languages import language_name
from directory.models import CostOption, Listing, Location, Organisation, Schedule, Taxonomy, TaxonomyTerm
from directory.services import COST_FIELDS, LOCATION_FIELDS, SCHEDULE_FIELDS
from localism.links import absolute_reverse, absolute_url
from localism.models import Place

ORUK_VERSION = "3.0"
ORUK_PROFILE = "https://openreferraluk.org"

STATUS = {True: "temporarily closed", False: "active"}


def present(**fields) -> dict:
    """An ORUK object without its absent values: the profile types optional properties as strings or
    numbers, so an absent one is left out, never sent as null."""
    return {name: value for name, value in fields.items() if value is not None}


def derived_id(listing_id, kind: str, key: str = "") -> str:
    return str(uuid.uuid5(listing_id, f"{kind}:{key}"))


# What service_json reads of a listing and its organisation, as values() columns.
LISTING_COLUMNS = (
    "id",
    "name",
    "description",
    "url",
    "email",
    "phone",
    "contact_name",
    "temporarily_closed",
    "closed_note",
    "cost_description",
    "is_free",
    "eligibility",
    "minimum_age",
    "maximum_age",
    "languages",
    "last_confirmed_at",
    "published_at",
    "updated_at",
)
ORGANISATION_COLUMNS = (
    "id",
    "name",
    "slug",
    "kind",
    "description",
    "email",
    "website",
    "charity_number",
    "company_number",
)
# A venue's, a schedule's and a cost's own fields: those an approved edit copies (directory.services), and keys.
LOCATION_COLUMNS = ("id", "service_at_location_id", *LOCATION_FIELDS)
SCHEDULE_COLUMNS = ("id", *SCHEDULE_FIELDS)
COST_COLUMNS = ("id", *COST_FIELDS)
TERM_COLUMNS = ("id", "taxonomy_id", "parent_id", "code", "name", "slug", "description")
TAXONOMY_COLUMNS = ("name", "description", "uri", "version")

ORGANISATION_KINDS = dict(Organisation.Kind.choices)
PLACE_KINDS = dict(Place.Kind.choices)


def service_columns(prefix: str = "") -> list[str]:
    """The values() columns that services_from_rows needs; prefix is the path to the listing ("listing__")."""
    return [prefix + name for name in LISTING_COLUMNS] + [
        f"{prefix}organisation__{name}" for name in ORGANISATION_COLUMNS
    ]


def _row_object(row: dict, prefix: str, columns) -> SimpleNamespace:
    return SimpleNamespace(**{name: row[prefix + name] for name in columns})


def services_from_rows(rows, prefix: str = "") -> list[SimpleNamespace]:
    """The services of values rows (service_columns), each as service_json reads it, with its locations,
    schedules, cost options, categories and service areas: one query per relation whatever the number of
    services, and no model instances (building them and prefetching into them cost more than the queries)."""
    by_id: dict = {}
    services = []
    for row in rows:
        service = by_id.get(row[prefix + "id"])
        if service is None:
            service = by_id[row[prefix + "id"]] = _row_object(row, prefix, LISTING_COLUMNS)
            service.organisation = _row_object(row, prefix + "organisation__", ORGANISATION_COLUMNS)
            service.api_locations, service.api_schedules, service.api_cost_options = [], [], []
            service.api_categories, service.api_service_areas = [], []
        services.append(service)
    if not by_id:
        return services
    ids = list(by_id)
    for row in Location.objects.filter(listing_id__in=ids).order_by("pk").values("listing_id", *LOCATION_COLUMNS):
        by_id[row["listing_id"]].api_locations.append(_row_object(row, "", LOCATION_COLUMNS))
    for row in Schedule.objects.filter(listing_id__in=ids).values("listing_id", *SCHEDULE_COLUMNS):
        by_id[row["listing_id"]].api_schedules.append(_row_object(row, "", SCHEDULE_COLUMNS))
    for row in CostOption.objects.filter(listing_id__in=ids).values("listing_id", *COST_COLUMNS):
        by_id[row["listing_id"]].api_cost_options.append(_row_object(row, "", COST_COLUMNS))
    taxonomies: dict = {}
    terms = TaxonomyTerm.objects.filter(listings__in=ids).values(
        "listings", *TERM_COLUMNS, *(f"taxonomy__{name}" for name in TAXONOMY_COLUMNS)
    )
    for row in terms:
        term = _row_object(row, "", TERM_COLUMNS)
        term.taxonomy = taxonomies.get(term.taxonomy_id)
        if term.taxonomy is None:
            term.taxonomy = taxonomies[term.taxonomy_id] = _row_object(row, "taxonomy__", TAXONOMY_COLUMNS)
            term.taxonomy.id = term.taxonomy_id
        by_id[row["listings"]].api_categories.append(term)
    for row in Place.objects.filter(listings__in=ids).values("listings", "id", "name", "slug", "kind"):
        by_id[row["listings"]].api_service_areas.append(SimpleNamespace(**row))
    return services


@lru_cache(maxsize=8192)
def _site_url(view_name: str, slug: str) -> str:
    """The public address of a term, place or organisation page: the same on every page of the API,
    so reversed once, not once per appearance."""
    return absolute_reverse(view_name, slug=slug)


def taxonomy_json(taxonomy: Taxonomy) -> dict:
    return present(
        id=str(taxonomy.id),
        name=taxonomy.name,
        description=taxonomy.description or taxonomy.name,
        uri=taxonomy.uri or None,
        version=taxonomy.version or None,
    )


def taxonomy_term_json(term: TaxonomyTerm, *, nested: bool = True) -> dict:
    return present(
        id=str(term.id),
        code=term.code or None,
        name=term.name,
        description=term.description or term.name,
        parent_id=str(term.parent_id) if term.parent_id else None,
        taxonomy=term.taxonomy.name,
        language="en",
        taxonomy_id=str(term.taxonomy_id),
        term_uri=_site_url("directory:category_detail", term.slug),
        taxonomy_detail=taxonomy_json(term.taxonomy) if nested else None,
    )


def organization_json(organisation: Organisation) -> dict:
    return present(
        id=str(organisation.id),
        name=organisation.name,
        description=organisation.description,
        email=organisation.email or None,
        website=organisation.website or None,
        tax_status=ORGANISATION_KINDS.get(organisation.kind, organisation.kind),
        tax_id=organisation.charity_number or organisation.company_number or None,
        legal_status=ORGANISATION_KINDS.get(organisation.kind, organisation.kind),
        uri=_site_url("directory:organisation_detail", organisation.slug),
    )


def address_json(location: Location) -> dict:
    return present(
        id=derived_id(location.id, "address"),
        location_id=str(location.id),
        address_1=location.address_1,
        city=location.city,
        state_province="Norfolk",
        postal_code=location.postcode,
        country="GB",
        address_type="physical",
    )


def location_json(location: Location, organisation_id) -> dict:
    return present(
        id=str(location.id),
        location_type="physical",
        organization_id=str(organisation_id),
        name=location.name or location.address_1,
        latitude=round(location.latitude, 6),
        longitude=round(location.longitude, 6),
        addresses=[address_json(location)],
        accessibility=(
            [
                present(
                    id=derived_id(location.id, "accessibility"),
                    location_id=str(location.id),
                    description=location.accessibility,
                )
            ]
            if location.accessibility
            else []
        ),
    )


def schedule_json(schedule, listing: Listing) -> dict:
    is_closure = schedule.kind == "closed"
    description = schedule.description or None
    if is_closure:
        description = "Closed on bank holidays" if schedule.closed_on_bank_holidays else (description or "Closed")
    return present(
        id=str(schedule.id),
        service_id=str(listing.id),
        valid_from=schedule.valid_from.isoformat() if schedule.valid_from else None,
        valid_to=schedule.valid_to.isoformat() if schedule.valid_to else None,
        wkst="MO",
        freq=schedule.freq or None,
        interval=1 if schedule.freq else None,
        byday=schedule.byday or None,
        description=description,
        opens_at=schedule.opens_at.strftime("%H:%M:%S") if schedule.opens_at else None,
        closes_at=schedule.closes_at.strftime("%H:%M:%S") if schedule.closes_at else None,
        attending_type="in_person" if not is_closure else None,
        notes="closed" if is_closure else None,
    )


def phone_json(listing: Listing) -> dict:
    return present(
        id=derived_id(listing.id, "phone"),
        service_id=str(listing.id),
        number=listing.phone,
        type="voice",
        languages=[],
    )


def service_json(listing: Listing) -> dict:
    """The fully nested ORUK service (as services_from_rows makes them)."""
    organisation = listing.organisation
    locations = listing.api_locations
    service_id = str(listing.id)
    contacts = []
    if listing.contact_name or listing.email:
        contacts.append(
            present(
                id=derived_id(listing.id, "contact"),
                service_id=service_id,
                name=listing.contact_name or None,
                email=listing.email or None,
                phones=[],
            )
        )
    confirmed = listing.last_confirmed_at or listing.published_at
    return present(
        id=service_id,
        organization_id=str(organisation.id),
        name=listing.name,
        description=listing.description,
        url=listing.url or None,
        email=listing.email or None,
        status=STATUS[listing.temporarily_closed],
        fees_description=listing.cost_description or ("Free" if listing.is_free else None),
        eligibility_description=listing.eligibility or None,
        minimum_age=listing.minimum_age,
        maximum_age=listing.maximum_age,
        assured_date=timezone.localdate(confirmed).isoformat() if confirmed else None,
        alert=listing.closed_note or None,
        last_modified=listing.updated_at.isoformat(),
        organization=organization_json(organisation),
        service_at_locations=[
            present(
                id=str(location.service_at_location_id),
                service_id=service_id,
                location_id=str(location.id),
                location=location_json(location, organisation.id),
            )
            for location in locations
        ],
        schedules=[schedule_json(s, listing) for s in listing.api_schedules],
        cost_options=[
            present(
                id=str(c.id),
                service_id=service_id,
                option=c.option,
                currency="GBP" if c.amount is not None else None,
                amount=float(c.amount) if c.amount is not None else None,
                amount_description=c.amount_description or None,
            )
            for c in listing.api_cost_options
        ],
        contacts=contacts,
        phones=[phone_json(listing)] if listing.phone else [],
        languages=[
            present(
                id=derived_id(listing.id, "language", code),
                service_id=service_id,
                name=language_name(code),
                code=code,
            )
            for code in listing.languages
        ],
        service_areas=[
            present(
                id=derived_id(listing.id, "service_area", str(place.id)),
                service_id=service_id,
                name=place.name,
                description=PLACE_KINDS.get(place.kind, place.kind),
                uri=_site_url("localism:place_detail", place.slug),
            )
            for place in listing.api_service_areas
        ],
        attributes=[
            present(
                id=derived_id(listing.id, "attribute", str(term.id)),
                link_id=service_id,
                taxonomy_term_id=str(term.id),
                link_type="service",
                link_entity="service",
                label=term.name,
                taxonomy_term=taxonomy_term_json(term),
            )
            for term in listing.api_categories
        ],
    )


def service_at_location_columns() -> list[str]:
    """The values() columns of a venue that services_at_locations_from_rows needs."""
    return [*LOCATION_COLUMNS, *service_columns("listing__")]


def services_at_locations_from_rows(rows) -> list[SimpleNamespace]:
    """The venues of values rows (service_at_location_columns), each with its service (services_from_rows)."""
    rows = list(rows)
    locations = []
    for row, service in zip(rows, services_from_rows(rows, "listing__"), strict=True):
        location = _row_object(row, "", LOCATION_COLUMNS)
        location.listing = service
        locations.append(location)
    return locations


def service_at_location_json(location: Location) -> dict:
    """A service at one of its locations (as services_at_locations_from_rows makes them)."""
    listing = location.listing
    distance = getattr(location, "distance_m", None)
    return present(
        id=str(location.service_at_location_id),
        service_id=str(listing.id),
        location_id=str(location.id),
        distance=round(distance) if distance is not None else None,
        service=service_json(listing),
        location=location_json(location, listing.organisation.id),
    )


# --- The flat rows of the CSV and JSON downloads (and the bulk import) ----------------

FLAT_HEADER = [
    "service_id",
    "service_name",
    "service_kind",
    "service_summary",
    "service_description",
    "service_url",
    "service_email",
    "service_phone",
    "organization_id",
    "organization_name",
    "minimum_age",
    "maximum_age",
    "eligibility_description",
    "is_free",
    "fees_description",
    "taxonomy_terms",
    "languages",
    "location_name",
    "address_1",
    "city",
    "postal_code",
    "latitude",
    "longitude",
    "assured_date",
    "listing_url",
]


def flat_header() -> list[str]:
    return list(FLAT_HEADER)


def flat_rows(listings, request=None):
    for listing in listings:
        locations = list(listing.locations.all())
        location = locations[0] if locations else None
        confirmed = listing.last_confirmed_at or listing.published_at
        yield [
            str(listing.id),
            listing.name,
            listing.kind,
            listing.summary,
            listing.description,
            listing.url,
            listing.email,
            listing.phone,
            str(listing.organisation_id),
            listing.organisation.name,
            listing.minimum_age,
            listing.maximum_age,
            listing.eligibility,
            "yes" if listing.is_free else "no",
            listing.cost_description,
            ";".join(t.slug for t in listing.categories.all()),
            ";".join(listing.languages),
            location.name if location else "",
            location.address_1 if location else "",
            location.city if location else "",
            location.postcode if location else "",
            round(location.latitude, 6) if location else None,
            round(location.longitude, 6) if location else None,
            timezone.localdate(confirmed).isoformat() if confirmed else "",
            absolute_url(listing.get_absolute_url()),
        ]
