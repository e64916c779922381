"""Pages of the directory: resident search and listings, and the group pages that manage them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, F, Q
from django.db.models.functions import Coalesce
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_ratelimit.decorators import ratelimit

from accounts.rules import require, require_visible
from directory import rules, services
from directory.filters import KeywordMatches, ListingSearchForm, near_misses
from directory.forms import InviteForm, ListingEditor, OrganisationForm, ProblemReportForm
from directory.maps import listing_points, search_venues, venue_map
from directory.models import (
    NAME_ORDER,
    Invitation,
    Listing,
    Membership,
    Organisation,
    OrganisationChange,
    Schedule,
    TaxonomyTerm,
)
from directory.opening import describe_schedule, next_open_text, open_days_text
from localism.exports import FormFilter
from localism.forms import MapViewForm, form_page
from localism.links import path_for
from localism.pagination import OneQueryPaginator, page_number, query_without_page

PER_PAGE = 20


def _published_listings():
    return Listing.objects.published().select_related("organisation")


def search_filter(request: HttpRequest) -> FormFilter:
    """The published listings, filtered as the search page and its downloads read the request."""
    search = ListingSearchForm(request.GET)
    return FormFilter(search, search.filter(_published_listings()))


KIND_LABELS = dict(Listing.Kind.choices)


@dataclass(frozen=True)
class ListingResult:
    """One listing as a list of results shows it (search and category pages)."""

    url: str
    name: str
    kind: str
    organisation_name: str
    summary: str
    distance_km: float | None = None
    town: str = ""
    open_days: str = ""

    # The columns a result is made of: selected with the search's scores, so a page is one query.
    COLUMNS: ClassVar[dict] = {
        "result_url_pk": Coalesce("edit_of_id", "pk"),
        "result_name": F("name"),
        "result_kind": F("kind"),
        "result_summary": F("summary"),
        "result_organisation": F("organisation__name"),
        "result_open_days": F("open_days"),
        "result_temporarily_closed": F("temporarily_closed"),
    }

    @classmethod
    def from_row(cls, row: dict) -> ListingResult:
        towns = row.get("venue_towns") or [""]
        return cls(
            url=path_for("directory:listing_detail", pk=row["result_url_pk"]),
            name=row["result_name"],
            kind=KIND_LABELS.get(row["result_kind"], row["result_kind"]),
            organisation_name=row["result_organisation"],
            summary=row["result_summary"],
            distance_km=row.get("distance_km"),
            town=towns[0],
            open_days="Temporarily closed"
            if row["result_temporarily_closed"]
            else open_days_text(row["result_open_days"] or []),
        )


def _show_results(page) -> None:
    """Turn a page of ListingResult.COLUMNS rows into the results it shows."""
    page.object_list = [ListingResult.from_row(row) for row in page.object_list]


@require_GET
def search(request: HttpRequest) -> HttpResponse:
    """Search the directory: keywords, filters and distance, every combination a shareable URL."""
    search = ListingSearchForm(request.GET)
    page = misses = nearest = None
    if search.is_valid():
        keywords = search.keywords_alone()
        if keywords:
            # The commonest search: counted from the search's own tables, and only the page is ranked.
            page = Paginator(KeywordMatches(keywords, ListingResult.COLUMNS), PER_PAGE).get_page(page_number(request))
        else:
            results = search.filter(_published_listings())
            # Ranked or by distance, every match is scored anyway: fetch the page and the count together.
            scores = [
                name for name in ("match_group", "distance_km", "venue_towns") if name in results.query.annotations
            ]
            paginator_class = OneQueryPaginator if scores else Paginator
            rows = results.values(*scores, **ListingResult.COLUMNS)
            page = paginator_class(rows, PER_PAGE).get_page(page_number(request))
        _show_results(page)
        if not page.paginator.count:
            misses = near_misses(search, _published_listings(), ListingResult.COLUMNS)
            nearest = ListingResult.from_row(misses.nearest) if misses.nearest else None
    return render(
        request,
        "directory/listing_search.html",
        {
            "form": search,
            "page": page,
            "query_string": query_without_page(request),
            "misses": misses,
            "nearest": nearest,
            "map_bounds": search.map_bounds() if page is not None and page.paginator.count else None,
        },
    )


@require_GET
def map_points(request: HttpRequest) -> HttpResponse:
    """The results map's markers for one view (bbox and zoom) of a search: clusters and single venues, as JSON."""
    view = MapViewForm(request.GET)
    if not view.is_valid():
        return JsonResponse({"error": view.error_message()}, status=400)
    venues, search = search_venues(request.GET)
    if search is not None and not search.is_valid():
        message = " ".join(str(error) for errors in search.errors.values() for error in errors)
        return JsonResponse({"error": message}, status=400)
    return JsonResponse(venue_map(venues, view.cleaned_data["bbox"], view.cleaned_data["zoom"]))


