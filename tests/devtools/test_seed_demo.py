"""`seed_demo`: the demo content `make run` loads into an empty database, and that it feels lived in."""

import io
import re

import pytest
from django.core.management import CommandError, call_command
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from accounts.models import User
from asset_transfers.models import TransferApplication
from budgeting.models import Project, Round
from consultations.models import Consultation
from directory.models import Listing, ProblemReport
from discussions.models import Comment, Report
from events.models import Event
from localism.models import Place, PlaceContact, Postcode, Resource
from neighbourhood_plans.models import NeighbourhoodPlan
from neighbourhood_plans.models import Stage as PlanStage
from partnerships.models import Partnership, Sector
from transparency.models import AssetNomination, ChallengeWindow, ExpressionOfInterest

pytestmark = pytest.mark.django_db


def _results(client, postcode: str, miles: int) -> int:
    response = client.get(reverse("directory:search"), {"postcode": postcode, "distance": miles})
    assert response.status_code == 200
    found = re.search(r'id="results-heading">(\d+) results?<', response.content.decode())
    assert found, f"no count of results for {postcode}"
    return int(found[1])


def _nearest_postcode(place: Place) -> str:
    distance = (F("latitude") - place.latitude) ** 2 + (F("longitude") - place.longitude) ** 2
    return Postcode.objects.annotate(d=distance).order_by("d").values_list("postcode", flat=True)[0]


def _contacts_section(html: str) -> str:
    section = html.split("Who to contact</h2>", 1)[1]
    return section.split("<h2", 1)[0]


