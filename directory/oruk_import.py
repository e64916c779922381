"""Import another publisher's Open Referral UK 3.0 feed (a file, or its API over HTTP, page by page).

All or nothing: the whole feed is read and checked first (against the profile's published schema
and against what the directory needs); any bad record, or a feed that cannot be read, is reported
by its id and nothing changes. Then organisations, listings, venues, opening times and categories
are created or updated, keyed by the publisher's ids (FeedRecord says where each came from and
when), records the feed no longer carries are marked as vanished (a vanished listing is archived),
and the directory's freshness rule applies to the date the publisher last checked each service.
"""

from __future__ import annotations

import contextlib
import datetime
import hashlib
import http.client
import json
import re
import urllib.error
import urllib.parse
import urllib.request
import uuid
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from directory.freshness import stale_on_or_before
from directory.languages import NAMES as LANGUAGE_NAMES
from directory.models import (
    CostOption,
    FeedRecord,
    Listing,
    ListingVersion,
    Location,
    Organisation,
    Schedule,
    Taxonomy,
    TaxonomyTerm,
)
from directory.opening import parse_byday
from directory.oruk_schemas import schema_validator
from directory.services import _unique_slug, listing_refresh_search, listing_snapshot
from localism.dates import parse_clock
from localism.imports import FileRefusedError, Importer, Loaded, Parsed
from localism.jsonschemas import error_messages
from localism.models import Place, Postcode
from localism.postcodes import normalise_postcode

MAX_BYTES = 20 * 1024 * 1024  # one file or one page
MAX_PAGES = 2_000
MAX_TERM_DEPTH = 10  # levels of categories above a service's own
TIMEOUT_SECONDS = 30
KINDS_BY_LABEL = {label.casefold(): value for value, label in Organisation.Kind.choices}
Kind = FeedRecord.Kind


class FeedError(FileRefusedError):
    """The feed cannot be read at all (the reason, with the address or file)."""

    def __init__(self, problems: list[str]):
        super().__init__([{"message": problem} for problem in problems])


class FeedNotFoundError(FeedError):
    pass


@dataclass
class FeedCounts:
    source: str
    created: Counter = field(default_factory=Counter)
    updated: Counter = field(default_factory=Counter)
    vanished: Counter = field(default_factory=Counter)
    hidden_as_stale: int = 0


# --- Reading ------------------------------------------------------------------------------------


def _parse(data: bytes, where: str):
    try:
        return json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError) as error:
        raise FeedError([f"{where} is not JSON: {error}"]) from None


def _fetch(url: str):
    if not url.startswith(("http://", "https://")):
        raise FeedError([f"{url}: only http and https addresses are read"])
    request = urllib.request.Request(url, headers={"Accept": "application/json"})  # noqa: S310 (checked above)
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:  # noqa: S310
            data = response.read(MAX_BYTES + 1)
    except urllib.error.HTTPError as error:
        failure = FeedNotFoundError if error.code == 404 else FeedError
        raise failure([f"{url} answered {error.code} {error.reason}"]) from None
    except (urllib.error.URLError, OSError, http.client.HTTPException) as error:
        reason = getattr(error, "reason", None) or error
        raise FeedError([f"{url} could not be reached: {reason}"]) from None
    _check_size(data, url)
    return _parse(data, url)


def _check_size(data: bytes, where: str) -> None:
    if len(data) > MAX_BYTES:
        raise FeedError([f"{where} is bigger than {MAX_BYTES // (1024 * 1024)} MB"])


def _contents(document, where: str) -> list:
    """The services of a page ({"contents": [...]}), of a list, or a single service."""
    if isinstance(document, dict) and isinstance(document.get("contents"), list):
        return document["contents"]
    if isinstance(document, list):
        return document
    if isinstance(document, dict) and "id" in document and "name" in document:
        return [document]
    raise FeedError([f"{where} is not an ORUK page of services, a list of services or one service"])


