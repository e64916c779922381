"""Staff pick what an event is part of by name in the admin: the meetings, surgeries and consultations of their own
council still to come (every council's for the county's team), grouped by kind; another council's is refused."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from consultations.models import Meeting
from events.models import Event
from localism.models import Surgery
from tests.admin_forms import admin_form_data
from tests.clients import signed_in
from tests.consultations.factories import ConsultationFactory, MeetingFactory, TeamFactory
from tests.events.factories import EventFactory
from tests.factories import CouncillorFactory, SurgeryFactory, council

pytestmark = pytest.mark.django_db

ADD = reverse("admin:events_event_add")


@pytest.fixture
def hosts():
    cromer, holt = council("cromer-town-council"), council("holt-town-council")
    soon = timezone.now() + datetime.timedelta(days=10)
    cromer_consultation = ConsultationFactory(title="Cromer seafront shelters", council=cromer)
    return {
        "surgery": SurgeryFactory(
            councillor=CouncillorFactory(name="Anne Baker", council=cromer), venue="Cromer Library", starts_at=soon
        ),
        "past surgery": SurgeryFactory(
            councillor=CouncillorFactory(name="Old Surgery Holder", council=cromer),
            venue="Cromer Parish Hall",
            starts_at=soon - datetime.timedelta(days=40),
        ),
        "holt surgery": SurgeryFactory(
            councillor=CouncillorFactory(name="Holt Councillor", council=holt), venue="Holt Library", starts_at=soon
        ),
        "meeting": MeetingFactory(
            team=TeamFactory(consultation=cromer_consultation), title="Design workshop 2", starts_at=soon
        ),
        "consultation": cromer_consultation,
        "holt consultation": ConsultationFactory(title="Holt market place", council=holt),
    }


def _options(html: str) -> dict[str, str]:
    """The host select's options: value to label."""
    select = re.search(r'<select name="host_choice".*?</select>', html, re.DOTALL)[0]
    return dict(re.findall(r'<option value="([^"]*)"[^>]*>([^<]*)</option>', select))


def _add_data(client, host_value: str) -> dict:
    data = admin_form_data(client.get(ADD).text)
    day = timezone.localdate() + datetime.timedelta(days=10)
    data.update(
        {
            "host_choice": host_value,
            "title": "Drop in and talk",
            "starts_at_0": day.strftime("%d/%m/%Y"),
            "starts_at_1": "10:00",
            "ends_at_0": day.strftime("%d/%m/%Y"),
            "ends_at_1": "12:00",
            "venue": "Cromer Library",
            "capacity": "20",
            "is_published": "on",
        }
    )
    return data


def test_a_clerk_chooses_among_their_councils_hosts_by_name(parish_clerk, hosts):
    page = signed_in(parish_clerk).get(ADD).text
    options = _options(page)

    assert "Only those of your council still to come are listed." in page
    assert options[f"surgery:{hosts['surgery'].pk}"].startswith("Anne Baker at Cromer Library")
    assert options[f"meeting:{hosts['meeting'].pk}"].startswith("Design workshop 2, ")
    assert options[f"meeting:{hosts['meeting'].pk}"].endswith("(Cromer seafront shelters)")
    assert options[f"drop_in:{hosts['consultation'].pk}"] == "Cromer seafront shelters"
    assert '<optgroup label="Councillor surgery">' in page and '<optgroup label="Co-production meeting">' in page
    names = " ".join(options.values())
    assert "Holt" not in names and "Old Surgery Holder" not in names  # another council's; one that has passed


def test_the_county_team_chooses_among_every_councils_hosts(county_staff, hosts):
    options = _options(signed_in(county_staff).get(ADD).text)
    assert f"surgery:{hosts['holt surgery'].pk}" in options and f"drop_in:{hosts['holt consultation'].pk}" in options


def test_staff_add_an_event_to_the_surgery_they_picked(parish_clerk, hosts):
    client = signed_in(parish_clerk)
    surgery = hosts["surgery"]

    response = client.post(ADD, _add_data(client, f"surgery:{surgery.pk}"))

    assert response.status_code == 302, response.text[:3000]
    event = Event.objects.get(title="Drop in and talk")
    assert (event.kind, event.host, event.council) == (Event.Kind.SURGERY, surgery, council("cromer-town-council"))


def test_staff_add_an_event_to_a_teams_meeting(parish_clerk, hosts):
    client = signed_in(parish_clerk)
    assert client.post(ADD, _add_data(client, f"meeting:{hosts['meeting'].pk}")).status_code == 302
    event = Event.objects.get()
    assert event.kind == Event.Kind.MEETING and isinstance(event.host, Meeting)


@pytest.mark.parametrize("forged", ["holt surgery", "holt consultation", "missing", "wrong kind"])
def test_another_councils_or_a_made_up_host_is_refused_and_nothing_is_added(parish_clerk, hosts, forged):
    client = signed_in(parish_clerk)
    value = {
        "holt surgery": f"surgery:{hosts['holt surgery'].pk}",
        "holt consultation": f"drop_in:{hosts['holt consultation'].pk}",
        "missing": "surgery:999999",
        "wrong kind": f"party:{hosts['surgery'].pk}",
    }[forged]

    response = client.post(ADD, _add_data(client, value))

    assert response.status_code == 200
    assert "Choose one of the meetings, surgeries or consultations listed" in response.text
    assert 'value="Drop in and talk"' in response.text  # what was typed is kept
    assert not Event.objects.exists()


def test_choosing_nothing_says_what_to_choose(parish_clerk, hosts):
    client = signed_in(parish_clerk)
    response = client.post(ADD, _add_data(client, ""))
    assert "Choose the meeting, surgery or consultation the event is part of" in response.text
    assert not Event.objects.exists()


def test_an_events_change_page_keeps_its_host_chosen_even_once_it_has_passed(parish_clerk, hosts):
    past = hosts["past surgery"]
    event = EventFactory(surgery=past, title="Earlier drop-in")
    client = signed_in(parish_clerk)
    url = reverse("admin:events_event_change", args=[event.pk])
    data = admin_form_data(client.get(url).text)

    assert data["host_choice"] == f"surgery:{past.pk}"
    data["capacity"] = "5"
    assert client.post(url, data).status_code == 302
    event.refresh_from_db()
    assert (event.capacity, event.host) == (5, past)
    assert Surgery.objects.filter(pk=past.pk).exists()
