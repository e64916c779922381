"""The county-wide list of neighbourhood plans (filtered by stage and district) and each area's plan.
Staff record each stage in the admin."""

from __future__ import annotations

from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from accounts.rules import require_visible
from localism.exports import FormFilter
from localism.forms import form_page
from localism.pagination import query_without_page
from localism.uploads import file_download
from neighbourhood_plans.forms import PlanFilterForm
from neighbourhood_plans.models import NeighbourhoodPlan, PlanDocument, Stage


def _plan(request: HttpRequest, slug: str) -> NeighbourhoodPlan:
    plan = get_object_or_404(NeighbourhoodPlan.objects.select_related("area__parent", "council"), area__slug=slug)
    require_visible(request.user, "neighbourhood_plans.see_plan", plan, "No such plan")
    return plan


def filtered_plans(request: HttpRequest) -> FormFilter:
    """The plans the county-wide list (and its downloads) show for the request's filters."""
    form = PlanFilterForm(request.GET or None)
    plans = NeighbourhoodPlan.objects.select_related("area__parent", "council")
    if form.is_valid():
        if form.cleaned_data["stage"]:
            plans = plans.filter(stage=form.cleaned_data["stage"])
        if form.cleaned_data["district"]:
            plans = plans.in_place(form.cleaned_data["district"])
    return FormFilter(form, plans.order_by("area__name", "pk"))


@require_GET
def plan_list(request: HttpRequest) -> HttpResponse:
    listed = filtered_plans(request)
    form, plans = listed.form, list(listed.qs)
    return form_page(
        request,
        "neighbourhood_plans/plan_list.html",
        {"form": form, "plans": plans, "stages": Stage.choices, "query": query_without_page(request)},
    )


@require_GET
def plan_detail(request: HttpRequest, slug: str) -> HttpResponse:
    plan = _plan(request, slug)
    return render(
        request,
        "neighbourhood_plans/plan_detail.html",
        {"plan": plan, "documents": list(plan.documents.order_by("published_on", "pk"))},
    )


@require_GET
def document_download(request: HttpRequest, slug: str, pk: int) -> FileResponse:
    plan = _plan(request, slug)
    document = get_object_or_404(PlanDocument, pk=pk, plan=plan)
    return file_download(document.file)
