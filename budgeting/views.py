"""Pages for residents and groups; staff work in the admin."""

from __future__ import annotations

from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods
from django_ratelimit.decorators import ratelimit

from accounts.rules import require_visible
from budgeting.forms import BallotForm, CodeBallotForm, ProjectForm
from budgeting.models import Delivery, DeliveryUpdate, Project, Round
from budgeting.rules import edit_refusal, eligibility_refusal, proposal_refusal, voting_refusal
from budgeting.services import ballot_cast, ballot_cast_with_code, ballot_of, project_propose, project_update
from localism.charts import bar_chart
from localism.forms import form_page
from localism.maps import map_point
from localism.numbers import counted
from localism.uploads import inline_image
from participation_codes.services import CodeRefusedError
from transparency.delivery import delivery_prefetches


def _round(slug: str) -> Round:
    return get_object_or_404(Round.objects.visible().select_related("council").prefetch_related("places"), slug=slug)


@require_GET
def round_list(request: HttpRequest) -> HttpResponse:
    rounds = Round.objects.visible().prefetch_related("places")
    return render(request, "budgeting/round_list.html", {"rounds": rounds})


@require_GET
def round_detail(request: HttpRequest, slug: str) -> HttpResponse:
    round = _round(slug)
    # What the cards and the map show of each project: rows, not model instances (a round has dozens).
    projects = round.with_addresses(
        round.projects.filter(status=Project.Status.ACCEPTED)
        .order_by("title")
        .values(
            "pk",
            "title",
            "cost",
            "place_id",
            "place__name",
            "place__latitude",
            "place__longitude",
            "organisation__name",
        )
    )
    own = []
    if request.user.is_authenticated:
        own = round.projects.filter(proposer=request.user).select_related("place")
    chosen = ballot_of(round, request.user) if request.user.is_authenticated else []
    stage = round.stage()
    # The funded projects' delivery, once the results are out (what the public may see of it).
    deliveries = (
        Delivery.objects.public().filter(project__round=round).select_related("project__round")
        if round.results_published_at
        else []
    )
    # While voting is open, the refusal to vote is the refusal of eligibility: checked once.
    eligibility = eligibility_refusal(request.user, round)
    return render(
        request,
        "budgeting/round_detail.html",
        {
            "round": round,
            "stage": stage,
            "projects": projects,
            "own_projects": own,
            "has_voted": bool(chosen),
            "can_propose": request.user.has_perm("budgeting.propose_project", round),
            "voting_refusal": eligibility if stage == Round.Stage.VOTING else None,
            "eligibility_refusal": eligibility,
            "places": list(round.places.all()),
            "map_points": _project_points(projects),
            "deliveries": sorted(deliveries, key=lambda d: d.project.title),
        },
    )


def _project_points(projects) -> list[dict]:
    """The map markers of a round's projects (Round.with_addresses): one at each place that has projects,
    listing them."""
    by_place: dict = {}
    for project in projects:
        if project["place__latitude"] is not None and project["place__longitude"] is not None:
            by_place.setdefault(project["place_id"], []).append(project)
    return [
        map_point(
            latitude=here[0]["place__latitude"],
            longitude=here[0]["place__longitude"],
            name=f"{here[0]['place__name']}: {counted(len(here), 'project')}",
            links=[{"name": project["title"], "url": project["url"]} for project in here],
        )
        for here in by_place.values()
    ]


@require_GET
def project_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    round = _round(slug)
    project = get_object_or_404(Project.objects.select_related("place", "organisation"), round=round, pk=pk)
    require_visible(request.user, "budgeting.see_project", project, "No such project.")
    can_edit = request.user.has_perm("budgeting.edit_project", project)
    # Its delivery once it is funded: shown to the public when the round's results are, to its staff before.
    is_staff = request.user.has_perm("budgeting.run_round", round)
    deliveries = Delivery.objects.all() if is_staff else Delivery.objects.public()
    delivery = deliveries.filter(project=project).prefetch_related("updates", *delivery_prefetches()).first()
    return render(
        request,
        "budgeting/project_detail.html",
        {"round": round, "project": project, "can_edit": can_edit, "delivery": delivery},
    )


@require_GET
def delivery_photo(request: HttpRequest, slug: str, pk: int, update: int) -> FileResponse:
    """A photo from a funded project's progress report, seen wherever the project's delivery is."""
    found = (
        DeliveryUpdate.objects.exclude(photo="")
        .select_related("delivery__project__round")
        .filter(delivery__project__round__slug=slug, delivery__project_id=pk, pk=update)
        .first()
    )
    if found is None or not (
        Delivery.objects.public().filter(pk=found.delivery_id).exists()
        or request.user.has_perm("budgeting.run_round", found.delivery.project.round)
    ):
        raise Http404("No such photo.")
    return inline_image(found.photo, "The photo is missing.")


@require_GET
def project_image(request: HttpRequest, slug: str, pk: int) -> FileResponse:
    project = get_object_or_404(Project, round__slug=slug, pk=pk)
    if not project.image or not request.user.has_perm("budgeting.see_project", project):
        raise Http404("No picture.")
    return inline_image(project.image)


