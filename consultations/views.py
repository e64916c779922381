"""Thin views: parse input, check the named rule, call one service, render or redirect."""

from __future__ import annotations

from functools import partial, wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods
from django_ratelimit.decorators import ratelimit

from accounts.rules import require, require_visible
from consultations import branching, equality, rules, selectors, services
from consultations.filters import ConsultationFilterForm
from consultations.forms import CodeSendForm, EqualityAgeForm, EqualityForm, SurveyForm, TeamApplicationForm
from consultations.models import (
    Consultation,
    Document,
    Meeting,
    Outcome,
    Response,
    ResponseDraft,
    SavedEqualityAnswers,
)
from localism.dates import long_date
from localism.exports import FormFilter, csv_response
from localism.forms import form_page
from localism.pagination import OneQueryPaginator, page_number, query_without_page
from localism.suppression import SUPPRESS_BELOW
from localism.uploads import file_download
from participation_codes.services import CodeRefusedError
from transparency.delivery import delivery_prefetches

PAGE_SIZE = 20


def _consultation_or_404(request: HttpRequest, slug: str, queryset=None) -> Consultation:
    consultation = get_object_or_404(queryset if queryset is not None else Consultation.objects.all(), slug=slug)
    rules.view_consultation_or_404(request.user, consultation)
    return consultation


def consultation_filter(request: HttpRequest) -> FormFilter:
    """The published consultations, filtered as the list page and its downloads read the request (the status
    is annotated: neither reads the outcome; the downloads read the topics); all of them when a filter is wrong."""
    form = ConsultationFilterForm(request.GET or None)
    consultations = Consultation.objects.published().with_status().order_by("closes_at", "id")
    return FormFilter(form, form.filter(consultations) if not form.is_bound or form.is_valid() else consultations)


@require_GET
def consultation_list(request: HttpRequest) -> HttpResponse:
    """Open, upcoming, closed and decided consultations, filtered by status, topic, area and words."""
    export = request.GET.get("format")
    if export in ("csv", "json"):
        # The address the download had before it was served by the one download view.
        query = request.GET.copy()
        query.pop("format")
        address = reverse("consultations:list_download", kwargs={"fmt": export})
        return redirect(f"{address}?{query.urlencode()}" if query else address, permanent=True)
    filters = consultation_filter(request)
    page = OneQueryPaginator(filters.qs.for_cards(), PAGE_SIZE).get_page(page_number(request))
    return render(
        request,
        "consultations/consultation_list.html",
        {
            "filter": filters,
            "page": page,
            "query": query_without_page(request),
            "showing_default": not filters.form.is_bound,
        },
    )


@require_GET
def consultation_detail(request: HttpRequest, slug: str) -> HttpResponse:
    consultation = _consultation_or_404(request, slug, selectors.consultation_page_queryset())
    today = timezone.localdate()
    team = getattr(consultation, "team", None)
    members = list(team.members.only("name", "organisation_name", "kind", "role", "brings", "team_id")) if team else []
    own_response = own_draft = None
    if request.user.is_authenticated:
        own_response = Response.objects.filter(consultation=consultation, respondent=request.user).first()
        own_draft = ResponseDraft.objects.filter(consultation=consultation, respondent=request.user).first()
    lists = selectors.consultation_page_lists(consultation)
    return render(
        request,
        "consultations/consultation_detail.html",
        {
            "consultation": consultation,
            "status": consultation.status,
            "places": lists["places"],
            "topics": lists["topics"],
            "documents": lists["documents"],
            "stages": [(stage, stage.is_current_on(today)) for stage in lists["stages"]],
            "team": team,
            "members": members,
            "meetings": selectors.published_meetings(consultation),
            "own_response": own_response,
            "own_draft": own_draft if consultation.is_open else None,
            "refusal": rules.response_refusal(request.user, consultation),
            "can_see_results": request.user.has_perm("consultations.see_consultation_results", consultation),
            "can_apply": request.user.has_perm("consultations.apply_to_team", consultation),
            "outcome": consultation.outcome if consultation.has_published_outcome else None,
        },
    )


@require_GET
def document_download(request: HttpRequest, slug: str, pk: int) -> FileResponse:
    consultation = _consultation_or_404(request, slug)
    document = get_object_or_404(Document, consultation=consultation, pk=pk)
    return file_download(document.file, "The file for this document is missing.")