def _services_url(url: str) -> str:
    parts = urllib.parse.urlsplit(url)
    path = parts.path.rstrip("/")
    if not path.endswith("/services"):
        path += "/services"
    return urllib.parse.urlunsplit((parts.scheme, parts.netloc, path, "", ""))


def _page_url(services_url: str, page: int) -> str:
    return f"{services_url}?{urllib.parse.urlencode({'page': page})}"


def _terms_of(services: list) -> list[dict]:
    return [
        attribute["taxonomy_term"]
        for service in services
        if isinstance(service, dict) and isinstance(service.get("attributes"), list)
        for attribute in service["attributes"]
        if isinstance(attribute, dict) and isinstance(attribute.get("taxonomy_term"), dict)
    ]


def _read_url(url: str) -> Feed:
    services_url = _services_url(url)
    services, page, total_pages = [], 1, 1
    while page <= total_pages:
        where = _page_url(services_url, page)
        document = _fetch(where)
        if not isinstance(document, dict) or not isinstance(document.get("contents"), list):
            raise FeedError([f"{where} is not an ORUK page: it has no contents list"])
        if page == 1:
            total_pages = document.get("total_pages")
            if not isinstance(total_pages, int) or total_pages < 1:
                raise FeedError([f"{where} does not say how many pages there are (total_pages)"])
            if total_pages > MAX_PAGES:
                raise FeedError([f"{where} says it has {total_pages} pages: more than {MAX_PAGES}"])
        if document.get("page_number", page) != page:
            raise FeedError([f"{where} answered with page {document.get('page_number')!r}"])
        services.extend(document["contents"])
        page += 1
    # A list page may carry only a service's own fields: read those services in full.
    for n, service in enumerate(services):
        if isinstance(service, dict) and isinstance(service.get("id"), str) and "service_at_locations" not in service:
            services[n] = _fetch(f"{services_url}/{urllib.parse.quote(service['id'], safe='')}")
    # The categories above the services' own, so the hierarchy comes across too.
    api_url = services_url.removesuffix("/services")
    terms, known = [], _ids(_terms_of(services), "id")
    wanted = _ids(_terms_of(services), "parent_id") - known
    for _ in range(MAX_TERM_DEPTH):
        parents = []
        for pk in sorted(wanted):
            # A publisher without the endpoint, or a dangling parent: only the link to it is lost.
            with contextlib.suppress(FeedNotFoundError):
                parents.append(_fetch(f"{api_url}/taxonomy_terms/{urllib.parse.quote(pk, safe='')}"))
        terms += parents
        known |= wanted
        wanted = _ids(parents, "parent_id") - known
    return Feed(services=services, terms=terms)


def _ids(records: list, key: str) -> set[str]:
    return {record[key] for record in records if isinstance(record, dict) and isinstance(record.get(key), str)}


@dataclass
class Feed:
    services: list
    terms: list = field(default_factory=list)


def feed_document(source: str) -> bytes:
    """The feed as one JSON document: an http(s) address (every page is followed, and the categories
    above the services' own are read), or a JSON file (a page of services, or a list of them)."""
    if source.startswith(("http://", "https://")):
        feed = _read_url(source)
        return json.dumps({"contents": feed.services, TERMS_KEY: feed.terms}).encode()
    path = Path(source)
    if not path.is_file():
        raise FeedError([f"{source}: there is no such file"])
    data = path.read_bytes()
    _check_size(data, source)
    return data


# The categories above the services' own, read from the publisher's API, travel with the services.
TERMS_KEY = "x-localism-taxonomy-terms"


def read_feed(data: bytes, source: str) -> Feed:
    document = _parse(data, source)
    terms = document.get(TERMS_KEY) if isinstance(document, dict) else None
    return Feed(services=_contents(document, source), terms=terms if isinstance(terms, list) else [])


# --- Checking and preparing ---------------------------------------------------------------------