def _listing_for_page(pk) -> Listing:
    return get_object_or_404(Listing.objects.select_related("organisation"), pk=pk)


@require_GET
def listing_detail(request: HttpRequest, pk) -> HttpResponse:
    listing = _listing_for_page(pk)
    require_visible(request.user, "directory.see_listing", listing, "No such listing")
    # Each of one listing's own lists by its foreign key: cheaper than prefetching them.
    locations = list(listing.locations.all())
    schedules = list(listing.schedules.all())
    now = timezone.localtime()
    return render(
        request,
        "directory/listing_detail.html",
        {
            "listing": listing,
            "locations": locations,
            "cost_options": list(listing.cost_options.all()),
            "categories": list(listing.categories.all()),
            "service_areas": list(listing.service_areas.all()),
            "next_open": next_open_text(schedules, now),
            "regular_times": [describe_schedule(s) for s in schedules if s.kind == Schedule.Kind.OPEN],
            "exceptions": [describe_schedule(s) for s in schedules if s.kind == Schedule.Kind.CLOSED],
            "may_be_out_of_date": listing.may_be_out_of_date(timezone.localdate()),
            "can_manage": request.user.has_perm("directory.manage_organisation", listing.organisation),
            "is_public": listing.is_public,
            "map_points": listing_points(listing, locations),
        },
    )


@require_http_methods(["GET", "POST"])
@ratelimit(group="directory.report", key="user_or_ip", rate="5/m", method="POST", block=True)
@ratelimit(group="directory.report-hourly", key="user_or_ip", rate="20/h", method="POST", block=True)
def listing_report(request: HttpRequest, pk) -> HttpResponse:
    """Report a problem with a listing: anyone may, signed in or not, at a limited rate per person or address."""
    listing = _listing_for_page(pk)
    require_visible(request.user, "directory.see_listing", listing, "No such listing")
    require(request.user, "directory.report_listing", listing)
    signed_in = request.user.is_authenticated
    form = ProblemReportForm(request.POST or None, signed_in=signed_in)
    if request.method == "POST" and form.is_valid():
        services.problem_report_create(
            listing=listing,
            by=request.user if signed_in else None,
            what_is_wrong=form.cleaned_data["what_is_wrong"],
            reply_email=form.cleaned_data.get("reply_email", ""),
        )
        messages.success(request, "Thank you. We have told the people who run this listing and our moderators.")
        return redirect(listing)
    return form_page(request, "directory/listing_report.html", {"listing": listing, "form": form})