def _page_url(consultation: Consultation, step: branching.Step) -> str:
    return reverse("consultations:respond_page", kwargs={"slug": consultation.slug, "step": step.number})


def _code_page_url(consultation: Consultation, step: branching.Step) -> str:
    return reverse("consultations:respond_code_page", kwargs={"slug": consultation.slug, "step": step.number})


def _survey_page(
    request: HttpRequest, consultation, survey, progress, form, current, *, with_code=False
) -> HttpResponse:
    """One page of the survey, signed in or with a code (with a code the answers are sent from the check after
    the pages, so none of its pages is the last); sent back with its errors, it answers 400."""
    previous = survey.previous_step(current, progress.answers)
    page_url = _code_page_url if with_code else _page_url
    return form_page(
        request,
        "consultations/respond.html",
        {
            "consultation": consultation,
            "form": form,
            "existing": progress.existing,
            "step": current,
            "branches": survey.branches,
            "back_url": page_url(consultation, previous) if previous else None,
            "with_code": with_code,
            "is_last": not with_code and not survey.may_follow(current, progress.answers),
        },
    )


def _unfinished(survey: branching.Survey, progress: selectors.Progress) -> branching.Step | None:
    """The first page on the person's way through the survey that they have not finished (None when all are)."""
    return next((s for s in survey.path(progress.answers) if s.key not in progress.done), None)


def _out_of_order(
    request: HttpRequest,
    consultation: Consultation,
    survey: branching.Survey,
    progress: selectors.Progress,
    current: branching.Step | None,
    resume_url: str,
) -> HttpResponse | None:
    """A page that is not the person's to answer now (skipped by the branching, or after a page they have not
    finished; None: the answers so far come to the end): a GET goes to their next page, a POST is refused with
    nothing stored. None when the page is theirs to answer."""
    path = survey.path(progress.answers)
    if current in path and all(s.key in progress.done for s in path if s.number < current.number):
        return None
    if request.method == "GET":
        return redirect(resume_url)
    return render(
        request,
        "consultations/respond_refused.html",
        {
            "consultation": consultation,
            "heading": "This page is not the next one in your survey",
            "refusal": "Nothing was saved. Your answers to earlier pages decide which page comes next.",
            "resume_url": resume_url,
        },
        status=400,
    )


def _page_form(request: HttpRequest, survey: branching.Survey, progress, current, **kwargs) -> SurveyForm:
    """The questions the branching asks on this page, given the answers so far (posted ones bound)."""
    return SurveyForm(
        request.POST if request.method == "POST" else None,
        questions=survey.asked_on(current, progress.answers),
        initial_answers=progress.answers,
        first_number=survey.first_number(current, progress.answers),
        survey_questions=survey.by_id,
        **kwargs,
    )


def _answers_after(survey: branching.Survey, progress, form: SurveyForm):
    """All the answers with this page's, and those of them that the branching now asks (what is kept)."""
    answers = {**progress.answers, **form.answers()}
    kept = {q.pk: answers[q.pk] for q in survey.asked(answers) if q.pk in answers}
    return answers, kept