@dataclass
class Prepared:
    """The feed as the directory will hold it, keyed by the publisher's ids."""

    taxonomies: dict = field(default_factory=dict)
    terms: dict = field(default_factory=dict)
    organisations: dict = field(default_factory=dict)
    listings: dict = field(default_factory=dict)


def _text(value, limit: int | None = None) -> str:
    text = (value or "").strip() if isinstance(value, str) else ""
    return text[:limit] if limit else text


def _age(value, name: str, problems: list[str]) -> int | None:
    if value is None:
        return None
    if value != int(value) or not 0 <= value <= 120:
        problems.append(f"{name} must be a whole number of years from 0 to 120")
        return None
    return int(value)


def _date(value, name: str, problems: list[str]) -> datetime.date | None:
    if not value:
        return None
    try:
        return datetime.date.fromisoformat(value[:10])
    except ValueError:
        problems.append(f"{name} is not a date (YYYY-MM-DD)")
        return None


def _clock(value, name: str, problems: list[str]) -> datetime.time | None:
    if not value:
        return None
    # "10:00:00", "10:00Z", "09:00-05:00": the directory keeps the clock time, without the offset.
    clock = re.match(r"\s*(\d{1,2}:\d{2}(?::\d{2})?)(?:\.\d+)?(?:[Zz]|[+-]\d{2}:?\d{2})?\s*$", value)
    try:
        return parse_clock(clock.group(1) if clock else value)
    except ValueError:
        problems.append(f"{name} {value!r} is not a time")
        return None


def _model_problems(instance, exclude: list[str], what: str) -> list[str]:
    try:
        instance.full_clean(exclude=exclude)
    except ValidationError as error:
        return [f"{what} {name}: {' '.join(messages)}" for name, messages in error.message_dict.items()]
    return []


def _prepare_organisation(data: dict, prepared: Prepared, problems: list[str]) -> None:
    kind = KINDS_BY_LABEL.get(_text(data.get("legal_status") or data.get("tax_status")).casefold())
    kind = kind or Organisation.Kind.COMMUNITY_GROUP
    tax_id = _text(data.get("tax_id"))
    fields = {
        "name": _text(data.get("name"), 160),
        "kind": kind,
        "description": _text(data.get("description"), 4000),
        "email": _text(data.get("email")),
        "website": _text(data.get("website")),
        "charity_number": tax_id if kind not in (Organisation.Kind.CIC, Organisation.Kind.BUSINESS) else "",
        "company_number": tax_id if kind in (Organisation.Kind.CIC, Organisation.Kind.BUSINESS) else "",
    }
    if not fields["description"]:
        problems.append("its organization has no description")
    problems += _model_problems(Organisation(**fields), ["id", "slug"], "organization")
    prepared.organisations[data["id"]] = fields


def _prepare_term(term: dict, prepared: Prepared) -> None:
    detail = term.get("taxonomy_detail") if isinstance(term.get("taxonomy_detail"), dict) else {}
    taxonomy_id = _text(term.get("taxonomy_id")) or "taxonomy:" + (_text(term.get("taxonomy")) or "categories")
    prepared.taxonomies.setdefault(
        taxonomy_id,
        {
            "name": _text(detail.get("name") or term.get("taxonomy"), 120) or "Categories",
            "description": _text(detail.get("description")),
            "uri": _text(detail.get("uri")),
            "version": _text(detail.get("version"), 20),
        },
    )
    prepared.terms[term["id"]] = {
        "name": _text(term.get("name"), 120),
        "code": _text(term.get("code"), 50),
        "description": _text(term.get("description")),
        "parent": _text(term.get("parent_id")),
        "taxonomy": taxonomy_id,
    }


