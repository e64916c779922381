"""Transparency pages: thin views that read through selectors and write through services.

Their lists' CSV and JSON downloads are in transparency/downloads.py.
"""

from __future__ import annotations

import calendar
import datetime
from types import SimpleNamespace
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Max, QuerySet, Sum
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.html import format_html
from django.views.decorators.http import require_GET, require_http_methods
from django_ratelimit.decorators import ratelimit

from accounts.rules import require_visible
from localism.charts import bar_chart, month_chart
from localism.dates import long_date
from localism.exports import LICENCE_URL, FormFilter
from localism.forms import ListFilterForm, add_service_errors, form_page
from localism.links import Crumb
from localism.maps import map_point
from localism.models import ImportBatch
from localism.numbers import money
from localism.pagination import query_without, query_without_page
from localism.uploads import file_download
from transparency import services
from transparency.delivery import (
    all_delivered,
    delivered_by,
    delivered_by_supplier,
    with_delivery_flag,
    with_supplier_delivery_flag,
)
from transparency.filters import (
    AssetFilterForm,
    ContractFilterForm,
    DecisionFilterForm,
    GrantFilterForm,
    NoticeFilterForm,
    SpendingFilterForm,
    chosen_date,
    date_parameters,
    spending_facets,
)
from transparency.forms import ExpressionOfInterestForm, NominationForm
from transparency.models import (
    AssetNomination,
    ChallengeWindow,
    Contract,
    Decision,
    DecisionDocument,
    ExpressionOfInterest,
    Grant,
    NominationDocument,
    Notice,
    NoticeDocument,
    SpendingRecord,
    Supplier,
    supplier_urls,
)
from transparency.selectors import SUMMARY_CACHE_SECONDS, cached_spending_summary

PAGE_SIZE = 50
MAX_PAGES = 400  # deeper than this, download the data instead (OFFSET gets slow)


def _crumbs(*trail: tuple[str, str]) -> list[Crumb]:
    """A transparency page's breadcrumbs: Transparency, then each (name, URL name) below it."""
    return [Crumb("Transparency", reverse("transparency:index"))] + [Crumb(name, reverse(url)) for name, url in trail]


_QUARTER_MONTHS = ((1, 3), (4, 6), (7, 9), (10, 12))


def quarter_presets(request: HttpRequest, latest: datetime.date | None, count: int = 4) -> list[dict]:
    """Links to the last quarters of the data ("April to June 2026"), newest first, keeping the other filters."""
    if latest is None:
        return []
    params = request.GET.copy()
    for name in ("page", *date_parameters("date_from", "date_to")):
        params.pop(name, None)
    # The other filters, then the quarter's dates (as QueryDict.urlencode writes them), encoded once for all.
    kept = params.urlencode()
    kept = f"{kept}&" if kept else ""
    chosen_dates = (chosen_date(request.GET, "date_from"), chosen_date(request.GET, "date_to"))
    year, quarter = latest.year, (latest.month - 1) // 3
    presets = []
    for _ in range(count):
        first_month, last_month = _QUARTER_MONTHS[quarter]
        start = datetime.date(year, first_month, 1)
        end = datetime.date(year, last_month, calendar.monthrange(year, last_month)[1])
        chosen = urlencode({"date_from": f"{start:%d/%m/%Y}", "date_to": f"{end:%d/%m/%Y}"})
        presets.append(
            {
                "label": f"{start:%B} to {end:%B %Y}",
                "url": f"?{kept}{chosen}",
                "is_current": chosen_dates == (start, end),
            }
        )
        year, quarter = (year, quarter - 1) if quarter else (year - 1, 3)
    return presets


def _page(request: HttpRequest, items, count: int | None = None):
    paginator = Paginator(items, PAGE_SIZE)
    if count is not None:
        paginator.count = min(count, PAGE_SIZE * MAX_PAGES)  # the count we already have: no COUNT query
    return paginator.get_page(request.GET.get("page"))


def filtered(form_class: type[ListFilterForm], request: HttpRequest, rows: QuerySet) -> FormFilter:
    """The rows a list's filters keep for the request, and the bound form (for the page and its downloads)."""
    return form_class(request.GET).applied_to(rows)


