"""The list of partnerships, each partnership's page (members, make-up, priorities with what serves them,
meetings, action log), a meeting's page with its papers, and a calendar of meetings. Staff keep them in
the admin."""

from __future__ import annotations

from django.conf import settings
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from accounts.rules import require_visible
from localism.ical import calendar_response, meeting_event
from localism.uploads import file_download
from partnerships import selectors
from partnerships.models import Meeting, MeetingPaper, Partnership


def _partnership(request: HttpRequest, slug: str) -> Partnership:
    partnership = get_object_or_404(Partnership.objects.select_related("council"), slug=slug)
    require_visible(request.user, "partnerships.see_partnership", partnership, "No such partnership")
    return partnership


def listed_partnerships():
    """The partnerships the public list and its downloads show, in their order."""
    return Partnership.objects.published().order_by("name", "pk")


@require_GET
def partnership_list(request: HttpRequest) -> HttpResponse:
    partnerships = list(listed_partnerships().select_related("council").prefetch_related("places"))
    return render(request, "partnerships/partnership_list.html", {"partnerships": partnerships})


@require_GET
def partnership_detail(request: HttpRequest, slug: str) -> HttpResponse:
    partnership = _partnership(request, slug)
    return render(request, "partnerships/partnership_detail.html", selectors.partnership_page(partnership))


@require_GET
def meeting_detail(request: HttpRequest, slug: str, meeting: int) -> HttpResponse:
    partnership = _partnership(request, slug)
    meeting = get_object_or_404(Meeting, pk=meeting, partnership=partnership)
    meeting.partnership = partnership
    papers, actions = list(meeting.papers.all()), list(meeting.actions.order_by("due_on", "pk"))
    context = {"partnership": partnership, "meeting": meeting, "papers": papers, "actions": actions}
    return render(request, "partnerships/meeting_detail.html", context)


@require_GET
def paper_download(request: HttpRequest, slug: str, meeting: int, pk: int) -> FileResponse:
    partnership = _partnership(request, slug)
    paper = get_object_or_404(MeetingPaper, pk=pk, meeting_id=meeting, meeting__partnership=partnership)
    return file_download(paper.file)


@require_GET
def calendar(request: HttpRequest) -> HttpResponse:
    """The meetings of every published partnership, to subscribe to."""
    meetings = (
        Meeting.objects.filter(partnership__in=Partnership.objects.published())
        .select_related("partnership")
        .order_by("-starts_at")[:200]
    )
    events = [meeting_event(f"partnership-meeting-{m.pk}", m, f"{m.partnership.name}: {m.title}") for m in meetings]
    return calendar_response("partnerships.ics", f"Partnership meetings: {settings.SITE_NAME}", events)