def _prepare_location(link: dict, postcodes: dict, problems: list[str]) -> dict | None:
    location = link.get("location") or {}
    if location.get("location_type") == "virtual":
        return None
    address = next(iter(location.get("addresses") or []), {})
    postcode = normalise_postcode(_text(address.get("postal_code")))
    latitude, longitude = location.get("latitude"), location.get("longitude")
    if (latitude is None or longitude is None) and postcode in postcodes:
        latitude, longitude = postcodes[postcode]
    what = f"location {location.get('id') or link.get('id')}"
    if latitude is None or longitude is None:
        problems.append(f"{what} has no latitude and longitude, and no postcode the directory knows")
        return None
    accessibility = next(iter(location.get("accessibility") or []), {})
    fields = {
        "name": _text(location.get("name"), 160),
        "address_1": _text(address.get("address_1"), 160),
        "city": _text(address.get("city"), 80),
        "postcode": postcode or _text(address.get("postal_code"), 8),
        "latitude": latitude,
        "longitude": longitude,
        "accessibility": _text(accessibility.get("description"), 1000),
    }
    if fields["name"] == fields["address_1"]:
        fields["name"] = ""
    problems += _model_problems(Location(**fields), ["id", "listing", "service_at_location_id"], what)
    return {"link_id": link["id"], "location_id": location.get("id"), "fields": fields}


def _prepare_schedules(schedule: dict, problems: list[str]) -> list[dict]:
    what = f"schedule {schedule['id']}"
    is_closure = _text(schedule.get("notes")).casefold() == "closed"
    description = _text(schedule.get("description"), 300)
    freq = _text(schedule.get("freq")) if _text(schedule.get("freq")) in Schedule.Freq.values else ""
    base = {
        "kind": Schedule.Kind.CLOSED if is_closure else Schedule.Kind.OPEN,
        "freq": freq,
        "opens_at": _clock(schedule.get("opens_at"), f"{what} opens_at", problems),
        "closes_at": _clock(schedule.get("closes_at"), f"{what} closes_at", problems),
        "valid_from": _date(schedule.get("valid_from"), f"{what} valid_from", problems),
        "valid_to": _date(schedule.get("valid_to"), f"{what} valid_to", problems),
        "closed_on_bank_holidays": is_closure and description == "Closed on bank holidays",
        "description": "" if is_closure and description in ("Closed on bank holidays", "Closed") else description,
    }
    # One opening time here is one day: "MO,WE" becomes two, each keyed by the publisher's id and the day.
    days = [day.strip() for day in _text(schedule.get("byday")).split(",") if day.strip()] or [""]
    rows = []
    for day in days:
        byday = day.upper()
        try:
            if byday and parse_byday(byday)[0] is not None and freq != Schedule.Freq.MONTHLY:
                raise ValueError("a position in the month needs a monthly schedule")
        except ValueError as error:
            problems.append(f"{what} byday {day!r}: {error}")
            continue
        fields = base | {"byday": byday}
        problems += _model_problems(Schedule(**fields), ["id", "listing"], what)
        rows.append({"key": schedule["id"] if len(days) == 1 else f"{schedule['id']}#{day}", "fields": fields})
    return rows