def _list_page(request: HttpRequest, template: str, filterset, page, **context) -> HttpResponse:
    """A page of a filtered list: the filters kept for the links to other pages, 400 when a filter is wrong."""
    return form_page(
        request,
        template,
        {
            "filter": filterset,
            "form": filterset.form,
            "page": page,
            "query": query_without_page(request),
            "crumbs": _crumbs(),
            **context,
        },
    )


@require_GET
def index(request: HttpRequest) -> HttpResponse:
    latest = {
        row["dataset"]: row
        for row in ImportBatch.objects.filter(status=ImportBatch.Status.IMPORTED)
        .values("dataset")
        .annotate(last=Max("imported_at"))
    }
    return render(
        request,
        "transparency/index.html",
        {"latest": latest, "licence_url": LICENCE_URL},
    )


# --- Spending --------------------------------------------------------------------------------


def spending_filter(request: HttpRequest, base=None) -> FormFilter:
    """The payments (of `base`, else all) that the request's filters keep, and the bound form."""
    form = SpendingFilterForm(request.GET, facets=spending_facets())
    return form.applied_to(base if base is not None else SpendingRecord.objects.all())


def _spending_charts(summary) -> dict:
    """The three charts, and the rows of the tables beside them (what each is, its figure in words)."""
    urls = supplier_urls(slug for slug, _, _ in summary.top_suppliers)
    by_month = month_chart(summary.by_month)
    suppliers = bar_chart([(name, total, urls[slug]) for slug, name, total in summary.top_suppliers])
    return {
        "by_month": by_month,
        "month_rows": [
            (f"{month:%B %Y}", "No data" if total is None else money(total)) for month, total in by_month["months"]
        ],
        "suppliers": suppliers,
        "supplier_rows": [
            (format_html('<a class="govuk-link" href="{}">{}</a>', bar.href, bar.label), bar.value_text)
            for bar in suppliers["bars"]
        ],
        "service_areas": bar_chart([(area, total, "") for area, total in summary.by_service_area]),
        "service_area_rows": [(area, money(total)) for area, total in summary.by_service_area],
    }


def _summary_key(filterset) -> dict:
    """The filters that were applied (valid ones only, cleaned): what a summary is worked out and filed under."""
    filterset.form.is_valid()  # the filters applied are exactly the fields that cleaned
    cleaned = getattr(filterset.form, "cleaned_data", {})
    return {name: value for name, value in cleaned.items() if value not in (None, "")}


def _with_what_they_delivered(page, field: str, found: dict | None = None):
    """Each record on the page with what it delivered, of what the public may see (`record.delivered`): a
    query per kind of promise, whatever the size of the page (none when `found` was read before)."""
    if found is None:
        found = delivered_by(field, [record.pk for record in page.object_list if record.may_have_delivered])
    for record in page.object_list:
        record.delivered = found.get(record.pk, [])
    return page


# What the payments table shows of each payment (templates/jinja2/transparency/_payment_rows.html).
_PAYMENT_COLUMNS = ("pk", "payment_date", "beneficiary_name", "amount", "service_area", "expense_type", "purpose")


def _payments_page(request: HttpRequest, payments: QuerySet, count: int):
    """A page of payments for the table, each the row of its values (`payments` is a values() QuerySet): the
    table only shows them, and a model instance for each of 50 rows cost more than their query."""
    page = _page(request, payments, count)
    page.object_list = [SimpleNamespace(**values) for values in page.object_list]
    return page


def _spending_page(request: HttpRequest, filterset, summary, page, delivered: dict | None = None) -> dict:
    """What every page of payments shows: the filters, the totals and charts, the page of payments (each with
    what it delivered) and the quarters to jump to."""
    _with_what_they_delivered(page, "payments", delivered)
    return {
        "filter": filterset,
        "form": filterset.form,
        "summary": summary,
        "total_text": money(summary.total),
        # Drawn only when the page's kept charts are not in the cache (see _spending_charts.html).
        "charts": SimpleLazyObject(lambda: _spending_charts(summary)),
        "charts_cache_seconds": SUMMARY_CACHE_SECONDS,
        "page": page,
        "query": query_without_page(request),
        "quarters": quarter_presets(request, summary.published_up_to),
    }