@require_GET
def organisation_detail(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = get_object_or_404(Organisation.objects.prefetch_related("places"), slug=slug)
    require_visible(request.user, "directory.see_organisation", organisation, "No such organisation")
    listings = (
        Listing.objects.published()
        .filter(organisation=organisation)
        .only("id", "edit_of_id", "name", "summary", "kind", "organisation_id")
        .order_by(*NAME_ORDER)
    )
    return render(
        request,
        "directory/organisation_detail.html",
        {
            "organisation": organisation,
            "listings": listings,
            "can_manage": request.user.has_perm("directory.manage_organisation", organisation),
        },
    )


@require_GET
def category_list(request: HttpRequest) -> HttpResponse:
    terms = TaxonomyTerm.objects.filter(parent__isnull=True).prefetch_related("children")
    return render(request, "directory/category_list.html", {"terms": terms})


@require_GET
def category_detail(request: HttpRequest, slug: str) -> HttpResponse:
    term = get_object_or_404(TaxonomyTerm.objects.select_related("parent"), slug=slug)
    listings = ListingSearchForm({"category": term.slug}).filter(_published_listings())
    page = Paginator(listings.values(**ListingResult.COLUMNS), PER_PAGE).get_page(page_number(request))
    _show_results(page)
    return render(
        request,
        "directory/category_detail.html",
        {"term": term, "children": term.children.all(), "page": page},
    )


# --- Groups ------------------------------------------------------------------------


@login_required
@require_GET
def dashboard(request: HttpRequest) -> HttpResponse:
    """Your organisations, each with its listings and what to do next."""
    memberships = (
        Membership.objects.filter(user=request.user)
        .select_related("organisation")
        .annotate(
            listing_count=Count("organisation__listings", filter=Q(organisation__listings__edit_of__isnull=True))
        )
    )
    return render(
        request,
        "directory/dashboard.html",
        {"memberships": memberships, "can_register": request.user.has_perm("directory.register_organisation")},
    )


@login_required
@require_http_methods(["GET", "POST"])
@ratelimit(group="directory.organisation", key="user_or_ip", rate="10/h", method="POST", block=True)
def organisation_register(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm("directory.register_organisation"):
        messages.warning(request, "Confirm your email address before you register an organisation.")
        return redirect("directory:dashboard")
    form = OrganisationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        places = data.pop("places")
        organisation = services.organisation_register(by=request.user, places=places, **data)
        messages.success(
            request, f"{organisation.name} is registered. Our staff will verify it before it is shown to the public."
        )
        return redirect("directory:organisation_manage", slug=organisation.slug)
    return render(request, "directory/organisation_form.html", {"form": form})


def _managed_organisation(request: HttpRequest, slug: str, *, permission: str = "") -> Organisation:
    """One of the person's groups (anyone else is told there is no such organisation), once they may
    manage it and, if named, do what `permission` allows with it."""
    organisation = get_object_or_404(Organisation, slug=slug)
    if not rules.is_member(request.user, organisation):
        raise Http404("No such organisation")
    require(request.user, "directory.manage_organisation", organisation)
    if permission:
        require(request.user, permission, organisation)
    return organisation


@login_required
@require_GET
def organisation_manage(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = _managed_organisation(request, slug)
    listings = (
        Listing.objects.filter(organisation=organisation, edit_of__isnull=True)
        # The page asks each listing's rules, which read its organisation (and its change's).
        .select_related("organisation", "pending_edit__organisation")
        .order_by("status", "name")
    )
    change = _latest_change(request, organisation)
    return render(
        request,
        "directory/organisation_manage.html",
        {
            "organisation": organisation,
            "change": change,
            "change_rows": services.organisation_change_diff(change) if change else [],
            "can_change_details": request.user.has_perm("directory.edit_organisation", organisation),
            "listings": listings,
            "memberships": organisation.memberships.select_related("user"),
            "invitations": organisation.invitations.filter(accepted_at__isnull=True),
            "can_manage_members": request.user.has_perm("directory.manage_organisation_members", organisation),
            "can_add_listing": request.user.has_perm("directory.create_listing", organisation),
            "my_membership": rules.membership_of(request.user, organisation),
            "invite_form": InviteForm(),
            "today": timezone.localdate(),
        },
    )


def _latest_change(request: HttpRequest, organisation: Organisation) -> OrganisationChange | None:
    """The change waiting for review, or the last one if staff rejected it (the group reads why)."""
    change = organisation.changes.order_by("-created_at").first()
    if change is None or change.status == OrganisationChange.Status.APPROVED:
        return None
    require(request.user, "directory.see_organisationchange", change)
    change.organisation = organisation
    return change


@login_required
@require_http_methods(["GET", "POST"])
@ratelimit(group="directory.organisation", key="user_or_ip", rate="20/h", method="POST", block=True)
def organisation_edit(request: HttpRequest, slug: str) -> HttpResponse:
    """Owners change the details; once the organisation is verified, as a change staff review first."""
    organisation = _managed_organisation(request, slug, permission="directory.edit_organisation")
    pending = organisation.changes.pending().first()
    # The form starts from the proposal waiting for review, so that saving again amends it.
    form = OrganisationForm(request.POST or None, instance=organisation, initial=pending.proposed if pending else None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        places = data.pop("places")
        if not organisation.edits_need_review:
            services.organisation_update(organisation=organisation, by=request.user, places=places, **data)
            messages.success(request, "Organisation details saved.")
        elif services.organisation_change_propose(organisation=organisation, by=request.user, places=places, **data):
            messages.success(
                request,
                "Your changes are sent for review. The directory shows the current details until council staff "
                "approve them. We will email you when they are checked.",
            )
        elif pending:
            messages.success(
                request, "These are the details already published, so your proposed changes are withdrawn."
            )
        else:
            messages.success(request, "These are the details already published: there is nothing to review.")
        return redirect("directory:organisation_manage", slug=organisation.slug)
    if request.method == "POST":
        organisation.refresh_from_db()  # the page heading shows the published name, not the rejected input
    return render(
        request,
        "directory/organisation_form.html",
        {"form": form, "organisation": organisation, "pending": pending},
    )


@login_required
@require_POST
@ratelimit(group="directory.invite", key="user_or_ip", rate="20/h", method="POST", block=True)
def member_invite(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = _managed_organisation(request, slug, permission="directory.manage_organisation_members")
    form = InviteForm(request.POST)
    if form.is_valid():
        try:
            invitation = services.member_invite(
                organisation=organisation,
                email=form.cleaned_data["email"],
                role=form.cleaned_data["role"],
                by=request.user,
            )
        except ValidationError as error:
            form.add_error("email", error)
        else:
            messages.success(
                request,
                f"We have emailed an invitation to {invitation.email}. "
                "You can also send them the link shown under Members.",
            )
            return redirect("directory:organisation_manage", slug=organisation.slug)
    return render(request, "directory/member_invite.html", {"organisation": organisation, "form": form}, status=200)


@login_required
@require_http_methods(["GET", "POST"])
@ratelimit(group="directory.invite", key="user_or_ip", rate="20/h", method="POST", block=True)
def invitation_accept(request: HttpRequest, token) -> HttpResponse:
    invitation = get_object_or_404(Invitation.objects.select_related("organisation"), token=token)
    error = None
    if request.method == "POST":
        try:
            services.invitation_accept(invitation=invitation, user=request.user)
        except ValidationError as exc:
            error = exc.messages[0]
        else:
            messages.success(request, f"You are now a member of {invitation.organisation.name}.")
            return redirect("directory:organisation_manage", slug=invitation.organisation.slug)
    return render(request, "directory/invitation_accept.html", {"invitation": invitation, "error": error})


@login_required
@require_POST
@ratelimit(group="directory.membership", key="user_or_ip", rate="20/h", method="POST", block=True)
def membership_leave(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = _managed_organisation(request, slug)
    membership = rules.membership_of(request.user, organisation)
    try:
        services.membership_leave(membership=membership, by=request.user)
    except ValidationError as error:
        messages.error(request, error.messages[0])
        return redirect("directory:organisation_manage", slug=organisation.slug)
    messages.success(request, f"You have left {organisation.name}.")
    return redirect("directory:dashboard")


def _managed_listing(request: HttpRequest, pk, *, permission: str) -> Listing:
    """A listing of one of the person's groups (anyone else is told there is no such listing), once they
    may do what `permission` allows with it."""
    listing = get_object_or_404(Listing.objects.select_related("organisation", "edit_of"), pk=pk)
    if not rules.is_member(request.user, listing.organisation):
        raise Http404("No such listing")
    require(request.user, permission, listing)
    return listing


@login_required
@require_http_methods(["GET", "POST"])
@ratelimit(group="directory.listing", key="user_or_ip", rate="30/h", method="POST", block=True)
def listing_create(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = _managed_organisation(request, slug, permission="directory.create_listing")
    editor = ListingEditor(request.POST if request.method == "POST" else None)
    if request.method == "POST" and editor.is_valid():
        listing = services.listing_create(organisation=organisation, content=editor.content(), by=request.user)
        return _after_save(request, listing)
    return _listing_form_page(request, editor, organisation)


def _listing_form_page(request: HttpRequest, editor: ListingEditor, organisation, listing=None) -> HttpResponse:
    return render(
        request,
        "directory/listing_form.html",
        {
            "editor": editor,
            "form": editor.form,
            "organisation": organisation,
            "listing": listing,
        },
    )


def _after_save(request: HttpRequest, listing: Listing) -> HttpResponse:
    if "submit" in request.POST:
        try:
            services.listing_submit(listing=listing, by=request.user)
        except ValidationError as error:
            messages.warning(request, f"Saved as a draft. {error.messages[0]}")
        else:
            messages.success(request, f"“{listing.name}” is sent for review. We will email you when it is checked.")
            return redirect("directory:organisation_manage", slug=listing.organisation.slug)
    else:
        messages.success(request, f"“{listing.name}” is saved as a draft.")
    return redirect("directory:organisation_manage", slug=listing.organisation.slug)


@login_required
@require_http_methods(["GET", "POST"])
@ratelimit(group="directory.listing", key="user_or_ip", rate="30/h", method="POST", block=True)
def listing_edit(request: HttpRequest, pk) -> HttpResponse:
    listing = _managed_listing(request, pk, permission="directory.edit_listing")
    # Edits to a published listing are made on a copy that staff review (made once the form is valid).
    shown = getattr(listing, "pending_edit", None) if listing.status == Listing.Status.PUBLISHED else None
    shown = shown or listing
    if shown.status == Listing.Status.PENDING and shown is not listing:
        messages.warning(request, "A change to this listing is already waiting for review.")
        return redirect("directory:organisation_manage", slug=listing.organisation.slug)
    editor = ListingEditor(request.POST if request.method == "POST" else None, listing=shown)
    if request.method == "POST" and editor.is_valid():
        target = listing
        if listing.status == Listing.Status.PUBLISHED:
            target = services.listing_start_edit(listing=listing, by=request.user)
        services.listing_update(listing=target, content=editor.content(), by=request.user)
        return _after_save(request, target)
    return _listing_form_page(request, editor, listing.organisation, listing)


@login_required
@require_POST
@ratelimit(group="directory.listing", key="user_or_ip", rate="30/h", method="POST", block=True)
def listing_submit(request: HttpRequest, pk) -> HttpResponse:
    listing = _managed_listing(request, pk, permission="directory.submit_listing")
    try:
        services.listing_submit(listing=listing, by=request.user)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, f"“{listing.name}” is sent for review.")
    return redirect("directory:organisation_manage", slug=listing.organisation.slug)


@login_required
@require_POST
@ratelimit(group="directory.listing", key="user_or_ip", rate="30/h", method="POST", block=True)
def listing_archive(request: HttpRequest, pk) -> HttpResponse:
    listing = _managed_listing(request, pk, permission="directory.archive_listing")
    services.listing_archive(listing=listing, by=request.user)
    messages.success(
        request, f"“{listing.name}” is archived." if not listing.edit_of_id else "The change is discarded."
    )
    return redirect("directory:organisation_manage", slug=listing.organisation.slug)


@login_required
@require_POST
@ratelimit(group="directory.listing", key="user_or_ip", rate="60/h", method="POST", block=True)
def listing_confirm(request: HttpRequest, pk) -> HttpResponse:
    """One click: "this is still up to date"."""
    listing = _managed_listing(request, pk, permission="directory.confirm_listing")
    services.listing_confirm_current(listing=listing, by=request.user)
    messages.success(request, f"Thank you. “{listing.name}” is confirmed as up to date.")
    return redirect("directory:organisation_manage", slug=listing.organisation.slug)
