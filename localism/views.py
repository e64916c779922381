"""The home page, place pages, information pages, the resource library and error pages."""

from __future__ import annotations

from urllib.parse import urlencode

from django.conf import settings
from django.db import models
from django.http import FileResponse, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET

from localism.forms import PostcodeForm, SearchForm
from localism.ical import CalendarEvent, calendar_response
from localism.links import Crumb, absolute_reverse, absolute_url
from localism.models import (
    Council,
    Councillor,
    InformationPage,
    Place,
    PlaceContact,
    Resource,
    Responsibility,
    Surgery,
    Topic,
    place_path,
)
from localism.postcodes import PostcodeNotFoundError, Representation, find_postcode, representation_for
from localism.search import search_everything
from localism.sections import home_sections, place_sections
from localism.uploads import file_download


def _home_context(request: HttpRequest, postcode_form: PostcodeForm) -> dict:
    return {
        "postcode_form": postcode_form,
        "search_form": SearchForm(),
        # Each district's name and page, as rows rather than model instances.
        "districts": [
            {"name": name, "url": place_path(slug)}
            for name, slug in Place.objects.districts().values_list("name", "slug")
        ],
        "get_involved_pages": InformationPage.objects.published()
        .filter(section=InformationPage.Section.GET_INVOLVED)
        .only("title", "slug", "summary"),
        "resources": Resource.objects.published()[:3],
        "sections": home_sections(request),
    }


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "localism/home.html", _home_context(request, PostcodeForm()))


@require_GET
def find_by_postcode(request: HttpRequest) -> HttpResponse:
    """'What's near you': a postcode leads to the page of its town or district."""
    form = PostcodeForm(request.GET)
    if form.is_valid():
        try:
            postcode, place = find_postcode(form.cleaned_data["postcode"])
        except PostcodeNotFoundError as exc:
            form.add_error("postcode", str(exc))
        else:
            # The place page then also shows who represents this postcode.
            return redirect(f"{place.get_absolute_url()}?{urlencode({'postcode': postcode.postcode})}")
    return render(request, "localism/home.html", _home_context(request, form), status=200)


@require_GET
def place_detail(request: HttpRequest, slug: str) -> HttpResponse:
    place = get_object_or_404(Place.objects.select_related("parent__parent__parent"), slug=slug)
    children = list(place.children.only("name", "slug", "kind", "parent", "is_sample"))
    contacts = PlaceContact.objects.filter(place_id__in=[place.pk, *(p.pk for p in place.ancestors())]).select_related(
        "place"
    )
    councils = list(Council.objects.covering(place).by_tier().prefetch_related("responsibilities"))
    # Arriving from "What's near you", the page also says who represents the postcode; a postcode the
    # portal cannot place is told as on the near-you form, with what was typed kept.
    postcode_form = PostcodeForm(request.GET or None)
    found = _representation(postcode_form) if "postcode" in request.GET else None
    areas = [child for child in children if child.is_electoral_area]
    councillors = (
        _councillors().filter(area=place).prefetch_related(models.Prefetch("surgeries", Surgery.objects.upcoming()))
        if place.is_electoral_area
        else []
    )
    return render(
        request,
        "localism/place_detail.html",
        {
            "place": place,
            "councils": councils,
            "found": found,
            "areas": areas,
            "area_councillors": councillors,
            "crumbs": [Crumb(a.name_apart_from(place), a.get_absolute_url()) for a in place.ancestors()],
            "parent_name": place.parent.name_apart_from(place) if place.parent else "",
            "children": [child for child in children if not child.is_electoral_area],
            "contacts": contacts,
            "postcode_form": postcode_form if "postcode" in request.GET else PostcodeForm(),
            "sections": place_sections(request, place),
        },
    )


@require_GET
def council_list(request: HttpRequest) -> HttpResponse:
    """Which council does what: every council by tier, with what it is responsible for."""
    councils = Council.objects.by_tier().prefetch_related("responsibilities", "places")
    tiers = [
        {"label": label, "councils": [c for c in councils if c.tier == tier]} for tier, label in Council.Tier.choices
    ]
    responsibilities = Responsibility.objects.order_by("usual_tier", "name")
    return render(
        request,
        "localism/council_list.html",
        {"tiers": tiers, "responsibilities": responsibilities, "tier_labels": dict(Council.Tier.choices)},
    )