@require_http_methods(["GET", "POST"])
@ratelimit(group="consultations-respond", key="user_or_ip", rate="10/m", method="POST", block=True)
@ratelimit(group="consultations-respond-address", key="ip", rate="60/m", method="POST", block=True)
def respond(request: HttpRequest, slug: str, step: int | None = None) -> HttpResponse:
    """The survey, page by page as its branching asks: answer, save to come back, or change your answers until it
    closes. The address without a page number resumes where the person left off."""
    consultation = _consultation_or_404(request, slug)
    if not request.user.has_perm("consultations.respond_to_consultation", consultation):
        if not request.user.is_authenticated and consultation.is_open:
            return redirect(f"{reverse('account_login')}?next={request.path}")
        return _refused(request, consultation)
    survey = branching.Survey.of(consultation)
    progress = selectors.survey_progress(consultation, request.user, survey)
    resume = _unfinished(survey, progress) or survey.path(progress.answers)[0]
    if step is None:
        if request.method == "GET" and progress.draft is not None and resume.number > 1:
            return redirect(_page_url(consultation, resume))
        step = 1
    current = survey.step(step)
    if current is None:
        raise Http404("The survey has no such page.")
    refused = _out_of_order(request, consultation, survey, progress, current, _page_url(consultation, resume))
    if refused is not None:
        return refused
    saving = request.POST.get("action") == "save"
    form = _page_form(request, survey, progress, current, required_later=saving)
    if request.method == "POST" and form.is_valid():
        answers, kept = _answers_after(survey, progress, form)
        following = survey.next_step(current, answers)
        try:
            if saving or following is not None:
                done = progress.done - {current.key} if saving else progress.done | {current.key}
                services.draft_save(
                    consultation=consultation,
                    respondent=request.user,
                    answers=kept,
                    pages_done=[s.key for s in survey.path(answers) if s.key in done],
                )
            else:
                _, created = services.response_submit(consultation=consultation, respondent=request.user, answers=kept)
        except services.ConsultationError as error:
            form.add_error(None, str(error))
        else:
            if saving:
                closes = long_date(consultation.closes_at)
                messages.success(
                    request, f"Your answers are saved. Come back to finish your response before {closes}."
                )
                return redirect(consultation)
            if following is not None:
                return redirect(_page_url(consultation, following))
            request.session[f"responded-{consultation.pk}"] = "new" if created else "changed"
            return redirect("consultations:respond_done", slug=consultation.slug)
    return _survey_page(request, consultation, survey, progress, form, current)


def equality_offer(request: HttpRequest, consultation: Consultation, *, may_give: bool, url: str) -> dict:
    """What a page after taking part offers about the equality questions (consultations/partials/_equality_offer):
    nothing once asked; else answer them, skip them, or use the answers the person saved in their profile."""
    if not may_give:
        return {"equality_offer": None}
    has_saved = SavedEqualityAnswers.objects.filter(person=request.user).exists()
    return {"equality_offer": {"url": url, "has_saved": has_saved}}