@require_GET
def spending(request: HttpRequest) -> HttpResponse:
    filterset = spending_filter(request)
    records = filterset.qs
    summary = cached_spending_summary(records, _summary_key(filterset))
    payments = with_delivery_flag(records, "payments").values(*_PAYMENT_COLUMNS, "supplier_slug", "may_have_delivered")
    page = _payments_page(request, payments, summary.count)
    urls = supplier_urls({record.supplier_slug for record in page.object_list})
    for record in page.object_list:
        record.supplier_url = urls[record.supplier_slug]
    return form_page(
        request,
        "transparency/spending_explore.html",
        _spending_page(request, filterset, summary, page) | {"crumbs": _crumbs()},
    )


@require_GET
def supplier_detail(request: HttpRequest, slug: str) -> HttpResponse:
    base = SpendingRecord.objects.for_supplier(slug)
    supplier = with_supplier_delivery_flag(Supplier.objects.filter(slug=slug)).first()
    if supplier is None:
        raise Http404("No payments to this supplier")
    filterset = spending_filter(request, base)
    records = filterset.qs
    summary = cached_spending_summary(records, {**_summary_key(filterset), "supplier": slug})
    page = _payments_page(request, records.values(*_PAYMENT_COLUMNS), summary.count)
    delivered = delivered_by_supplier(slug) if supplier.may_have_delivered else {}
    return form_page(
        request,
        "transparency/supplier_detail.html",
        _spending_page(request, filterset, summary, page, delivered)
        | {
            "supplier": supplier,
            "slug": slug,
            "supplier_delivered": all_delivered(delivered),
            "download_query": query_without(request, "page", "supplier") + f"&supplier={slug}",
            "crumbs": _crumbs(("Spending", "transparency:spending")),
        },
    )


# --- Contracts and grants --------------------------------------------------------------------


def _record_list(request: HttpRequest, filterset, amount_field: str, template: str) -> HttpResponse:
    """A filtered, paginated list of contracts or grants with its total (400 when a filter is wrong)."""
    records = filterset.qs
    totals = records.aggregate(total=Sum(amount_field), count=Count("id"))
    is_contracts = records.model is Contract
    page = _page(request, with_delivery_flag(records, "contracts") if is_contracts else records, totals["count"])
    if is_contracts:
        _with_what_they_delivered(page, "contracts")
    return _list_page(request, template, filterset, page, totals=totals, total_text=money(totals["total"] or 0))


@require_GET
def contracts(request: HttpRequest) -> HttpResponse:
    filterset = filtered(ContractFilterForm, request, Contract.objects.all())
    return _record_list(request, filterset, "value", "transparency/contract_list.html")


@require_GET
def grants(request: HttpRequest) -> HttpResponse:
    filterset = filtered(GrantFilterForm, request, Grant.objects.all())
    return _record_list(request, filterset, "amount_awarded", "transparency/grant_list.html")


# --- Decisions -------------------------------------------------------------------------------


@require_GET
def decisions(request: HttpRequest) -> HttpResponse:
    filterset = filtered(DecisionFilterForm, request, Decision.objects.published())
    page = _page(
        request,
        filterset.qs.select_related("council").only(
            "title", "slug", "decision_date", "decision_maker", "council__name", "council__slug"
        ),
    )
    return _list_page(request, "transparency/decision_list.html", filterset, page)


@require_GET
def decision_detail(request: HttpRequest, slug: str) -> HttpResponse:
    decision = get_object_or_404(
        Decision.objects.published().select_related("council").prefetch_related("documents", "places", "topics"),
        slug=slug,
    )
    return render(
        request,
        "transparency/decision_detail.html",
        {
            "decision": decision,
            "delivered": delivered_by("decision", [decision.pk]).get(decision.pk, []),
            "crumbs": _crumbs(("Decisions", "transparency:decisions")),
        },
    )


