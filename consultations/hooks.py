"""What consultations add to the shared pages and services (imported once at start-up; see localism.registry)."""

from accounts.privacy import register_privacy_module
from accounts.rules import permission
from consultations import downloads, population, privacy, rules, sections
from consultations.models import Consultation, Meeting, OutcomeAction
from discussions.registry import register_discussable
from events.registry import EventHost, register_event_host
from localism.audit import register_actions
from localism.dates import date_and_time
from localism.exports import register_download
from localism.imports import register_importer
from localism.search import register_search
from localism.sections import Section, register_home_section, register_place_section
from localism.sitemaps import register_sitemap
from notifications.registry import register_followable
from participation_codes.registry import register_code_target
from transparency.delivery import register_delivering

register_home_section(Section("consultations", "consultations/partials/_home_section.html", sections.home_context, 10))
register_place_section(
    Section("consultations", "consultations/partials/_place_section.html", sections.place_context, 10)
)

register_search("consultations", "Consultations", sections.search_consultations, order=30)
register_search("outcomes", "Outcomes: we asked, you said, we did", sections.search_outcomes, order=35)
register_sitemap("consultations", sections.sitemap())

register_actions(
    {
        "consultations.consultation.published": "Consultation published",
        "consultations.consultation.unpublished": "Consultation taken back to draft",
        "consultations.response.entered_offline": "Offline response entered",
        "consultations.team_application.accepted": "Application to a co-production team accepted",
        "consultations.team_application.declined": "Application to a co-production team declined",
        "consultations.outcome.created": "Outcome started (we asked, you said, we did)",
        "consultations.outcome.published": "Outcome published (we asked, you said, we did)",
        "consultations.outcome_action.updated": "Outcome action status changed",
        "consultations.districtpopulation.saved": "Population make-up of a district saved",
        "consultations.districtpopulation.deleted": "Population make-up of a district deleted",
        "consultations.population.imported": "Population make-up of districts imported",
        "consultations.population.import_failed": "Population make-up import refused (nothing imported)",
    }
)

register_privacy_module("consultations", privacy)

register_followable(Consultation, "consultation", can_see=permission("consultations.see_consultation"))
register_discussable("consultation", Consultation, sections.consultation_discussion)

register_download("consultations.list", downloads.CONSULTATIONS)
register_importer(population.POPULATION)

# Sign-up to co-production meetings, and to drop-in sessions of a consultation (events).
# The team's leads organise the sign-ups to its meetings, with the council's staff.
register_event_host(
    EventHost(
        "meeting",
        Meeting,
        Meeting.objects.public,
        lambda meeting: meeting.team.consultation.council,
        organised_by=rules.leads_the_meetings_team,
        choosable=lambda: Meeting.objects.upcoming().select_related("team__consultation").order_by("starts_at"),
        label=lambda meeting: f"{meeting.title}, {date_and_time(meeting.starts_at)} ({meeting.team.consultation})",
    )
)
register_event_host(
    EventHost(
        "drop_in",
        Consultation,
        Consultation.objects.published,
        lambda consultation: consultation.council,
        choosable=lambda: Consultation.objects.still_to_close().order_by("title"),
    )
)
register_code_target(
    "consultation",
    Consultation,
    "consultations.run_consultation",
    "consultations:respond_code",
    allows="one survey response",
)

# A payment, contract or decision on the transparency pages names the outcome action it delivered.
register_delivering(
    OutcomeAction, public=lambda: OutcomeAction.objects.public().select_related("outcome__consultation"), order=10
)
