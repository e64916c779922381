"""The public list of partnerships as CSV and JSON (through the one download view), and each partnership's Atom
feed of its updates: read back as a spreadsheet, a program and a feed reader would, with only what the public
sees."""

import datetime
from urllib.parse import urlsplit
from xml.etree import ElementTree

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from localism.links import absolute_reverse
from partnerships.models import Action
from tests.downloads import downloaded_csv_dicts, downloaded_json, downloaded_text
from tests.factories import PlaceFactory
from tests.partnerships.factories import (
    ActionFactory,
    MeetingFactory,
    MemberFactory,
    PartnershipFactory,
    PriorityFactory,
    PriorityUpdateFactory,
)

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


def _download(fmt: str, client=None):
    response = (client or Client()).get(reverse("partnerships:list_download", kwargs={"fmt": fmt}))
    assert response.status_code == 200
    return response


@pytest.fixture
def partnerships():
    cromer, holt = PlaceFactory(name="Cromer"), PlaceFactory(name="Holt")
    coast = PartnershipFactory(name="North Norfolk Coast Partnership", slug="coast", kind="community")
    coast.places.add(holt, cromer)
    assembly = PartnershipFactory(name="Norfolk Voluntary Sector Assembly", slug="assembly", kind="assembly")
    hidden = PartnershipFactory(name="A partnership being set up", slug="draft", is_published=False)
    MemberFactory(partnership=coast, name="Private Person", name_is_public=False, sex="female")
    return {"coast": coast, "assembly": assembly, "hidden": hidden}


# --- The list as open data --------------------------------------------------------------------------------


def test_the_csv_lists_the_published_partnerships_as_people_read_them(partnerships):
    response = Client().get(reverse("partnerships:list_download", kwargs={"fmt": "csv"}))
    assert response["Content-Type"].startswith("text/csv")
    assert 'filename="partnerships.csv"' in response["Content-Disposition"]
    text = downloaded_text(response)
    rows = downloaded_csv_dicts(response)

    assert [row["Partnership"] for row in rows] == [
        "Norfolk Voluntary Sector Assembly",
        "North Norfolk Coast Partnership",
    ]
    coast = rows[1]
    assert coast["Kind"] == "Community partnership"
    assert coast["Supported by"] == "Norfolk County Council"
    assert coast["Areas"] == "Cromer; Holt"
    assert coast["Link"] == absolute_reverse("partnerships:detail", slug="coast")
    assert rows[0]["Kind"] == "Voluntary sector assembly" and rows[0]["Areas"] == ""
    assert "A partnership being set up" not in text and "Private Person" not in text


def test_the_json_carries_the_same_records_and_the_licence(partnerships):
    document = downloaded_json(_download("json"))

    assert document["licence"] == "Open Government Licence v3.0"
    records = document["partnerships"]
    assert [r["name"] for r in records] == ["Norfolk Voluntary Sector Assembly", "North Norfolk Coast Partnership"]
    assert records[1] == {
        "name": "North Norfolk Coast Partnership",
        "kind": "Community partnership",
        "council_name": "Norfolk County Council",
        "summary": partnerships["coast"].summary,
        "area_names": "Cromer; Holt",
        "website": "",
        "url": absolute_reverse("partnerships:detail", slug="coast"),
    }


def test_the_list_page_links_its_downloads(partnerships):
    page = Client().get(reverse("partnerships:list")).text
    assert reverse("partnerships:list_download", kwargs={"fmt": "csv"}) in page
    assert reverse("partnerships:list_download", kwargs={"fmt": "json"}) in page


def test_the_download_reads_a_fixed_number_of_queries(django_assert_max_num_queries):
    for n in range(30):
        partnership = PartnershipFactory()
        partnership.places.add(PlaceFactory(name=f"Area {n}"), PlaceFactory(name=f"Other area {n}"))
    with django_assert_max_num_queries(4):
        assert len(downloaded_json(_download("json"))["partnerships"]) == 30


# --- The feed of a partnership's updates ------------------------------------------------------------------


def _feed(partnership, client=None):
    response = (client or Client()).get(reverse("partnerships:feed", kwargs={"slug": partnership.slug}))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    return response


