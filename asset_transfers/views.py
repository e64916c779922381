"""Pages for the public and for applying groups: the list, an application with its timeline, applying,
adding documents and sending the business case. Staff move applications on in the admin."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_ratelimit.decorators import ratelimit

from accounts.rules import require_visible
from asset_transfers import services
from asset_transfers.forms import ApplicationForm, DocumentForm, StageFilterForm
from asset_transfers.models import TransferApplication, TransferDocument
from asset_transfers.rules import apply_refusal
from localism.exports import FormFilter
from localism.forms import add_service_errors, form_page
from localism.pagination import OneQueryPaginator, page_number, query_without_page
from localism.uploads import file_download

PER_PAGE = 20


def _application(request: HttpRequest, reference: str) -> TransferApplication:
    """An application the person may see; any other answers as a missing one."""
    application = get_object_or_404(
        TransferApplication.objects.select_related("organisation", "council", "place", "community_value", "decision"),
        reference=reference,
    )
    require_visible(request.user, "asset_transfers.see_application", application, "No such application")
    return application


def _application_for(request: HttpRequest, reference: str, perm: str, refusal: str) -> TransferApplication:
    """An application the person may see and may act on as `perm` allows now; refused with `refusal` otherwise."""
    application = _application(request, reference)
    require_visible(request.user, perm, application, refusal)
    return application


def filtered_applications(request: HttpRequest) -> FormFilter:
    """The public applications the list (and its downloads) show for the request's filters, newest first."""
    form = StageFilterForm(request.GET or None)
    applications = TransferApplication.objects.public().select_related("organisation", "council", "place")
    if form.is_valid() and form.cleaned_data["stage"]:
        applications = applications.filter(stage=form.cleaned_data["stage"])
    return FormFilter(form, applications.order_by("-submitted_at", "-pk"))


@require_GET
def application_list(request: HttpRequest) -> HttpResponse:
    listed = filtered_applications(request)
    form = listed.form
    return form_page(
        request,
        "asset_transfers/application_list.html",
        {
            "form": form,
            "page": OneQueryPaginator(listed.qs, PER_PAGE).get_page(page_number(request)),
            "query": query_without_page(request),
            "may_apply": request.user.has_perm("asset_transfers.apply"),
        },
    )


@require_GET
def application_detail(request: HttpRequest, reference: str) -> HttpResponse:
    from transparency.selectors import community_value_status

    application = _application(request, reference)
    return render(
        request,
        "asset_transfers/application_detail.html",
        {
            "application": application,
            "timeline": list(application.timeline.order_by("happened_on", "created_at", "pk")),
            "documents": list(application.documents.order_by("uploaded_at", "pk")),
            "community_value_status": community_value_status(application.community_value),
            "can_add_document": request.user.has_perm("asset_transfers.add_document_application", application),
            "can_send_business_case": request.user.has_perm(
                "asset_transfers.send_business_case_application", application
            ),
        },
    )


@require_http_methods(["GET", "POST"])
@ratelimit(group="asset_transfers.apply", key="user_or_ip", rate="5/m", method="POST", block=True)
@login_required
def application_apply(request: HttpRequest) -> HttpResponse:
    refusal = apply_refusal(request.user)
    if refusal:
        return render(request, "asset_transfers/refused.html", {"refusal": refusal}, status=403)
    form = ApplicationForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            application = services.application_submit(by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                f"Expression of interest {application.reference} sent. We have emailed your group; council staff "
                "will tell you whether to prepare a business case.",
            )
            return redirect(application)
    return form_page(request, "asset_transfers/application_apply.html", {"form": form})


@require_http_methods(["GET", "POST"])
@ratelimit(group="asset_transfers.document", key="user_or_ip", rate="10/m", method="POST", block=True)
@login_required
def document_add(request: HttpRequest, reference: str) -> HttpResponse:
    application = _application_for(
        request, reference, "asset_transfers.add_document_application", "Documents cannot be added to this application"
    )
    form = DocumentForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.application_document_add(application=application, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"“{form.cleaned_data['title']}” added to the application.")
            return redirect(application)
    return form_page(request, "asset_transfers/document_add.html", {"form": form, "application": application})


@require_POST
@ratelimit(group="asset_transfers.business_case", key="user_or_ip", rate="10/m", method="POST", block=True)
@login_required
def business_case_send(request: HttpRequest, reference: str) -> HttpResponse:
    application = _application_for(
        request, reference, "asset_transfers.send_business_case_application", "The business case cannot be sent now"
    )
    try:
        services.application_submit_business_case(application=application, by=request.user)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, "Business case sent. The council will assess it and email your group its decision.")
    return redirect(application)


@require_GET
def document_download(request: HttpRequest, reference: str, pk: int) -> FileResponse:
    application = _application(request, reference)
    document = get_object_or_404(TransferDocument, pk=pk, application=application)
    return file_download(document.file)