@require_GET
def decision_document(request: HttpRequest, slug: str, pk: int) -> FileResponse:
    """A paper of a published decision (the decision's own visibility rule, never a guessable media path)."""
    document = get_object_or_404(
        DecisionDocument, decision__in=Decision.objects.published(), decision__slug=slug, pk=pk
    )
    return file_download(document.file, "The file for this document is missing.")


# --- Notices ---------------------------------------------------------------------------------


def notice_filter(request: HttpRequest, queryset=None) -> FormFilter:
    """The notices the list (and its downloads) show for the request: with no filter, those on display today."""
    params = request.GET.copy()
    params.pop("page", None)
    if not params:
        params["shown"] = "current"
    return NoticeFilterForm(params).applied_to(Notice.objects.published() if queryset is None else queryset)


@require_GET
def notices(request: HttpRequest) -> HttpResponse:
    """Every council's public notices, current ones first: meetings, the accounts, vacancies, roads."""
    filterset = notice_filter(request)
    page = _page(
        request,
        filterset.qs.select_related("council").only(
            "title", "slug", "kind", "published_on", "display_until", "meeting_at", "council__name", "council__slug"
        ),
    )
    # With no filter the page shows the notices on display today, and its download links say so.
    extra = {} if request.GET else {"query": "shown=current"}
    return _list_page(request, "transparency/notice_list.html", filterset, page, **extra)


@require_GET
def notice_detail(request: HttpRequest, slug: str) -> HttpResponse:
    notice = get_object_or_404(
        Notice.objects.published().select_related("council").prefetch_related("documents", "places"), slug=slug
    )
    return render(
        request,
        "transparency/notice_detail.html",
        {
            "notice": notice,
            "crumbs": _crumbs(("Notices", "transparency:notices")),
        },
    )


@require_GET
def notice_document(request: HttpRequest, slug: str, pk: int) -> FileResponse:
    """A paper of a published notice (the notice's own visibility rule, never a guessable media path)."""
    document = get_object_or_404(NoticeDocument, notice__in=Notice.objects.published(), notice__slug=slug, pk=pk)
    return file_download(document.file, "The file for this document is missing.")


# --- Assets of community value ----------------------------------------------------------------


def asset_list(request: HttpRequest, *, unsuccessful: bool) -> HttpResponse:
    base = AssetNomination.objects.unsuccessful() if unsuccessful else AssetNomination.objects.on_the_list()
    filterset = filtered(
        AssetFilterForm, request, base.select_related("place", "council").order_by("asset_name", "id")
    )
    page = _page(request, filterset.qs)
    return _list_page(
        request,
        "transparency/asset_list.html",
        filterset,
        page,
        map_points=_asset_points(page.object_list),
        unsuccessful=unsuccessful,
        can_nominate=request.user.has_perm("transparency.nominate_asset"),
    )


def _asset_points(assets) -> list[dict]:
    """The map markers of a page of the register: each asset at its postcode's position, where known."""
    return [
        map_point(
            latitude=asset.latitude,
            longitude=asset.longitude,
            name=asset.asset_name,
            venue=f"{asset.address}, {asset.postcode}",
            url=asset.get_absolute_url(),
        )
        for asset in assets
        if asset.latitude is not None and asset.longitude is not None
    ]


@require_GET
def assets(request: HttpRequest) -> HttpResponse:
    return asset_list(request, unsuccessful=False)


@require_GET
def assets_unsuccessful(request: HttpRequest) -> HttpResponse:
    return asset_list(request, unsuccessful=True)


@require_GET
def asset_detail(request: HttpRequest, reference: str) -> HttpResponse:
    nomination = get_object_or_404(AssetNomination.objects.select_related("place", "council"), reference=reference)
    require_visible(request.user, "transparency.see_assetnomination", nomination, "No such asset")
    return render(
        request,
        "transparency/asset_detail.html",
        {
            "nomination": nomination,
            "notices": list(nomination.disposal_notices.all()),
            "documents": (
                list(nomination.documents.all())
                if request.user.has_perm("transparency.see_nomination_documents", nomination)
                else []
            ),
            "crumbs": _crumbs(("Assets of community value", "transparency:assets")),
        },
    )