def _valid_atom(response) -> ElementTree.Element:
    """The feed parsed as XML and checked for what Atom (RFC 4287) requires of a feed and each entry: one id, title
    and updated each (dates as RFC 3339), an author, a link; every entry's id different."""
    root = ElementTree.fromstring(response.content)  # noqa: S314 (the portal's own feed, not untrusted)
    assert root.tag == f"{ATOM}feed"
    for element in [root, *root.findall(f"{ATOM}entry")]:
        for required in ("id", "title", "updated"):
            assert len(element.findall(f"{ATOM}{required}")) == 1, (element.tag, required)
        datetime.datetime.fromisoformat(element.find(f"{ATOM}updated").text)
        assert element.find(f"{ATOM}link").get("href").startswith("http")
    assert root.find(f"{ATOM}author/{ATOM}name").text
    ids = [entry.find(f"{ATOM}id").text for entry in root.findall(f"{ATOM}entry")]
    assert len(ids) == len(set(ids))
    return root


def _entries(root) -> list[tuple[str, str]]:
    """Each entry's title and the address it links to (without the host the request came to)."""
    entries = []
    for entry in root.findall(f"{ATOM}entry"):
        link = urlsplit(entry.find(f"{ATOM}link").get("href"))
        entries.append((entry.find(f"{ATOM}title").text, link.path + (f"#{link.fragment}" if link.fragment else "")))
    return entries


def test_the_feed_carries_progress_meetings_and_the_action_log_newest_first(partnerships):
    coast = partnerships["coast"]
    today = timezone.localdate()
    priority = PriorityFactory(partnership=coast, title="Warm spaces in every village")
    PriorityUpdateFactory(priority=priority, status="at_risk", note="Two halls lost their heating.", reported_on=today)
    PriorityUpdateFactory(priority=priority, status="on_track", reported_on=today - datetime.timedelta(days=30))
    meeting = MeetingFactory(
        partnership=coast, title="Board meeting", starts_at=timezone.now() - datetime.timedelta(days=3)
    )
    action = ActionFactory(partnership=coast, description="Ask the parishes for halls", status="in-progress")
    Action.objects.filter(pk=action.pk).update(updated_at=timezone.now() - datetime.timedelta(days=10))
    ActionFactory(partnership=partnerships["assembly"], description="Another partnership's action")

    root = _valid_atom(_feed(coast))

    assert root.find(f"{ATOM}title").text.startswith("North Norfolk Coast Partnership")
    page = reverse("partnerships:detail", kwargs={"slug": "coast"})
    assert _entries(root) == [
        ("Warm spaces in every village: at risk", f"{page}#priority-{priority.pk}"),
        ("Meeting: Board meeting", reverse("partnerships:meeting", kwargs={"slug": "coast", "meeting": meeting.pk})),
        ("Action in progress: Ask the parishes for halls", f"{page}#actions"),
        ("Warm spaces in every village: on track", f"{page}#priority-{priority.pk}"),
    ]
    text = _feed(coast).content.decode()
    assert "Two halls lost their heating." in text
    assert "Another partnership" not in text and "Private Person" not in text


def test_an_action_that_changes_is_a_new_entry(partnerships):
    coast = partnerships["coast"]
    action = ActionFactory(partnership=coast, description="Map the warm spaces")
    before = {entry.find(f"{ATOM}id").text for entry in _valid_atom(_feed(coast)).findall(f"{ATOM}entry")}
    Action.objects.filter(pk=action.pk).update(status="done", updated_at=timezone.now() + datetime.timedelta(1))

    root = _valid_atom(_feed(coast))

    assert _entries(root)[0][0].endswith(": Map the warm spaces")
    assert root.find(f"{ATOM}entry/{ATOM}id").text not in before


def test_an_unpublished_or_missing_partnership_has_no_feed(partnerships, staff_client):
    for client in (Client(), staff_client):
        url = reverse("partnerships:feed", kwargs={"slug": partnerships["hidden"].slug})
        assert client.get(url).status_code == 404
    assert Client().get(reverse("partnerships:feed", kwargs={"slug": "no-such-partnership"})).status_code == 404


def test_the_partnership_page_links_its_feed(partnerships):
    page = Client().get(partnerships["coast"].get_absolute_url()).text
    assert reverse("partnerships:feed", kwargs={"slug": "coast"}) in page
    assert 'rel="alternate" type="application/atom+xml"' in page


def test_the_feed_reads_a_fixed_number_of_queries(partnerships, django_assert_max_num_queries):
    coast = partnerships["coast"]
    for n in range(40):
        priority = PriorityFactory(partnership=coast)
        PriorityUpdateFactory(priority=priority, reported_on=timezone.localdate() - datetime.timedelta(days=n))
        MeetingFactory(partnership=coast, starts_at=timezone.now() - datetime.timedelta(days=n, hours=1))
        ActionFactory(partnership=coast)
    with django_assert_max_num_queries(5):
        root = _valid_atom(_feed(coast))
    assert len(root.findall(f"{ATOM}entry")) == 30
