"""What events add to the shared pages and services (imported once at start-up; see localism.registry)."""

from accounts.privacy import register_privacy_module
from events import privacy, sitemaps
from events.registry import EventHost, register_event_host
from localism.audit import register_actions
from localism.models import Surgery
from localism.sitemaps import register_sitemap

register_actions(
    {
        "events.event.added": "Event with sign-up added",
        "events.event.changed": "Event with sign-up changed",
        "events.event.deleted": "Event with sign-up deleted",
        "events.registration.cancelled_by_organiser": "A place at an event cancelled by its organisers",
    }
)

register_privacy_module("events", privacy)

register_sitemap("event-list", sitemaps.EventListSitemap)
register_sitemap("events", sitemaps.EventSitemap)

# Councillors' surgeries belong to localism, which every app depends on, so their sign-up is registered here;
# a councillor with an account on the portal organises their own surgeries.
register_event_host(
    EventHost(
        "surgery",
        Surgery,
        Surgery.objects.all,
        lambda surgery: surgery.councillor.council,
        organised_by=lambda user, surgery: surgery.councillor.user_id == user.pk,
        choosable=lambda: Surgery.objects.upcoming().select_related("councillor"),
    )
)