def test_seed_demo_fills_an_empty_database_that_feels_lived_in(settings, client):
    settings.DEBUG = True
    out = io.StringIO()
    call_command("seed_demo", stdout=out)
    text = out.getvalue()
    assert "staff@example.org" in text and "resident@example.org" in text and "community-demo-2026" in text
    assert User.objects.get(email="staff@example.org").is_staff
    assert Resource.objects.filter(file_type="PDF").count() == 2

    # Hundreds of listings, in every town of every district ...
    published = Listing.objects.published()
    assert published.count() >= 300
    towns = list(Place.objects.filter(kind=Place.Kind.TOWN)) + [Place.objects.get(slug="norwich")]
    assert {town.parent.slug for town in towns if town.parent.kind == Place.Kind.DISTRICT} >= {
        district.slug for district in Place.objects.filter(kind=Place.Kind.DISTRICT).exclude(slug="norwich")
    }
    # ... so that a 5-mile search from the middle of any main town finds several.
    few = {}
    for town in towns:
        postcode = _nearest_postcode(town)
        count = _results(client, postcode, 5)
        if count < 5:
            few[f"{town.name} ({postcode})"] = count
    assert few == {}

    # Every place page has someone to contact, its own where it is a district or a town.
    missing = []
    for place in Place.objects.all():
        section = _contacts_section(client.get(place.get_absolute_url()).content.decode())
        own = [escape(name) for name in PlaceContact.objects.filter(place=place).values_list("name", flat=True)]
        needs_own = place.kind in (Place.Kind.DISTRICT, Place.Kind.TOWN)
        if "mailto:" not in section or (needs_own and not any(name in section for name in own)):
            missing.append(place.slug)
    assert missing == []

    # Each app shows every state: open, closed, decided, hidden, reviewed.
    listings = Listing.objects.filter(edit_of=None)
    assert {Listing.Status.PUBLISHED, Listing.Status.REJECTED} <= set(listings.values_list("status", flat=True))
    assert Listing.objects.filter(status=Listing.Status.PENDING, edit_of__isnull=False).exists()
    assert listings.filter(is_hidden_as_stale=True).exists() and listings.filter(temporarily_closed=True).exists()
    assert set(ProblemReport.objects.values_list("status", flat=True)) == set(ProblemReport.Status.values)
    assert all(
        getattr(Consultation.objects, state)().exists() for state in ("open", "upcoming", "closed", "with_outcome")
    )
    assert Consultation.objects.closed().filter(outcome__isnull=True).exists()  # waiting for its decision
    assert {Comment.Status.PUBLISHED, Comment.Status.HIDDEN} <= set(Comment.objects.values_list("status", flat=True))
    assert Report.objects.filter(resolved_at__isnull=False).exists()
    assert {r.stage() for r in Round.objects.all()} == set(Round.Stage.values)
    assert {Project.Status.SUBMITTED, Project.Status.ACCEPTED, Project.Status.DECLINED} <= set(
        Project.objects.values_list("status", flat=True)
    )
    assert {"submitted", "listed", "not_listed"} <= set(AssetNomination.objects.values_list("status", flat=True))
    windows = [(w.opens_on, w.closes_on) for w in ChallengeWindow.objects.all()]
    assert any(closes < timezone.localdate() for _, closes in windows)
    assert any(opens <= timezone.localdate() <= closes for opens, closes in windows)
    assert ExpressionOfInterest.objects.exclude(status="submitted").exists()
    assert set(TransferApplication.objects.values_list("stage", "outcome")) >= {
        *((stage, "") for stage in ("interest", "business_case", "assessment")),
        ("decision", "approved"),
        ("decision", "refused"),
        ("transfer", "approved"),
    }
    assert set(NeighbourhoodPlan.objects.values_list("stage", flat=True)) == set(PlanStage.values)
    assert {p.referendum_passed for p in NeighbourhoodPlan.objects.filter(stage="referendum")} == {True, False}
    # A partnership with members in every sector and a priority linked to a consultation, a contract and payments.
    partnership = Partnership.objects.get(slug="north-norfolk-community-partnership")
    assert set(partnership.members.values_list("sector", flat=True)) == set(Sector.values)
    assert partnership.priorities.filter(
        consultations__isnull=False, contracts__isnull=False, payments__isnull=False
    ).exists()
    assert partnership.meetings.filter(papers__isnull=False).exists() and partnership.actions.exists()

    # Staff of one council each, printed with the other logins, with their own council's work to do.
    assert "clerk@example.org" in text and "district.officer@example.org" in text
    clerk = User.objects.get(email="clerk@example.org")
    officer = User.objects.get(email="district.officer@example.org")
    assert (clerk.council.name, officer.council.name) == ("Cromer Town Council", "North Norfolk District Council")
    assert not Consultation.objects.filter(council=None).exists()
    assert Consultation.objects.published().filter(council=clerk.council).exists()
    assert Round.objects.filter(council=clerk.council).exists()
    assert AssetNomination.objects.filter(council=officer.council, status="submitted").exists()
    assert Report.objects.filter(resolved_at=None, comment__object_id__in=clerk.council.consultations.all()).exists()
    assert "councillor@example.org" in text
    # Who was missed: every district's (illustrative) population make-up, and a consultation that missed people.
    from consultations.models import DistrictPopulation, EqualityMonitoring

    assert DistrictPopulation.objects.count() == 7
    assert all("Illustrative" in source for source in DistrictPopulation.objects.values_list("source", flat=True))
    assert EqualityMonitoring.objects.filter(consultation__slug="recycling-centre-opening-days").count() >= 50
    # The transport team's community co-chair leads it: they organise the sign-ups to its next workshop.
    assert "team.lead@example.org" in text
    workshop = Event.objects.get(kind=Event.Kind.MEETING)
    assert User.objects.get(email="team.lead@example.org").has_perm("events.organise_event", workshop)
    assert Comment.objects.filter(is_official=True, official_as__startswith="Councillor Robin Sample").exists()

    out = io.StringIO()
    call_command("seed_demo", "--if-empty", stdout=out)
    assert "Demo content created" not in out.getvalue()


def test_seed_demo_refuses_to_run_on_a_production_site(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG=1 only"):
        call_command("seed_demo")