def _prepare_listing(service: dict, prepared: Prepared, places: dict, postcodes: dict) -> list[str]:
    problems: list[str] = []
    organisation = service.get("organization")
    if isinstance(organisation, dict) and organisation.get("id"):
        _prepare_organisation(organisation, prepared, problems)
        organisation_id = organisation["id"]
    else:
        organisation_id = _text(service.get("organization_id"))
    if not organisation_id:
        problems.append("it names no organization")
    description = _text(service.get("description"), 5000)
    if not description:
        problems.append("it has no description")
    fees = _text(service.get("fees_description") or service.get("fees"), 300)
    costs = [c for c in service.get("cost_options") or [] if isinstance(c, dict)]
    contact = next(iter(service.get("contacts") or []), {})
    phone = next(iter(service.get("phones") or []), {})
    languages = [_text(language.get("code")) for language in service.get("languages") or []]
    unknown = [code for code in languages if code not in LANGUAGE_NAMES]
    if unknown:
        problems.append(f"languages with codes the directory does not know: {', '.join(unknown)}")
    status = service.get("status")
    fields = {
        "name": _text(service.get("name"), 160),
        "kind": Listing.Kind.SERVICE,
        "summary": description.split("\n")[0].split(". ")[0][:300],
        "description": description,
        "url": _text(service.get("url")),
        "email": _text(service.get("email") or contact.get("email")),
        "phone": _text(phone.get("number"), 30),
        "contact_name": _text(contact.get("name"), 120),
        "minimum_age": _age(service.get("minimum_age"), "minimum_age", problems),
        "maximum_age": _age(service.get("maximum_age"), "maximum_age", problems),
        "eligibility": _text(service.get("eligibility_description"), 1000),
        # "Free" is the publisher's word; with no word, a price above nothing says it is not free.
        "is_free": fees.casefold() == "free" or (not fees and not any((c.get("amount") or 0) > 0 for c in costs)),
        "cost_description": "" if fees.casefold() == "free" else fees,
        "languages": [code for code in languages if code in LANGUAGE_NAMES],
        "temporarily_closed": status == "temporarily closed",
        "closed_note": _text(service.get("alert"), 300),
    }
    problems += _model_problems(Listing(**fields), ["id", "organisation", "edit_of", "created_by"], "service")
    terms = []
    for attribute in service.get("attributes") or []:
        term = attribute.get("taxonomy_term")
        if isinstance(term, dict) and term.get("id"):
            _prepare_term(term, prepared)
            terms.append(term["id"])
    locations = [
        prepared_location
        for link in service.get("service_at_locations") or []
        if (prepared_location := _prepare_location(link, postcodes, problems))
    ]
    schedules = [row for schedule in service.get("schedules") or [] for row in _prepare_schedules(schedule, problems)]
    cost_options = []
    for cost in costs:
        option = {
            "id": cost["id"],
            "option": _text(cost.get("option"), 120) or "Cost",
            "amount": cost.get("amount"),
            "amount_description": _text(cost.get("amount_description"), 200),
        }
        problems += _model_problems(CostOption(**option), ["id", "listing"], f"cost option {cost['id']}")
        cost_options.append(option)
    assured = _date(service.get("assured_date"), "assured_date", problems)
    prepared.listings[service["id"]] = {
        "organisation": organisation_id,
        "fields": fields,
        "is_active": status not in ("inactive", "defunct"),
        "assured": assured,
        "terms": terms,
        "places": [
            places[area["name"].casefold()]
            for area in service.get("service_areas") or []
            if isinstance(area.get("name"), str) and area["name"].casefold() in places
        ],
        "locations": locations,
        "schedules": schedules,
        "cost_options": cost_options,
    }
    return problems


def check_feed(feed: Feed) -> Prepared:
    """Check every service of the feed; raise FileRefusedError naming each bad one, or return them prepared."""
    services = feed.services
    validator = schema_validator("compiled/service.json")
    wanted = {
        normalise_postcode(_text(address.get("postal_code")))
        for service in services
        if isinstance(service, dict)
        for link in service.get("service_at_locations") or []
        if isinstance(link, dict) and isinstance(link.get("location"), dict)
        for address in link["location"].get("addresses") or []
        if isinstance(address, dict)
    } - {None}
    postcodes = {p.postcode: (p.latitude, p.longitude) for p in Postcode.objects.filter(postcode__in=wanted)}
    places = {place.name.casefold(): place for place in Place.objects.all()}
    prepared, problems, seen = Prepared(), [], set()
    if not services:
        raise FeedError(["the feed has no services"])
    for n, service in enumerate(services, start=1):
        name = f"service {service['id']}" if isinstance(service, dict) and service.get("id") else f"record {n}"
        errors = error_messages(validator, service, limit=5)
        if errors:
            problems.append({"record": name, "message": "; ".join(errors)})
            continue
        if service["id"] in seen:
            problems.append({"record": name, "message": "the feed carries it twice"})
            continue
        seen.add(service["id"])
        found = _prepare_listing(service, prepared, places, postcodes)
        if found:
            problems.append({"record": name, "message": "; ".join(found)})
    term_validator = schema_validator("taxonomy_term.json")
    for term in feed.terms:
        errors = error_messages(term_validator, term, limit=5)
        if errors:
            name = term.get("id") if isinstance(term, dict) else None
            problems.append({"record": f"taxonomy term {name or '(no id)'}", "message": "; ".join(errors)})
        else:
            _prepare_term(term, prepared)
    for listing_id, listing in prepared.listings.items():
        if listing["organisation"] and listing["organisation"] not in prepared.organisations:
            problems.append(
                {
                    "record": f"service {listing_id}",
                    "message": f"its organization {listing['organisation']} is not in the feed",
                }
            )
    if problems:
        raise FileRefusedError(problems)
    return prepared


