"""The Open Referral UK 3.0 API: read-only, public, JSON, under /api/oruk/."""

from __future__ import annotations

import datetime
import math
import uuid
from functools import wraps

from django.db.models import FloatField, Q, Value
from django.http import HttpRequest, JsonResponse
from django.urls import reverse
from django.views.decorators.http import require_GET

from directory.filters import descendant_ids, venues_near
from directory.models import DAY_CODES, NAME_ORDER, Listing, Location, Organisation, Taxonomy, TaxonomyTerm
from directory.oruk_schemas import openapi_document
from directory.serializers import (
    ORUK_PROFILE,
    ORUK_VERSION,
    organization_json,
    service_at_location_columns,
    service_at_location_json,
    service_columns,
    service_json,
    services_at_locations_from_rows,
    services_from_rows,
    taxonomy_json,
    taxonomy_term_json,
)
from localism.dates import parse_clock
from localism.models import Postcode
from localism.pagination import page_and_total
from localism.postcodes import normalise_postcode

MAX_PER_PAGE = 100
DEFAULT_PER_PAGE = 50
MAX_PROXIMITY_M = 100_000


class BadParameterError(Exception):
    def __init__(self, parameter: str, message: str):
        super().__init__(message)
        self.parameter = parameter
        self.message = message


def _json(payload, status: int = 200) -> JsonResponse:
    response = JsonResponse(payload, status=status, safe=False, json_dumps_params={"ensure_ascii": False})
    response["Access-Control-Allow-Origin"] = "*"
    return response


def _error(status: int, message: str, parameter: str | None = None) -> JsonResponse:
    payload = {"code": status, "message": message}
    if parameter:
        payload["parameter"] = parameter
    return _json(payload, status=status)


def api_view(view):
    """GET only, JSON errors (400 naming the parameter, 404), CORS open to everyone."""

    @require_GET
    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs):
        if "pk" in kwargs:
            try:
                kwargs["pk"] = uuid.UUID(kwargs["pk"])
            except ValueError:
                return _error(404, "Every id is a UUID: no object has this id")
        try:
            return view(request, *args, **kwargs)
        except BadParameterError as error:
            return _error(400, error.message, error.parameter)
        except NotFoundError as error:
            return _error(404, str(error))

    return wrapped


class NotFoundError(Exception):
    pass


def _int(request: HttpRequest, name: str, default: int | None, low: int, high: int) -> int | None:
    raw = request.GET.get(name)
    if raw is None or raw == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise BadParameterError(name, f"{name} must be a whole number") from None
    if not low <= value <= high:
        raise BadParameterError(name, f"{name} must be between {low} and {high}")
    return value


def _uuid(request: HttpRequest, name: str) -> uuid.UUID | None:
    raw = request.GET.get(name)
    if not raw:
        return None
    try:
        return uuid.UUID(raw)
    except ValueError:
        raise BadParameterError(name, f"{name} must be a UUID") from None


def _time(request: HttpRequest, name: str) -> datetime.time | None:
    raw = request.GET.get(name)
    if not raw:
        return None
    try:
        return parse_clock(raw)
    except ValueError:
        raise BadParameterError(name, f"{name} must be a time like 09:30") from None


def _page(request: HttpRequest, items, serialise, fetch=None, *, one_query: bool = False) -> dict:
    """A numbered page of items; fetch (optional) loads the page's full objects from narrow rows.

    one_query: when the database must rank every match anyway (sorting by distance), fetch the
    page and the total together; otherwise an index walk can stop at the page, so count apart.
    """
    page_number = _int(request, "page", 1, 1, 1_000_000)
    per_page = _int(request, "per_page", DEFAULT_PER_PAGE, 1, MAX_PER_PAGE)
    total = None
    if one_query:
        rows, total = page_and_total(items, page_number, per_page)
    if total is None:
        total = items.count()
        offset = (page_number - 1) * per_page
        rows = list(items[offset : offset + per_page]) if offset < total else []
    total_pages = max(1, math.ceil(total / per_page))
    contents = [serialise(item) for item in (fetch(rows) if fetch else rows)]
    return {
        "total_items": total,
        "total_pages": total_pages,
        "page_number": page_number,
        "size": len(contents),
        "first_page": page_number == 1,
        "last_page": page_number >= total_pages,
        "empty": not contents,
        "contents": contents,
    }