@login_required
@require_GET
def respond_done(request: HttpRequest, slug: str) -> HttpResponse:
    consultation = _consultation_or_404(request, slug)
    response = get_object_or_404(Response, consultation=consultation, respondent=request.user)
    may_give = request.user.has_perm("consultations.give_equality_response", response)
    return render(
        request,
        "consultations/respond_done.html",
        {
            "consultation": consultation,
            "response": response,
            "changed": request.session.get(f"responded-{consultation.pk}") == "changed",
            **equality_offer(
                request,
                consultation,
                may_give=may_give,
                url=reverse("consultations:equality", kwargs={"slug": consultation.slug}),
            ),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
@ratelimit(group="consultations-equality", key="user_or_ip", rate="10/m", method="POST", block=True)
def equality_monitoring(request: HttpRequest, slug: str) -> HttpResponse:
    """Optional equality monitoring, stored apart from the response; two steps so age decides what is asked."""
    consultation = _consultation_or_404(request, slug)
    response = (
        Response.objects.filter(consultation=consultation, respondent=request.user)
        .select_related("consultation")
        .first()
    )
    if not request.user.has_perm("consultations.give_equality_response", response):
        messages.info(request, "You have already answered the equality questions, or cannot answer them now.")
        return redirect(consultation)
    return equality_questions(request, consultation, done=consultation.get_absolute_url())


# What a person chose on the page after taking part (consultations/partials/_equality_offer.html).
EQUALITY_CHOICES = {
    "saved": (services.equality_monitoring_reuse, "Thank you: your saved equality answers were used."),
    "skip": (services.equality_monitoring_skip, "You skipped the equality questions. We will not ask again."),
}


def equality_questions(
    request: HttpRequest, consultation: Consultation | None, *, done: str, record=None, initial: dict | None = None
) -> HttpResponse:
    """The equality questions in two steps (age decides what is asked), for whoever took part in the consultation
    (its survey, or its budget simulator), who may also use their saved answers or skip them; or, with no
    consultation, for the answers a person keeps in their profile (`record(values)` stores them)."""
    if consultation is not None:
        choice = EQUALITY_CHOICES.get(request.POST.get("choice", "")) if request.method == "POST" else None
        if choice is not None:
            service, thanks = choice
            try:
                service(consultation=consultation, person=request.user)
            except services.ConsultationError as error:
                messages.info(request, str(error))
            else:
                messages.success(request, thanks)
            return redirect(done)

    store = record or partial(services.equality_monitoring_record, consultation=consultation, person=request.user)
    initial = initial or {}
    context = {"consultation": consultation, "for_profile": consultation is None}
    age_band = request.POST.get("age_band") if request.method == "POST" else request.GET.get("age_band")
    if age_band is None:
        form = EqualityAgeForm(initial={"age_band": initial.get("age_band", "")})
        return render(request, "consultations/equality_age.html", {**context, "form": form})
    age_form = EqualityAgeForm({"age_band": age_band})
    if not age_form.is_valid():
        return render(request, "consultations/equality_age.html", {**context, "form": age_form}, status=400)
    form = EqualityForm(
        request.POST if request.method == "POST" else None,
        age_band=age_form.cleaned_data["age_band"],
        initial=initial,
    )
    if request.method == "POST" and form.is_valid():
        try:
            store(values=form.values())
        except (services.ConsultationError, ValidationError) as error:
            messages.info(request, error.messages[0] if isinstance(error, ValidationError) else str(error))
        else:
            messages.success(
                request,
                "Your equality answers are saved in your profile."
                if consultation is None
                else "Thank you for answering the equality questions.",
            )
        return redirect(done)
    return form_page(request, "consultations/equality_form.html", {**context, "form": form, "age_band": form.age_band})


@login_required
@require_http_methods(["GET", "POST"])
@ratelimit(group="consultations-equality-answers", key="user_or_ip", rate="10/m", method="POST", block=True)
def equality_answers(request: HttpRequest) -> HttpResponse:
    """The equality answers a person may keep in their profile, to reuse in each consultation: see, give, change
    or delete them. Only ever the person's own, so nothing to check beyond signing in."""
    saved = SavedEqualityAnswers.objects.filter(person=request.user).first()
    here = reverse("consultations:equality_answers")
    if request.method == "POST" and request.POST.get("action") == "delete":
        services.saved_equality_answers_delete(person=request.user)
        messages.success(request, "Your saved equality answers are deleted.")
        return redirect(here)
    if request.method == "GET" and "age_band" not in request.GET and "change" not in request.GET:
        return render(
            request,
            "consultations/equality_answers.html",
            {"saved": saved, "shown": equality.answers_shown(saved.answers()) if saved else []},
        )
    return equality_questions(
        request,
        None,
        done=here,
        record=partial(services.saved_equality_answers_save, person=request.user),
        initial=saved.answers() if saved else None,
    )


@require_GET
def results(request: HttpRequest, slug: str) -> HttpResponse:
    consultation = _consultation_or_404(request, slug)
    if not request.user.has_perm("consultations.see_consultation_results", consultation):
        return render(request, "consultations/results_not_yet.html", {"consultation": consultation}, status=200)
    return render(
        request,
        "consultations/results.html",
        {
            "consultation": consultation,
            "results": selectors.results(consultation),
            "can_export": request.user.has_perm("consultations.export_response", consultation),
        },
    )


@require_GET
def responses_csv(request: HttpRequest, slug: str):
    consultation = _consultation_or_404(request, slug)
    require(request.user, "consultations.export_response", consultation, "Only council staff can download responses.")
    return csv_response(f"{consultation.slug}-responses.csv", *_split(selectors.response_rows(consultation)))


def _split(rows):
    header = next(rows)
    return header, rows


@require_GET
def equality_report(request: HttpRequest, slug: str) -> HttpResponse:
    consultation = _consultation_or_404(request, slug)
    require(
        request.user, "consultations.export_response", consultation, "Only council staff can see the equality report."
    )
    total, tables = selectors.equality_report(consultation)
    comparison = selectors.equality_comparison(consultation, tables)
    if request.GET.get("format") == "csv":
        return csv_response(f"{consultation.slug}-equality.csv", EQUALITY_CSV_HEADER, _equality_rows(comparison))
    return render(
        request,
        "consultations/equality_report.html",
        {"consultation": consultation, "total": total, "comparison": comparison, "suppress_below": SUPPRESS_BELOW},
    )


EQUALITY_CSV_HEADER = [
    "question",
    "answer",
    "people",
    "share of respondents (%)",
    "share of the area's population (%)",
    "under-represented",
]


def _equality_rows(comparison: selectors.Comparison):
    def percent(value: float | None) -> str:
        return "" if value is None else f"{value:.1f}"

    for compared in comparison.tables:
        for row, found in compared.lines:
            yield (
                compared.table.question,
                row.label,
                row.shown,
                percent(found.respondents_percent if found else None),
                percent(found.population_percent if found else None),
                "yes" if found is not None and found.is_under_represented else "",
            )


@require_GET
def outcome(request: HttpRequest, slug: str) -> HttpResponse:
    consultation = _consultation_or_404(request, slug, Consultation.objects.select_related("outcome", "council"))
    if not consultation.has_published_outcome and not request.user.has_perm(
        "consultations.export_response", consultation
    ):
        raise Http404("The outcome is not published yet.")
    try:
        found = consultation.outcome
    except Outcome.DoesNotExist:  # staff preview a consultation whose outcome is not started
        raise Http404("There is no outcome for this consultation yet.") from None
    return render(
        request,
        "consultations/outcome.html",
        {
            "consultation": consultation,
            "outcome": found,
            "themes": list(found.themes.all()),
            "actions": list(found.actions.prefetch_related(*delivery_prefetches())),
            "results": selectors.results(consultation),
        },
    )


@require_GET
def meeting_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    consultation = _consultation_or_404(request, slug)
    meeting = get_object_or_404(
        Meeting.objects.prefetch_related("papers", "decisions"), team__consultation=consultation, pk=pk
    )
    require_visible(request.user, "consultations.see_meeting", meeting, "This meeting is not published.")
    return render(request, "consultations/meeting_detail.html", {"consultation": consultation, "meeting": meeting})


@require_GET
def meeting_paper(request: HttpRequest, slug: str, pk: int, paper: int) -> FileResponse:
    consultation = _consultation_or_404(request, slug)
    meeting = get_object_or_404(Meeting, team__consultation=consultation, pk=pk)
    require_visible(request.user, "consultations.see_meeting", meeting, "This meeting is not published.")
    found = get_object_or_404(meeting.papers, pk=paper)
    return file_download(found.file, "The file for this paper is missing.")


@login_required
@require_http_methods(["GET", "POST"])
@ratelimit(group="consultations-team-apply", key="user_or_ip", rate="5/m", method="POST", block=True)
@ratelimit(group="consultations-team-apply-address", key="ip", rate="20/m", method="POST", block=True)
def team_apply(request: HttpRequest, slug: str) -> HttpResponse:
    consultation = _consultation_or_404(request, slug, Consultation.objects.select_related("team"))
    require(
        request.user,
        "consultations.apply_to_team",
        consultation,
        "This team is not taking applications, or you need to confirm your email address first.",
    )
    form = TeamApplicationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.team_application_submit(
                team=consultation.team,
                applicant=request.user,
                why=form.cleaned_data["why"],
                brings=form.cleaned_data["brings"],
                access_needs=form.cleaned_data["access_needs"],
                organisation_name=form.cleaned_data["organisation_name"],
            )
        except services.ConsultationError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, "Thank you for applying. Staff will tell you their decision by email.")
            return redirect(f"{consultation.get_absolute_url()}#team")
    return form_page(request, "consultations/team_apply.html", {"consultation": consultation, "form": form})


CODE_PROGRESS = "code-response-{}"


def _code_progress(request: HttpRequest, consultation: Consultation) -> selectors.Progress:
    """The answers so far of a response with a code: kept in the person's session, on the server, until they are
    sent (nothing is stored with the consultation before the code is used)."""
    kept = request.session.get(CODE_PROGRESS.format(consultation.pk)) or {}
    return selectors.Progress(
        services.answers_from_stored(kept.get("answers", {})), set(kept.get("done", [])), None, None
    )


def _refused(request: HttpRequest, consultation: Consultation) -> HttpResponse:
    """The page saying why the person cannot respond now, online or with a code (a POST is refused with 403)."""
    return render(
        request,
        "consultations/respond_refused.html",
        {"consultation": consultation, "refusal": rules.response_refusal(request.user, consultation)},
        status=403 if request.method == "POST" else 200,
    )


def _code_refusal(request: HttpRequest, consultation: Consultation) -> HttpResponse | None:
    if consultation.is_open:
        return None
    return _refused(request, consultation)


def _answering_with_code(view):
    """A step of answering with a code, refused while the consultation is not open; the view is given the
    consultation, its survey, the answers kept so far and the first page not finished (None when all are)."""

    @wraps(view)
    def answering(request: HttpRequest, slug: str, **kwargs) -> HttpResponse:
        consultation = _consultation_or_404(request, slug)
        refused = _code_refusal(request, consultation)
        if refused is not None:
            return refused
        survey = branching.Survey.of(consultation)
        progress = _code_progress(request, consultation)
        return view(request, consultation, survey, progress, _unfinished(survey, progress), **kwargs)

    return answering


@require_http_methods(["GET", "POST"])
@ratelimit(group="consultations-respond-code-pages", key="ip", rate="60/m", method="POST", block=True)
@_answering_with_code
def respond_with_code(
    request: HttpRequest, consultation: Consultation, survey, progress, resume, step: int | None = None
) -> HttpResponse:
    """The survey answered with the one-time code from a card, without an account: page by page as its branching
    asks, as online; the code is typed once every page is answered (`respond_code_send`). The address without a
    page number resumes where the person left off."""
    resume_url = (
        _code_page_url(consultation, resume)
        if resume is not None
        else reverse("consultations:respond_code_send", kwargs={"slug": consultation.slug})
    )
    if step is None:
        if request.method == "GET" and progress.done:
            return redirect(resume_url)
        step = 1
    current = survey.step(step)
    if current is None:
        raise Http404("The survey has no such page.")
    refused = _out_of_order(request, consultation, survey, progress, current, resume_url)
    if refused is not None:
        return refused
    form = _page_form(request, survey, progress, current)
    if request.method == "POST" and form.is_valid():
        answers, kept = _answers_after(survey, progress, form)
        done = progress.done | {current.key}
        request.session[CODE_PROGRESS.format(consultation.pk)] = {
            "answers": services.answers_stored(kept),
            "done": [s.key for s in survey.path(answers) if s.key in done],
        }
        following = survey.next_step(current, answers)
        if following is not None:
            return redirect(_code_page_url(consultation, following))
        return redirect("consultations:respond_code_send", slug=consultation.slug)
    return _survey_page(request, consultation, survey, progress, form, current, with_code=True)


@require_http_methods(["GET", "POST"])
@ratelimit(group="consultations-respond-code", key="ip", rate="10/m", method="POST", block=True)
@ratelimit(group="consultations-respond-code-hour", key="ip", rate="60/h", method="POST", block=True)
@_answering_with_code
def respond_code_send(request: HttpRequest, consultation: Consultation, survey, progress, resume) -> HttpResponse:
    """Check the answers and send them with the code: the one place a code is used, once every page the branching
    asks is answered; guessing is rate limited."""
    if resume is not None:
        refused = _out_of_order(request, consultation, survey, progress, None, _code_page_url(consultation, resume))
        if refused is not None:
            return refused
    form = CodeSendForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.response_submit_with_code(
                consultation=consultation, code=form.cleaned_data["code"], answers=progress.answers
            )
        except CodeRefusedError as refusal:
            form.add_error("code", refusal)
        except services.ConsultationError as error:
            form.add_error(None, str(error))
        else:
            request.session.pop(CODE_PROGRESS.format(consultation.pk), None)
            return redirect("consultations:respond_code_done", slug=consultation.slug)
    path = survey.walk(progress.answers)
    rows = []
    for step, questions in path:
        for question in questions:
            answer = progress.answers.get(question.pk)
            rows.append((step, question, question.answer_in_words(answer.text, answer.choices) if answer else ""))
    return form_page(
        request,
        "consultations/respond_code_send.html",
        {
            "consultation": consultation,
            "form": form,
            "rows": rows,
            "branches": survey.branches,
            "back_url": _code_page_url(consultation, path[-1][0]),
        },
    )


@require_GET
def respond_code_done(request: HttpRequest, slug: str) -> HttpResponse:
    return render(
        request, "consultations/respond_code_done.html", {"consultation": _consultation_or_404(request, slug)}
    )