# --- Saving -------------------------------------------------------------------------------------


class _Records:
    """The FeedRecords of one source: which row here each of the publisher's ids is."""

    def __init__(self, source: str, now: datetime.datetime):
        self.source, self.now = source, now
        self.known = {(r.kind, r.external_id): r for r in FeedRecord.objects.filter(source=source)}
        self.result = FeedCounts(source=source)

    def find(self, kind: str, external_id: str, model):
        record = self.known.get((kind, external_id))
        return model.objects.filter(pk=record.local_id).first() if record else None

    def new_id(self, external_id: str | None, model, field_name: str = "pk") -> uuid.UUID:
        """The publisher's id where it is a UUID that no row here has, so ids survive a round trip."""
        try:
            candidate = uuid.UUID(str(external_id))
        except ValueError:
            return uuid.uuid4()
        return uuid.uuid4() if model.objects.filter(**{field_name: candidate}).exists() else candidate

    def seen(self, kind: str, external_id: str, row, *, created: bool) -> None:
        record = self.known.get((kind, external_id))
        if record is None:
            record = FeedRecord(source=self.source, kind=kind, external_id=external_id, first_seen_at=self.now)
            self.known[(kind, external_id)] = record
        record.local_id, record.last_seen_at, record.vanished_at = row.pk, self.now, None
        record.save()
        (self.result.created if created else self.result.updated)[kind] += 1


def _store(records: _Records, kind: str, external_id: str, row, fields: dict, *, created: bool):
    """The row given the feed's fields, saved, and noted as the one for the publisher's id."""
    for name, value in fields.items():
        setattr(row, name, value)
    row.save()
    records.seen(kind, external_id, row, created=created)
    return row


def _upsert(records: _Records, kind: str, external_id: str, model, fields: dict, **create):
    row = records.find(kind, external_id, model)
    created = row is None
    if created:
        row = model(pk=records.new_id(external_id, model), **create)
    return _store(records, kind, external_id, row, fields, created=created)


def _keep_only(records: _Records, listing, model, kind: str, items: list[dict], key: str, new_row) -> None:
    """The listing's rows of `model` (locations, schedules) made to be the feed's `items`: each row found by the
    item's `key` and given its fields, or made with `new_row(item)` when none is found for this listing; the
    listing's rows the feed no longer names are deleted."""
    kept = []
    for item in items:
        row = records.find(kind, item[key], model)
        is_new = row is None or row.listing_id != listing.pk
        if is_new:
            row = new_row(item)
        kept.append(_store(records, kind, item[key], row, item["fields"], created=is_new).pk)
    model.objects.filter(listing=listing).exclude(pk__in=kept).delete()