def _representation(form: PostcodeForm) -> Representation | None:
    """Who represents the form's postcode, or None with the reason added to the form's errors."""
    if not form.is_valid():
        return None
    try:
        postcode, place = find_postcode(form.cleaned_data["postcode"])
    except PostcodeNotFoundError as exc:
        form.add_error("postcode", str(exc))
        return None
    return representation_for(postcode, place)


@require_GET
def who_represents_me(request: HttpRequest, fmt: str = "html") -> HttpResponse:
    """One postcode gives its councillors and its county, district and town or parish council, as a page or JSON."""
    form = PostcodeForm(request.GET or None)
    found = _representation(form)
    if fmt == "json":
        if found is None:
            errors = [str(e) for e in form.errors.get("postcode", ["Enter a postcode"])]
            return JsonResponse({"errors": errors}, status=400)
        return JsonResponse(_representation_json(found))
    return render(
        request,
        "localism/who_represents_me.html",
        {"form": form, "found": found, "crumbs": [Crumb("Councils", reverse("localism:council_list"))]},
    )


def _place_json(place: Place | None) -> dict | None:
    if place is None:
        return None
    return {
        "name": place.name,
        "kind": place.kind,
        "ons_code": place.ons_code,
        "is_sample_data": place.is_sample,
        "url": absolute_url(place.get_absolute_url()),
    }


def _councillor_json(councillor: Councillor) -> dict:
    return {
        "name": councillor.name,
        "party": councillor.party_label,
        "area": councillor.area.name if councillor.area else None,
        "email": councillor.email,
        "phone": councillor.phone,
        "url": absolute_url(councillor.get_absolute_url()),
        "register_of_interests": councillor.interests_url,
        "surgeries_calendar": absolute_reverse("localism:councillor_surgeries", councillor.slug),
        "next_surgeries": [
            {"starts_at": s.starts_at.isoformat(), "ends_at": s.ends_at.isoformat(), "venue": s.venue}
            for s in councillor.surgeries.all()[:3]
        ],
        "is_sample_data": councillor.is_sample,
    }


def _representation_json(found: Representation) -> dict:
    notes = list(found.missing)
    if found.parish_council_is_approximate:
        notes.append(
            "Town and parish councils are found from the nearest town centre, not from official parish "
            "boundaries: check with the council."
        )
    if found.areas.has_sample_data:
        notes.append("The division, ward or parish given here is sample data, not an official boundary.")
    return {
        "postcode": found.postcode.postcode,
        "place": {"name": found.place.name, "kind": found.place.kind},
        "areas": {
            "county_electoral_division": _place_json(found.areas.division),
            "district_ward": _place_json(found.areas.ward),
            "parish": _place_json(found.areas.parish),
            "is_unparished": found.areas.is_unparished,
        },
        "councils": [
            {
                "name": item.council.name,
                "tier": item.council.tier,
                "tier_label": item.council.get_tier_display(),
                "url": absolute_url(item.council.get_absolute_url()),
                "website": item.council.website,
                "email": item.council.email,
                "phone": item.council.phone,
                "responsible_for": [r.name for r in item.council.responsibilities.all()],
                "is_exact": item.is_exact,
                "councillors": [_councillor_json(c) for c in item.councillors],
            }
            for item in found.councils
        ],
        "notes": notes,
    }


@require_GET
def council_detail(request: HttpRequest, slug: str) -> HttpResponse:
    council = get_object_or_404(Council.objects.prefetch_related("responsibilities", "places"), slug=slug)
    councillors = council.councillors.select_related("area").prefetch_related(
        models.Prefetch("surgeries", Surgery.objects.upcoming())
    )
    return render(
        request,
        "localism/council_detail.html",
        {
            "council": council,
            "councillors": councillors,
            "crumbs": [Crumb("Councils", reverse("localism:council_list"))],
        },
    )


def _councillors() -> models.QuerySet:
    return Councillor.objects.select_related("council", "area")


@require_GET
def councillor_detail(request: HttpRequest, slug: str) -> HttpResponse:
    """A councillor: their council and area, party, how to contact them, surgeries and register of interests."""
    councillor = get_object_or_404(_councillors(), slug=slug)
    return render(
        request,
        "localism/councillor_detail.html",
        {
            "councillor": councillor,
            "surgeries": councillor.surgeries.upcoming(),
            "crumbs": [
                Crumb("Councils", reverse("localism:council_list")),
                Crumb(councillor.council.name, councillor.council.get_absolute_url()),
            ],
        },
    )