@require_http_methods(["GET", "POST"])
@ratelimit(group="transparency.nominate", key="user_or_ip", rate="5/m", method="POST", block=True)
@login_required
def nominate(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm("transparency.nominate_asset"):
        return render(request, "transparency/nominate_verify_email.html", status=403)
    form = NominationForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = {key: value for key, value in form.cleaned_data.items() if key != "confirm_eligible"}
        try:
            nomination = services.nomination_submit(by=request.user, **data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                f"Nomination {nomination.reference} sent. The council will decide by "
                f"{long_date(nomination.decision_due)}.",
            )
            return redirect(nomination.get_absolute_url())
    return form_page(
        request,
        "transparency/nominate.html",
        {
            "form": form,
            "crumbs": _crumbs(("Assets of community value", "transparency:assets")),
        },
    )


@require_GET
def nomination_document(request: HttpRequest, reference: str, pk: int) -> FileResponse:
    """A nomination's supporting document, for its nominator and staff only (it may name people)."""
    document = get_object_or_404(
        NominationDocument.objects.select_related("nomination"), pk=pk, nomination__reference=reference
    )
    require_visible(request.user, "transparency.see_nomination_documents", document.nomination, "No such document")
    return file_download(document.file)


@require_GET
@login_required
def yours(request: HttpRequest) -> HttpResponse:
    """The nominations and expressions of interest a person has sent, with where each has got to."""
    nominations = AssetNomination.objects.filter(nominated_by=request.user).order_by("-submitted_at")
    expressions = (
        ExpressionOfInterest.objects.filter(submitted_by=request.user).select_related("window").order_by("-id")
    )
    return render(
        request,
        "transparency/yours.html",
        {
            "nominations": nominations,
            "expressions": expressions,
            "crumbs": _crumbs(),
        },
    )


# --- Community Right to Challenge ---------------------------------------------------------------


@require_GET
def challenge(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    windows = ChallengeWindow.objects.filter(closes_on__gte=today).select_related("council").order_by("opens_on")
    decided = _page(
        request,
        ExpressionOfInterest.objects.exclude(status=ExpressionOfInterest.Status.SUBMITTED)
        .select_related("council")
        .only("reference", "body_name", "service", "status", "decided_on", "council__name", "council__slug")
        .order_by("-decided_on", "-id"),
    )
    return render(
        request,
        "transparency/challenge.html",
        {"windows": windows, "page": decided, "query": "", "today": today, "crumbs": _crumbs()},
    )


@require_GET
def challenge_detail(request: HttpRequest, reference: str) -> HttpResponse:
    expression = get_object_or_404(
        ExpressionOfInterest.objects.select_related("window", "council"), reference=reference
    )
    require_visible(
        request.user, "transparency.see_expressionofinterest", expression, "No such expression of interest"
    )
    return render(
        request,
        "transparency/challenge_detail.html",
        {
            "expression": expression,
            "crumbs": _crumbs(("Community Right to Challenge", "transparency:challenge")),
        },
    )


@require_http_methods(["GET", "POST"])
@ratelimit(group="transparency.challenge", key="user_or_ip", rate="5/m", method="POST", block=True)
def challenge_express_interest(request: HttpRequest, pk: int) -> HttpResponse:
    window = get_object_or_404(ChallengeWindow, pk=pk)
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not window.is_open:
        return render(request, "transparency/challenge_closed.html", {"window": window}, status=403)
    if not request.user.has_perm("transparency.express_interest", window):
        return render(request, "transparency/nominate_verify_email.html", status=403)
    form = ExpressionOfInterestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            expression = services.challenge_submit(window=window, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc.messages)
        else:
            messages.success(request, f"Expression of interest {expression.reference} sent.")
            return redirect(expression.get_absolute_url())
    return form_page(
        request,
        "transparency/challenge_form.html",
        {
            "form": form,
            "window": window,
            "crumbs": _crumbs(("Community Right to Challenge", "transparency:challenge")),
        },
    )