def _filter_services(request: HttpRequest, listings):
    """The ORUK service filters, shared by /services and /service_at_locations."""
    search = request.GET.get("search", "")
    if len(search) > 200:
        raise BadParameterError("search", "search must be 200 characters or fewer")
    if "\x00" in search:
        raise BadParameterError("search", "search must not contain NUL characters")
    if search.strip():
        from django.contrib.postgres.search import SearchQuery

        listings = listings.filter(search_vector=SearchQuery(search, search_type="websearch", config="english"))
    taxonomy_id = _uuid(request, "taxonomy_id")
    if taxonomy_id:
        listings = listings.filter(categories__taxonomy_id=taxonomy_id).distinct()
    term_id = _uuid(request, "taxonomy_term_id")
    if term_id:
        term = TaxonomyTerm.objects.filter(pk=term_id).first()
        ids = descendant_ids(term) if term else [term_id]
        through = Listing.categories.through.objects.filter(taxonomyterm_id__in=ids)
        listings = listings.filter(pk__in=through.values("listing_id"))
    minimum_age = _int(request, "minimum_age", None, 0, 120)
    if minimum_age is not None:
        listings = listings.filter(Q(maximum_age__isnull=True) | Q(maximum_age__gte=minimum_age))
    maximum_age = _int(request, "maximum_age", None, 0, 120)
    if maximum_age is not None:
        listings = listings.filter(Q(minimum_age__isnull=True) | Q(minimum_age__lte=maximum_age))
    day = request.GET.get("day", "").upper()
    start_time, end_time = _time(request, "start_time"), _time(request, "end_time")
    if day and day not in DAY_CODES:
        raise BadParameterError("day", "day must be one of " + ", ".join(DAY_CODES))
    if day or start_time or end_time:
        schedules = Q(schedules__kind="open")
        if day:
            listings = listings.filter(open_days__contains=[DAY_CODES.index(day)])
            schedules &= Q(schedules__byday__endswith=day)
        if start_time:
            schedules &= Q(schedules__closes_at__gt=start_time)
        if end_time:
            schedules &= Q(schedules__opens_at__lt=end_time)
        if start_time or end_time:
            listings = listings.filter(pk__in=Listing.objects.filter(schedules).values("pk"))
    return listings


def _published():
    return Listing.objects.published()


@api_view
def root(request: HttpRequest) -> JsonResponse:
    return _json(
        {
            "version": ORUK_VERSION,
            "profile": ORUK_PROFILE,
            "openapi_url": request.build_absolute_uri(reverse("oruk:openapi")),
        }
    )


@api_view
def services(request: HttpRequest) -> JsonResponse:
    listings = _filter_services(request, _published()).order_by(*NAME_ORDER)
    return _json(_page(request, listings.values(*service_columns()), service_json, fetch=services_from_rows))


@api_view
def service_detail(request: HttpRequest, pk) -> JsonResponse:
    found = services_from_rows(_published().filter(pk=pk).values(*service_columns()))
    if not found:
        raise NotFoundError("No service with this id")
    return _json(service_json(found[0]))


def _postcode_point(request: HttpRequest) -> tuple[float, float] | None:
    raw = request.GET.get("postcode")
    if not raw:
        if request.GET.get("proximity"):
            raise BadParameterError("postcode", "proximity needs a postcode")
        return None
    postcode = normalise_postcode(raw)
    if postcode is None:
        raise BadParameterError("postcode", "postcode is not a UK postcode")
    found = Postcode.objects.filter(postcode=postcode).first()
    if found is None:
        raise BadParameterError("postcode", f"postcode {postcode} is not in the area this directory covers")
    return found.latitude, found.longitude