def _unique_term_slug(name: str, own_pk) -> str:
    base = slugify(name)[:130] or "category"
    slug, n = base, 2
    while TaxonomyTerm.objects.filter(slug=slug).exclude(pk=own_pk).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def _save_listing(records: _Records, external_id: str, data: dict, organisation, terms: dict, *, today, by):
    listing = records.find(Kind.LISTING, external_id, Listing)
    created = listing is None
    now = records.now
    if created:
        listing = Listing(
            pk=records.new_id(external_id, Listing),
            organisation=organisation,
            created_by=by,
            revision=1,
            published_at=now,
        )
    listing.organisation = organisation
    for name, value in data["fields"].items():
        setattr(listing, name, value)
    listing.status = Listing.Status.PUBLISHED if data["is_active"] else Listing.Status.ARCHIVED
    confirmed = data["assured"]
    listing.last_confirmed_at = (
        datetime.datetime.combine(confirmed, datetime.time(12), tzinfo=datetime.UTC) if confirmed else now
    )
    # The directory's freshness rule: three months past its yearly review, a listing is hidden.
    listing.is_hidden_as_stale = timezone.localdate(listing.last_confirmed_at) <= stale_on_or_before(today)
    listing.updated_at = now
    listing.save()
    records.seen(Kind.LISTING, external_id, listing, created=created)
    listing.categories.set([terms[term_id] for term_id in data["terms"]])
    listing.service_areas.set(data["places"])

    def new_location(location: dict) -> Location:
        return Location(
            pk=records.new_id(location["location_id"], Location),
            service_at_location_id=records.new_id(location["link_id"], Location, "service_at_location_id"),
            listing=listing,
        )

    def new_schedule(schedule: dict) -> Schedule:
        return Schedule(pk=records.new_id(schedule["key"], Schedule), listing=listing)

    _keep_only(records, listing, Location, Kind.LOCATION, data["locations"], "link_id", new_location)
    _keep_only(records, listing, Schedule, Kind.SCHEDULE, data["schedules"], "key", new_schedule)

    CostOption.objects.filter(listing=listing).delete()
    for cost in data["cost_options"]:
        CostOption.objects.create(
            pk=records.new_id(cost["id"], CostOption),
            listing=listing,
            **{name: value for name, value in cost.items() if name != "id"},
        )

    snapshot = listing_snapshot(listing)
    latest = listing.versions.order_by("-number").first()
    if latest is None or latest.snapshot != snapshot:
        if latest is not None:
            listing.revision = latest.number + 1
            listing.save(update_fields=["revision"])
        ListingVersion.objects.create(listing=listing, number=listing.revision, snapshot=snapshot, approved_by=by)
    return listing