@require_GET
def councillor_surgeries_ics(request: HttpRequest, slug: str) -> HttpResponse:
    """A councillor's coming surgeries as an iCalendar feed."""
    councillor = get_object_or_404(_councillors(), slug=slug)
    url = absolute_url(councillor.get_absolute_url())
    events = [
        CalendarEvent(
            uid=f"surgery-{surgery.pk}",
            starts_at=surgery.starts_at,
            ends_at=surgery.ends_at,
            summary=f"Surgery: {councillor.name}",
            description=surgery.notes,
            location=surgery.venue,
            url=url,
        )
        for surgery in councillor.surgeries.upcoming()
    ]
    return calendar_response(f"surgeries-{councillor.slug}.ics", f"Surgeries: {councillor.name}", events)


@require_GET
def place_list(request: HttpRequest) -> HttpResponse:
    # Towns only: a district's wards, divisions and parishes are listed on its own page.
    towns = models.Prefetch("children", Place.objects.of_kind(Place.Kind.TOWN))
    districts = Place.objects.districts().prefetch_related(towns)
    county = Place.objects.filter(kind=Place.Kind.COUNTY).first()
    return render(request, "localism/place_list.html", {"county": county, "districts": districts})


@require_GET
def page_detail(request: HttpRequest, slug: str) -> HttpResponse:
    page = get_object_or_404(InformationPage.objects.published(), slug=slug)
    return render(request, "localism/page_detail.html", {"page": page})


def _section_page(request: HttpRequest, section: str, title: str, template: str) -> HttpResponse:
    pages = InformationPage.objects.published().filter(section=section).only("title", "slug", "summary")
    return render(request, template, {"pages": pages, "title": title})


@require_GET
def get_involved(request: HttpRequest) -> HttpResponse:
    return _section_page(request, InformationPage.Section.GET_INVOLVED, "Get involved", "localism/get_involved.html")


@require_GET
def about(request: HttpRequest) -> HttpResponse:
    return _section_page(request, InformationPage.Section.ABOUT, "About", "localism/about.html")


@require_GET
def resource_list(request: HttpRequest) -> HttpResponse:
    topic_slug = request.GET.get("topic", "")
    resources = Resource.objects.published().prefetch_related("topics")
    topic = None
    if topic_slug:
        # PostgreSQL refuses a NUL byte in a query: such a "slug" names no topic.
        topic = Topic.objects.filter(slug=topic_slug).first() if "\x00" not in topic_slug else None
        resources = resources.filter(topics=topic) if topic else resources.none()
    return render(
        request,
        "localism/resource_list.html",
        {"resources": resources, "topics": Topic.objects.all(), "topic": topic, "topic_slug": topic_slug},
    )


@require_GET
def resource_download(request: HttpRequest, slug: str) -> FileResponse:
    resource = get_object_or_404(Resource.objects.published(), slug=slug)
    return file_download(resource.file, "The file for this document is missing.")


@require_GET
def open_data_licence(request: HttpRequest) -> HttpResponse:
    return render(request, "localism/open_data_licence.html")


@require_GET
def search(request: HttpRequest) -> HttpResponse:
    form = SearchForm(request.GET)
    results = None
    text = ""
    if form.is_valid() and form.cleaned_data["q"].strip():
        text = form.cleaned_data["q"].strip()
        results = search_everything(text)
    return render(request, "localism/search.html", {"form": form, "results": results, "text": text})


@require_GET
def robots_txt(request: HttpRequest) -> HttpResponse:
    lines = [
        "User-agent: *",
        f"Disallow: /{settings.ADMIN_URL}",
        "Disallow: /accounts/",
        f"Sitemap: {request.build_absolute_uri('/sitemap.xml')}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")


# --- error pages ----------------------------------------------------------------


def bad_request(request: HttpRequest, exception=None) -> HttpResponse:
    return render(request, "400.html", status=400)


def permission_denied(request: HttpRequest, exception=None) -> HttpResponse:
    return render(request, "403.html", status=403)


def page_not_found(request: HttpRequest, exception=None) -> HttpResponse:
    return render(request, "404.html", status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    # No request context: the database may be the thing that failed.
    return render(None, "500.html", status=500)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    return render(request, "403_csrf.html", status=403)