@login_required
@ratelimit(group="budgeting.propose", key="user_or_ip", rate="10/m", method="POST", block=True)
def project_propose_view(request: HttpRequest, slug: str) -> HttpResponse:
    round = _round(slug)
    if not request.user.has_perm("budgeting.propose_project", round):
        messages.error(request, proposal_refusal(request.user, round))
        return redirect(round)
    form = ProjectForm(request.POST or None, request.FILES or None, round=round, user=request.user)
    if request.method == "POST" and form.is_valid():
        project = project_propose(round=round, by=request.user, **form.cleaned_data)
        messages.success(request, "Your project has been sent. The council will check it against the rules.")
        return redirect(project)
    return render(request, "budgeting/project_form.html", {"round": round, "form": form, "editing": False})


@login_required
@ratelimit(group="budgeting.edit", key="user_or_ip", rate="20/m", method="POST", block=True)
def project_edit_view(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    round = _round(slug)
    project = get_object_or_404(Project, round=round, pk=pk)
    require_visible(request.user, "budgeting.see_project", project, "There is no project here.")
    if not request.user.has_perm("budgeting.edit_project", project):
        raise PermissionDenied(edit_refusal(request.user, project))
    form = ProjectForm(request.POST or None, request.FILES or None, instance=project, round=round, user=request.user)
    if request.method == "POST" and form.is_valid():
        changed = {name: form.cleaned_data[name] for name in form.changed_data}
        project.refresh_from_db()
        project_update(project=project, by=request.user, **changed)
        messages.success(request, "Your changes have been saved.")
        return redirect(project)
    return render(request, "budgeting/project_form.html", {"round": round, "form": form, "editing": True})


@login_required
@ratelimit(group="budgeting.vote", key="user_or_ip", rate="20/m", method="POST", block=True)
def vote(request: HttpRequest, slug: str) -> HttpResponse:
    round = _round(slug)
    if not request.user.has_perm("budgeting.vote_in_round", round):
        refusal = voting_refusal(request.user, round)
        return render(request, "budgeting/vote_refused.html", {"round": round, "refusal": refusal}, status=403)
    if request.method == "POST":
        form = BallotForm(request.POST, round=round)
        if form.is_valid():
            try:
                ballot_cast(round=round, user=request.user, project_ids=[p.pk for p in form.cleaned_data["projects"]])
            except ValidationError as exc:
                form.add_error("projects", exc)
            else:
                return redirect("budgeting:vote_done", slug=round.slug)
    else:
        form = BallotForm(initial={"projects": ballot_of(round, request.user)}, round=round)
    chosen = getattr(form, "cleaned_data", {}).get("projects")
    total = sum((p.cost for p in chosen), Decimal("0")) if chosen else None
    return render(request, "budgeting/vote.html", {"round": round, "form": form, "total": total})


@login_required
@require_GET
def vote_done(request: HttpRequest, slug: str) -> HttpResponse:
    """The person's own vote, as recorded: only ever their own ballot, found by their keyed hash."""
    round = _round(slug)
    chosen = list(
        round.projects.filter(pk__in=ballot_of(round, request.user), status=Project.Status.ACCEPTED).order_by("title")
    )
    if not chosen:
        return redirect("budgeting:vote", slug=round.slug)
    total = sum((p.cost for p in chosen), Decimal("0"))
    return render(
        request,
        "budgeting/vote_done.html",
        {
            "round": round,
            "chosen": chosen,
            "total": total,
            "left": round.pot - total,
            "can_change": request.user.has_perm("budgeting.vote_in_round", round),
        },
    )


@require_http_methods(["GET", "POST"])
@ratelimit(group="budgeting.vote_code", key="ip", rate="10/m", method="POST", block=True)
@ratelimit(group="budgeting.vote_code_hour", key="ip", rate="60/h", method="POST", block=True)
def vote_with_code(request: HttpRequest, slug: str) -> HttpResponse:
    """A vote with the one-time code from a card, without an account; guessing codes is rate limited."""
    round = _round(slug)
    if round.stage() != Round.Stage.VOTING:
        refusal = "Voting is not open for this round."
        return render(request, "budgeting/vote_refused.html", {"round": round, "refusal": refusal}, status=403)
    form = CodeBallotForm(request.POST or None, round=round)
    if request.method == "POST" and form.is_valid():
        try:
            ballot_cast_with_code(
                round=round, code=form.cleaned_data["code"], project_ids=[p.pk for p in form.cleaned_data["projects"]]
            )
        except CodeRefusedError as refusal:
            form.add_error("code", refusal)
        except ValidationError as exc:
            form.add_error("projects", exc)
        else:
            return redirect("budgeting:vote_code_done", slug=round.slug)
    chosen = getattr(form, "cleaned_data", {}).get("projects")
    total = sum((p.cost for p in chosen), Decimal("0")) if chosen else None
    return form_page(request, "budgeting/vote.html", {"round": round, "form": form, "total": total, "with_code": True})


@require_GET
def vote_code_done(request: HttpRequest, slug: str) -> HttpResponse:
    return render(request, "budgeting/vote_done.html", {"round": _round(slug), "with_code": True})


@require_GET
def results(request: HttpRequest, slug: str) -> HttpResponse:
    round = _round(slug)
    if not round.results_published_at:
        raise Http404("The results are not published yet.")
    rows = round.results["projects"]
    chart = bar_chart(
        [(row["title"], Decimal(row["votes"]), "") for row in rows],
        value_text=lambda votes: counted(votes, "vote"),
        highlighted=lambda index: rows[index]["funded"],
    )
    return render(
        request,
        "budgeting/results.html",
        {
            "round": round,
            "rows": rows,
            "chart": chart,
            "spent": Decimal(round.results["spent"]),
        },
    )