@transaction.atomic
def _save(source: str, prepared: Prepared, *, by, now: datetime.datetime, today: datetime.date) -> FeedCounts:
    records = _Records(source, now)
    taxonomies = {}
    for external_id, fields in prepared.taxonomies.items():
        existing = (
            records.find(Kind.TAXONOMY, external_id, Taxonomy) or Taxonomy.objects.filter(name=fields["name"]).first()
        )
        if existing is not None and (Kind.TAXONOMY, external_id) not in records.known:
            records.seen(Kind.TAXONOMY, external_id, existing, created=False)  # the same vocabulary here
            taxonomies[external_id] = existing
            continue
        taxonomies[external_id] = _upsert(records, Kind.TAXONOMY, external_id, Taxonomy, fields)
    terms = {}
    for external_id, data in prepared.terms.items():
        term = records.find(Kind.TAXONOMY_TERM, external_id, TaxonomyTerm)
        if term is None:
            same = TaxonomyTerm.objects.filter(taxonomy=taxonomies[data["taxonomy"]], name=data["name"]).first()
            if same is not None:  # the same category here already: used, not copied
                records.seen(Kind.TAXONOMY_TERM, external_id, same, created=False)
                terms[external_id] = same
                continue
        fields = {name: data[name] for name in ("name", "code", "description")}
        fields["taxonomy"] = taxonomies[data["taxonomy"]]
        fields["slug"] = _unique_term_slug(data["name"], term.pk if term else None)
        terms[external_id] = _upsert(records, Kind.TAXONOMY_TERM, external_id, TaxonomyTerm, fields)
    for external_id, data in prepared.terms.items():
        parent = terms.get(data["parent"])
        if parent is not None and terms[external_id].parent_id != parent.pk:
            terms[external_id].parent = parent
            terms[external_id].save(update_fields=["parent"])
    organisations = {}
    for external_id, fields in prepared.organisations.items():
        existing = records.find(Kind.ORGANISATION, external_id, Organisation)
        slug = existing.slug if existing and existing.name == fields["name"] else _unique_slug(fields["name"])
        organisations[external_id] = _upsert(
            records,
            Kind.ORGANISATION,
            external_id,
            Organisation,
            fields | {"slug": slug, "status": Organisation.Status.VERIFIED},
            verified_at=now,
        )
    listing_ids = []
    for external_id, data in prepared.listings.items():
        listing = _save_listing(
            records, external_id, data, organisations[data["organisation"]], terms, today=today, by=by
        )
        listing_ids.append(listing.pk)
        records.result.hidden_as_stale += listing.is_hidden_as_stale

    vanished = FeedRecord.objects.filter(source=source, vanished_at__isnull=True, last_seen_at__lt=now)
    for record in vanished:
        records.result.vanished[record.kind] += 1
    gone_listings = vanished.filter(kind=Kind.LISTING).values("local_id")
    taken_down = Listing.objects.filter(pk__in=gone_listings, status=Listing.Status.PUBLISHED)
    listing_ids += list(taken_down.values_list("pk", flat=True))
    taken_down.update(status=Listing.Status.ARCHIVED, updated_at=now)
    vanished.update(vanished_at=now)
    listing_refresh_search(listing_ids=listing_ids)
    return records.result


# --- The importer -------------------------------------------------------------------------------


def _read(data: bytes, source: str) -> Parsed:
    feed = read_feed(data, source)
    return Parsed(rows=[(source, check_feed(feed))], errors=[], row_count=len(feed.services))


def _load(parsed: Parsed, batch) -> Loaded:
    """Create or update what the feed holds (inside the import's transaction)."""
    (source, prepared), now = parsed.rows[0], batch.imported_at
    result = _save(source, prepared, by=batch.imported_by, now=now, today=timezone.localdate(now))
    return Loaded(
        created=result.created[Kind.LISTING],
        existing=result.updated[Kind.LISTING],
        details={
            "source": source,
            "created": dict(result.created),
            "updated": dict(result.updated),
            "vanished": dict(result.vanished),
            "hidden_as_stale": result.hidden_as_stale,
        },
    )


ORUK_FEED = Importer(
    dataset="oruk-feed",
    label="Another publisher's Open Referral UK feed",
    read=_read,
    load=_load,
    permission="directory.add_listing",
    audit_completed="directory.feed.imported",
    audit_failed="directory.feed.import_failed",
    noun="service",
    # A feed is read again to update what it made and to notice what vanished from it.
    is_repeatable=True,
    # Read from the publisher's address or a file on the server, by the management command.
    is_uploaded=False,
    max_bytes=MAX_BYTES * MAX_PAGES,
    order=30,
)


def import_oruk_feed(*, source: str, by=None):
    """Read, check and import a feed, all or nothing: the batch names each bad record by its id, or the reason."""
    from localism.services import ImportResult, dataset_import, import_refuse

    try:
        data = feed_document(source)
    except FeedError as failure:
        nothing = hashlib.sha256(b"").hexdigest()
        parsed = Parsed([], failure.errors, 0)
        batch = import_refuse(importer=ORUK_FEED, file_name=source, checksum=nothing, parsed=parsed, by=by)
        return ImportResult(batch)
    return dataset_import(dataset=ORUK_FEED.dataset, file_name=source, data=data, by=by)
