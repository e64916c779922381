"""Pages for residents: the list, a petition, starting one and signing it. Staff work in the admin."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_POST
from django_ratelimit.decorators import ratelimit

from accounts.rules import require_visible
from localism.forms import add_service_errors
from localism.models import Council
from localism.pagination import OneQueryPaginator, page_number, query_without_page
from petitions.forms import PetitionFilterForm, PetitionStartForm, SignatureForm
from petitions.models import DistrictCount, Petition, PetitionScheme
from petitions.rules import signing_refusal, start_refusal
from petitions.services import PetitionDraft, has_signed, petition_edit, petition_sign, petition_start, petition_submit

PER_PAGE = 20


def _petition(request: HttpRequest, pk: int, *related: str) -> Petition:
    """A petition the person may see (with related, for select_related); any other answers as a missing one."""
    return get_object_or_404(
        Petition.objects.visible_to(request.user).select_related(
            "council", "subject", "place", "debate_decision", *related
        ),
        pk=pk,
    )


@require_GET
def petition_list(request: HttpRequest) -> HttpResponse:
    form = PetitionFilterForm(request.GET or None)
    # The columns the list shows, as rows rather than model instances: the sort and count over every public
    # petition stay narrow, and a page of cards costs less.
    petitions = Petition.objects.public().values(
        "pk", "title", "status", "signature_count", "opened_at", "closes_at", "council__name", "place__name"
    )
    if form.is_valid():
        data = form.cleaned_data
        if data["status"]:
            petitions = petitions.filter(status=data["status"])
        if data["council"]:
            petitions = petitions.filter(council=data["council"])
        if data["district"]:
            district = data["district"]
            petitions = petitions.filter(council__in=Council.objects.covering(district))
    page = OneQueryPaginator(petitions.order_by("-opened_at", "-pk"), PER_PAGE).get_page(page_number(request))
    page.object_list = Petition.as_cards(page.object_list)
    return render(
        request, "petitions/petition_list.html", {"form": form, "page": page, "query": query_without_page(request)}
    )


@require_GET
def petition_detail(request: HttpRequest, pk: int) -> HttpResponse:
    # The council's scheme in the same query: a page without one is missing, as before.
    petition = _petition(request, pk, "council__petition_scheme")
    try:
        scheme = petition.council.petition_scheme
    except PetitionScheme.DoesNotExist:
        raise Http404("No petition scheme for this council.") from None
    counts = list(
        DistrictCount.objects.filter(petition=petition).select_related("district").order_by("district__name")
    )
    return render(
        request,
        "petitions/petition_detail.html",
        {
            "petition": petition,
            "scheme": scheme,
            "counts": counts,
            "paper_total": sum(c.paper for c in counts),
            "has_signed": has_signed(petition, request.user),
            "signing_refusal": signing_refusal(request.user, petition),
            "can_submit": request.user.has_perm("petitions.submit_petition", petition),
            "can_edit": request.user.has_perm("petitions.edit_petition", petition),
            "to_petition": max(0, scheme.signatures_for_petition - petition.signature_count),
            "to_debate": max(0, scheme.signatures_for_debate - petition.signature_count),
        },
    )


@login_required
@ratelimit(group="petitions.start", key="user_or_ip", rate="10/h", method="POST", block=True)
def petition_start_view(request: HttpRequest) -> HttpResponse:
    refusal = start_refusal(request.user)
    if refusal:
        return render(request, "petitions/refused.html", {"refusal": refusal, "title": "Start a petition"}, status=403)
    form = PetitionStartForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            petition = petition_start(by=request.user, draft=PetitionDraft(**form.cleaned_data))
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Your petition is saved as a draft. Check it, then send it to be checked.")
            return redirect(petition)
    return render(request, "petitions/petition_start.html", {"form": form, "schemes": _schemes()})


def _schemes():
    return (
        PetitionScheme.objects.filter(is_accepting=True).select_related("council").prefetch_related("excluded_matters")
    )


@login_required
@ratelimit(group="petitions.edit", key="user_or_ip", rate="20/h", method="POST", block=True)
def petition_edit_view(request: HttpRequest, pk: int) -> HttpResponse:
    petition = _petition(request, pk)
    require_visible(request.user, "petitions.edit_petition", petition, "No such draft.")
    # The form checks a copy: a refused change leaves the petition shown elsewhere as it was.
    form = PetitionStartForm(request.POST or None, instance=Petition.objects.get(pk=petition.pk))
    if request.method == "POST" and form.is_valid():
        try:
            petition = petition_edit(petition=petition, by=request.user, draft=PetitionDraft(**form.cleaned_data))
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Your draft is saved. Check it, then send it to be checked.")
            return redirect(petition)
    return render(
        request, "petitions/petition_start.html", {"form": form, "schemes": _schemes(), "petition": petition}
    )


@login_required
@require_POST
@ratelimit(group="petitions.submit", key="user_or_ip", rate="10/m", method="POST", block=True)
def petition_submit_view(request: HttpRequest, pk: int) -> HttpResponse:
    petition = _petition(request, pk)
    require_visible(request.user, "petitions.submit_petition", petition, "No such draft.")
    petition_submit(petition=petition, by=request.user)
    messages.success(request, "Your petition has been sent. The council will check it against the house rules.")
    return redirect(petition)


@login_required
@ratelimit(group="petitions.sign", key="user_or_ip", rate="20/m", method="POST", block=True)
def petition_sign_view(request: HttpRequest, pk: int) -> HttpResponse:
    petition = _petition(request, pk)
    if has_signed(petition, request.user):
        messages.info(request, "You have already signed this petition.")
        return redirect(petition)
    refusal = signing_refusal(request.user, petition)
    if refusal:
        return render(
            request, "petitions/refused.html", {"refusal": refusal, "petition": petition, "title": "Sign"}, status=403
        )
    initial = {"postcode": request.user.home_postcode or ""}
    form = SignatureForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            petition_sign(petition=petition, user=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "You have signed the petition. We will email you as it goes through each step.")
            return redirect(petition)
    return render(request, "petitions/petition_sign.html", {"form": form, "petition": petition})