@api_view
def service_at_locations(request: HttpRequest) -> JsonResponse:
    filtered = _filter_services(request, _published())
    locations = Location.objects.public()
    if filtered.query.where != _published().query.where:
        locations = locations.filter(listing__in=filtered.values("pk"))
    point = _postcode_point(request)
    if point is not None:
        proximity = _int(request, "proximity", 8000, 1, MAX_PROXIMITY_M)
        km = proximity / 1000
        locations = venues_near(locations, point[0], point[1], km).order_by("distance_km", "pk")
    else:
        locations = locations.annotate(distance_km=Value(None, output_field=FloatField())).order_by(
            "listing__name", "pk"
        )
    # Page through narrow rows (id and distance); load the full objects of one page only.
    rows = locations.values_list("pk", "distance_km")

    def fetch(page_rows):
        venues = Location.objects.filter(pk__in=[pk for pk, _ in page_rows]).values(*service_at_location_columns())
        by_id = {location.id: location for location in services_at_locations_from_rows(venues)}
        found = []
        for pk, km in page_rows:
            location = by_id[pk]
            location.distance_m = km * 1000 if km is not None else None
            found.append(location)
        return found

    return _json(_page(request, rows, service_at_location_json, fetch=fetch, one_query=point is not None))


@api_view
def service_at_location_detail(request: HttpRequest, pk) -> JsonResponse:
    venues = Location.objects.public().filter(service_at_location_id=pk).values(*service_at_location_columns())
    found = services_at_locations_from_rows(venues[:1])
    if not found:
        raise NotFoundError("No service at location with this id")
    return _json(service_at_location_json(found[0]))


@api_view
def taxonomies(request: HttpRequest) -> JsonResponse:
    return _json(_page(request, Taxonomy.objects.order_by("name", "pk"), taxonomy_json))


@api_view
def taxonomy_detail(request: HttpRequest, pk) -> JsonResponse:
    taxonomy = Taxonomy.objects.filter(pk=pk).first()
    if taxonomy is None:
        raise NotFoundError("No taxonomy with this id")
    return _json(taxonomy_json(taxonomy))


@api_view
def taxonomy_terms(request: HttpRequest) -> JsonResponse:
    terms = TaxonomyTerm.objects.select_related("taxonomy").order_by("name", "pk")
    taxonomy_id = _uuid(request, "taxonomy_id")
    if taxonomy_id:
        terms = terms.filter(taxonomy_id=taxonomy_id)
    parent_id = _uuid(request, "parent_id")
    if parent_id:
        terms = terms.filter(parent_id=parent_id)
    return _json(_page(request, terms, taxonomy_term_json))


@api_view
def taxonomy_term_detail(request: HttpRequest, pk) -> JsonResponse:
    term = TaxonomyTerm.objects.select_related("taxonomy").filter(pk=pk).first()
    if term is None:
        raise NotFoundError("No taxonomy term with this id")
    return _json(taxonomy_term_json(term))


def _public_organisations():
    return Organisation.objects.filter(status=Organisation.Status.VERIFIED)


@api_view
def organizations(request: HttpRequest) -> JsonResponse:
    return _json(_page(request, _public_organisations().order_by(*NAME_ORDER), organization_json))


@api_view
def organization_detail(request: HttpRequest, pk) -> JsonResponse:
    organisation = _public_organisations().filter(pk=pk).first()
    if organisation is None:
        raise NotFoundError("No organization with this id")
    return _json(organization_json(organisation))


@api_view
def openapi(request: HttpRequest) -> JsonResponse:
    return _json(openapi_document(request.build_absolute_uri(reverse("oruk:root")).rstrip("/")))
