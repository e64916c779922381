"""Listings as Open Referral UK 3.0 (HSDS 3.0) objects, and as the flat rows of the CSV/JSON downloads.

Open Referral field names appear only here. Child objects that the directory keeps
as fields of the listing (contact, phone, languages, service areas, attributes)
get stable UUIDs derived from the listing's id, so the API's ids never change.
"""

from __future__ import annotations

import uuid
from functools import lru_cache

from django.conf import settings
from django.db.models import Prefetch, QuerySet
from django.urls import reverse

from directory.languages import language_name
from directory.models import Listing, Location, Organisation, Taxonomy, TaxonomyTerm
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


def service_prefetches(prefix: str = "") -> list[Prefetch]:
    """What a nested service needs beyond its organisation: one query each, whatever the page size.

    Kept as plain lists (api_locations, ...): a related manager's queryset per listing and
    relation would cost more than the queries themselves.
    """
    return [
        Prefetch(f"{prefix}locations", queryset=Location.objects.order_by("pk"), to_attr="api_locations"),
        Prefetch(f"{prefix}schedules", to_attr="api_schedules"),
        Prefetch(f"{prefix}cost_options", to_attr="api_cost_options"),
        Prefetch(
            f"{prefix}categories", queryset=TaxonomyTerm.objects.select_related("taxonomy"), to_attr="api_categories"
        ),
        Prefetch(
            f"{prefix}service_areas",
            queryset=Place.objects.only("id", "name", "slug", "kind"),
            to_attr="api_service_areas",
        ),
    ]


def listings_for_api(queryset: QuerySet) -> QuerySet:
    """Everything a nested service needs, in a fixed number of queries whatever the page size."""
    return queryset.select_related("organisation").prefetch_related(*service_prefetches())


@lru_cache(maxsize=8192)
def _site_url(view_name: str, slug: str) -> str:
    """The public address of a term, place or organisation page: the same on every page of the API,
    so reversed once, not once per appearance."""
    return settings.SITE_URL + reverse(view_name, kwargs={"slug": slug})


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
        tax_status=organisation.get_kind_display(),
        tax_id=organisation.charity_number or organisation.company_number or None,
        legal_status=organisation.get_kind_display(),
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
    """The fully nested ORUK service (expects service_prefetches, as listings_for_api makes them)."""
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
        assured_date=confirmed.date().isoformat() if confirmed else None,
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
                id=derived_id(listing.id, "service_area", str(place.pk)),
                service_id=service_id,
                name=place.name,
                description=place.get_kind_display(),
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


def service_at_location_json(location: Location) -> dict:
    """A service at one of its locations (expects location.listing with listings_for_api prefetches)."""
    listing = location.listing
    distance = getattr(location, "distance_m", None)
    return present(
        id=str(location.service_at_location_id),
        service_id=str(listing.id),
        location_id=str(location.id),
        distance=round(distance) if distance is not None else None,
        service=service_json(listing),
        location=location_json(location, listing.organisation_id),
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
            confirmed.date().isoformat() if confirmed else "",
            settings.SITE_URL + listing.get_absolute_url(),
        ]
