"""Thin views: the exercise (check, then submit a balanced budget), its results, and the equality questions."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods
from django_ratelimit.decorators import ratelimit

from accounts.rules import require_visible
from budget_simulator import rules, selectors, services
from budget_simulator.filters import ChoiceFilterForm
from budget_simulator.forms import BudgetForm
from budget_simulator.models import BudgetSimulator, BudgetSubmission
from consultations.views import equality_offer, equality_questions

SUBMIT = "submit"


def _simulator_or_404(request: HttpRequest, slug: str) -> BudgetSimulator:
    simulator = get_object_or_404(
        BudgetSimulator.objects.select_related("consultation__council"), consultation__slug=slug
    )
    require_visible(request.user, "budget_simulator.see_simulator", simulator, "There is no budget simulator here.")
    return simulator


def _own_submission(request: HttpRequest, simulator: BudgetSimulator) -> BudgetSubmission | None:
    if not request.user.is_authenticated:
        return None
    return (
        BudgetSubmission.objects.filter(simulator=simulator, respondent=request.user)
        .select_related("district", "simulator__consultation")
        .prefetch_related("choices")
        .first()
    )


def _initial(submission: BudgetSubmission | None) -> dict:
    if submission is None:
        return {}
    initial = {f"service_{c.service_id}": c.steps for c in submission.choices.all()}
    initial["council_tax"] = submission.council_tax_steps
    return initial


@require_http_methods(["GET", "POST"])
@ratelimit(group="budget-simulator", key="user_or_ip", rate="20/m", method="POST", block=True)
@ratelimit(group="budget-simulator-address", key="ip", rate="60/m", method="POST", block=True)
def simulator(request: HttpRequest, slug: str) -> HttpResponse:
    """Move each service, check the budget (anyone), and submit it once it balances (people who may respond)."""
    simulator = _simulator_or_404(request, slug)
    service_list = list(simulator.services.all())
    existing = _own_submission(request, simulator)
    form = BudgetForm(request.POST or None, simulator=simulator, services=service_list, initial=_initial(existing))
    refusal = rules.participation_refusal(request.user, simulator)
    is_valid = form.is_bound and form.is_valid()
    if form.is_bound:
        steps, tax = form.steps(), form.council_tax_steps()
    else:
        steps = {s.pk: form.initial.get(services.service_field(s), 0) for s in service_list}
        tax = form.initial.get("council_tax", 0)
    budget = services.budget_build(simulator=simulator, services=service_list, steps=steps, council_tax_steps=tax)
    submitting = request.POST.get("action") == SUBMIT
    status = 403 if submitting and refusal else 200
    if submitting and is_valid and not refusal:
        try:
            services.budget_submit(
                simulator=simulator,
                respondent=request.user,
                steps=steps,
                council_tax_steps=tax,
                postcode=form.cleaned_data["postcode"],
            )
        except ValidationError as error:
            form.add_refusals(error.message_dict if hasattr(error, "error_dict") else {"__all__": error.messages[0]})
        else:
            messages.success(request, "Thank you: your budget has been submitted.")
            return redirect("budget_simulator:done", slug=slug)
    elif is_valid and not submitting:
        # Checking: moves out of range are errors; a budget that does not balance yet is only the balance shown.
        form.add_refusals({k: v for k, v in services.budget_refusals(budget).items() if k != "__all__"})
    if form.is_bound and form.errors and status == 200:
        status = 400
    fields = {services.service_field(s): form[services.service_field(s)] for s in service_list}
    return render(
        request,
        "budget_simulator/simulator.html",
        {
            "simulator": simulator,
            "consultation": simulator.consultation,
            "form": form,
            "budget": budget,
            "rows": [(move, fields[services.service_field(move.service)]) for move in budget.moves],
            "existing": existing,
            "refusal": refusal,
            "checked": form.is_bound,
            "script_data": budget.script_data(),
        },
        status=status,
    )


@login_required
@require_GET
def done(request: HttpRequest, slug: str) -> HttpResponse:
    simulator = _simulator_or_404(request, slug)
    submission = _own_submission(request, simulator)
    if submission is None:
        return redirect(simulator)
    choices = {c.service_id: c.steps for c in submission.choices.all()}
    budget = services.budget_build(
        simulator=simulator,
        services=list(simulator.services.all()),
        steps=choices,
        council_tax_steps=submission.council_tax_steps,
    )
    return render(
        request,
        "budget_simulator/done.html",
        {
            "simulator": simulator,
            "consultation": simulator.consultation,
            "submission": submission,
            "budget": budget,
            **equality_offer(
                request,
                simulator.consultation,
                may_give=request.user.has_perm("budget_simulator.give_equality_submission", submission),
                url=reverse("budget_simulator:equality", kwargs={"slug": slug}),
            ),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
@ratelimit(group="budget-simulator-equality", key="user_or_ip", rate="10/m", method="POST", block=True)
def equality_monitoring(request: HttpRequest, slug: str) -> HttpResponse:
    """The consultation's optional equality questions (the same two steps as after a survey), asked once."""
    simulator = _simulator_or_404(request, slug)
    consultation = simulator.consultation
    submission = _own_submission(request, simulator)
    if not request.user.has_perm("budget_simulator.give_equality_submission", submission):
        messages.info(request, "You have already answered the equality questions, or cannot answer them now.")
        return redirect(simulator)
    return equality_questions(request, consultation, done=simulator.get_absolute_url())


@require_GET
def results(request: HttpRequest, slug: str) -> HttpResponse:
    """How people moved each service, for everyone or one district; staff also reach the equality report."""
    simulator = _simulator_or_404(request, slug)
    if not request.user.has_perm("budget_simulator.see_results_simulator", simulator):
        return render(request, "budget_simulator/results_not_yet.html", {"simulator": simulator})
    district = None
    if request.GET.get("area"):
        # The district is read as the results download reads it, so both take the same addresses.
        form = ChoiceFilterForm(request.GET)
        if not form.is_valid():
            raise Http404("There is no such district.")
        district = form.cleaned_data["area"]
    download = reverse("budget_simulator:download", kwargs={"fmt": "csv"})
    query = f"?simulator={simulator.consultation.slug}" + (f"&area={district.slug}" if district else "")
    return render(
        request,
        "budget_simulator/results.html",
        {
            "simulator": simulator,
            "consultation": simulator.consultation,
            "results": selectors.results(simulator, district),
            "district": district,
            "download_url": download + query,
            "can_see_equality": request.user.has_perm("consultations.export_response", simulator.consultation),
        },
    )


def results_download_refused(request: HttpRequest) -> HttpResponse:
    """The results download with a filter it cannot read (an unknown district)."""
    return render(request, "budget_simulator/download_refused.html", status=400)
