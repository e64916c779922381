"""Subscribe to consultations: an Atom feed of new ones, and a calendar of closing dates and meetings."""

from datetime import timedelta

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from consultations.models import Consultation, Meeting
from localism.feeds import ListFeed
from localism.ical import CalendarEvent, calendar_response, meeting_event
from localism.links import absolute_url


class ConsultationFeed(ListFeed):
    name = "Consultations"
    subtitle = "New consultations and co-production on the services the council commissions."
    list_url_name = "consultations:list"

    def latest(self):
        return Consultation.objects.published().order_by("-published_at")

    def item_description(self, item: Consultation) -> str:
        return item.summary

    def item_pubdate(self, item: Consultation):
        return item.published_at

    def item_updateddate(self, item: Consultation):
        return item.updated_at


def calendar(request: HttpRequest) -> HttpResponse:
    """Closing dates of open and upcoming consultations, and published co-production meetings."""
    since = timezone.now() - timedelta(days=1)
    consultations = Consultation.objects.published().filter(closes_at__gte=since).order_by("closes_at")
    meetings = Meeting.objects.public().select_related("team__consultation").order_by("-starts_at")[:200]
    events = [
        CalendarEvent(
            uid=f"consultation-closes-{c.pk}",
            starts_at=c.closes_at,
            summary=f"Consultation closes: {c.title}",
            description=c.summary,
            url=absolute_url(c.get_absolute_url()),
        )
        for c in consultations[:200]
    ] + [
        meeting_event(
            f"coproduction-meeting-{m.pk}", m, f"Co-production meeting: {m.title}", m.team.consultation.title
        )
        for m in meetings
    ]
    return calendar_response("consultations.ics", f"Consultations: {settings.SITE_NAME}", events)
