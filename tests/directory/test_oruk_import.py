"""import_oruk: another publisher's Open Referral UK feed, from a file or over HTTP, all or nothing."""

import datetime
import io
import json
import socket
import threading
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone

from directory.models import FeedRecord, Listing, Location, Organisation, Schedule, Taxonomy, TaxonomyTerm
from localism.models import AuditEntry, ImportBatch
from tests.directory.oruk import get, service

pytestmark = pytest.mark.django_db

LIST_ONLY = {"service_at_locations", "schedules", "cost_options", "contacts", "phones", "languages", "service_areas"}


def every_service(client) -> list[dict]:
    """Every service the API publishes, less the moment each was last written."""
    services = get(client, reverse("oruk:services") + "?per_page=100")["contents"]
    for published in services:
        published.pop("last_modified")
    return services


def differences(after, before, where="$") -> list[str]:
    """Where two exports differ, as JSON paths (readable where a plain == would print two long lists)."""
    if isinstance(after, dict) and isinstance(before, dict):
        return [
            found
            for key in sorted(set(after) | set(before))
            for found in differences(after.get(key, "(absent)"), before.get(key, "(absent)"), f"{where}.{key}")
        ]
    if isinstance(after, list) and isinstance(before, list) and len(after) == len(before):
        return [
            found
            for n, pair in enumerate(zip(after, before, strict=True))
            for found in differences(*pair, f"{where}[{n}]")
        ]
    return [] if after == before else [f"{where}: {after!r} != {before!r}"]


def empty_the_directory() -> None:
    Listing.objects.all().delete()
    Organisation.objects.all().delete()
    while TaxonomyTerm.objects.exists():
        TaxonomyTerm.objects.filter(children__isnull=True).delete()
    Taxonomy.objects.all().delete()


def counts() -> dict:
    models = (Listing, Organisation, Location, Schedule, TaxonomyTerm, Taxonomy, FeedRecord)
    found = {model.__name__: model.objects.count() for model in models}
    # A refused feed is recorded (its batch and audit entry say why), and nothing else is written.
    found["AuditEntry"] = AuditEntry.objects.exclude(action="directory.feed.import_failed").count()
    found["ImportBatch"] = ImportBatch.objects.filter(status=ImportBatch.Status.IMPORTED).count()
    return found


def write_feed(tmp_path, services, name="feed.json"):
    path = tmp_path / name
    path.write_text(
        json.dumps({"total_items": len(services), "total_pages": 1, "page_number": 1, "contents": services})
    )
    return str(path)


def test_our_own_feed_imported_into_an_empty_directory_exports_the_same_services(client, oruk_directory, tmp_path):
    before = every_service(client)
    feed = tmp_path / "export.json"
    feed.write_text(json.dumps(get(client, reverse("oruk:services") + "?per_page=100")))
    empty_the_directory()
    assert get(client, reverse("oruk:services"))["total_items"] == 0

    call_command("import_oruk", str(feed), stdout=io.StringIO())

    assert len(before) == 7
    # A file carries services only: the parent of their categories ("Sport"), which no service
    # uses itself, is not in it. Over HTTP it is read too (next test).
    found = differences(every_service(client), before)
    assert found and all(".taxonomy_term.parent_id: '(absent)' != " in difference for difference in found)


def test_a_paged_feed_is_read_page_by_page_over_http(client, oruk_directory, tmp_path):
    """The publisher's list pages carry only each service's own fields: each service is then read in full."""
    pages = {n: get(client, reverse("oruk:services") + f"?per_page=3&page={n}") for n in (1, 2, 3)}
    terms = {
        str(t.pk): get(client, reverse("oruk:taxonomy_term_detail", kwargs={"pk": t.pk}))
        for t in TaxonomyTerm.objects.all()
    }
    full = {s["id"]: s for page in pages.values() for s in page["contents"]}
    for page in pages.values():
        page["contents"] = [{k: v for k, v in s.items() if k not in LIST_ONLY} for s in page["contents"]]
    before = every_service(client)
    empty_the_directory()
    asked = []

    class Publisher(BaseHTTPRequestHandler):
        def do_GET(self):
            url = urllib.parse.urlsplit(self.path)
            asked.append(self.path)
            if url.path == "/api/services":
                body = pages.get(int(urllib.parse.parse_qs(url.query)["page"][0]))
            elif url.path.startswith("/api/taxonomy_terms/"):
                body = terms.get(url.path.removeprefix("/api/taxonomy_terms/"))
            else:
                body = full.get(url.path.removeprefix("/api/services/"))
            self.send_response(200 if body else 404)
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            self.wfile.write(json.dumps(body or {"code": 404}).encode())

        def log_message(self, *args):
            pass

    with Serving(Publisher) as address:
        call_command("import_oruk", f"{address}/api/", stdout=io.StringIO())

    assert [path for path in asked if "page=" in path] == [f"/api/services?page={n}" for n in (1, 2, 3)]
    assert len(asked) == 3 + 7 + 1  # the pages, each service in full, and the categories' parent
    assert differences(every_service(client), before) == []
    assert set(FeedRecord.objects.values_list("source", flat=True)) == {f"{address}/api/"}


class Serving:
    """A real HTTP server on loopback, in a thread, for the length of a with block."""

    def __init__(self, handler):
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), handler)

    def __enter__(self) -> str:
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()
        self.thread.join()


def test_each_record_says_where_it_came_from_and_when(tmp_path, django_user_model):
    feed = write_feed(tmp_path, [service()])

    call_command("import_oruk", feed, stdout=io.StringIO())

    listing = Listing.objects.get()
    assert str(listing.pk) == "7b1c3f0e-2d4a-4c5b-9e6f-0a1b2c3d4e5f"  # the publisher's id, free here
    assert listing.status == Listing.Status.PUBLISHED and listing.organisation.name == "Dereham Men's Shed"
    assert sorted(listing.schedules.values_list("byday", flat=True)) == ["TH", "TU"]
    records = {(r.kind, r.external_id): r for r in FeedRecord.objects.all()}
    assert {kind for kind, _ in records} == {"listing", "organisation", "location", "schedule"}
    assert {r.source for r in records.values()} == {feed}
    assert records[("listing", "7b1c3f0e-2d4a-4c5b-9e6f-0a1b2c3d4e5f")].local_id == listing.pk
    assert all(r.last_seen_at and r.vanished_at is None for r in records.values())
    assert AuditEntry.objects.get(action="directory.feed.imported").data["created"]["listing"] == 1


def test_a_second_import_updates_the_same_rows_and_marks_what_vanished(tmp_path):
    other = service(
        id="5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a8b", name="Repair café", service_at_locations=[], schedules=[]
    )
    call_command("import_oruk", write_feed(tmp_path, [service(), other]), stdout=io.StringIO())

    call_command("import_oruk", write_feed(tmp_path, [service(name="Men's Shed, Dereham")]), stdout=io.StringIO())

    assert Listing.objects.get(pk="7b1c3f0e-2d4a-4c5b-9e6f-0a1b2c3d4e5f").name == "Men's Shed, Dereham"
    gone = Listing.objects.get(name="Repair café")
    assert gone.status == Listing.Status.ARCHIVED
    assert FeedRecord.objects.get(kind="listing", external_id=str(gone.pk)).vanished_at is not None
    assert FeedRecord.objects.filter(vanished_at__isnull=False).count() == 1
    assert Listing.objects.count() == 2


def test_staff_see_where_each_imported_record_came_from_and_what_vanished(
    tmp_path, staff_client, django_assert_max_num_queries
):
    other = service(
        id="5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a8b", name="Repair café", service_at_locations=[], schedules=[]
    )
    call_command("import_oruk", write_feed(tmp_path, [service(), other]), stdout=io.StringIO())
    call_command("import_oruk", write_feed(tmp_path, [service()]), stdout=io.StringIO())
    listing = Listing.objects.get(pk="7b1c3f0e-2d4a-4c5b-9e6f-0a1b2c3d4e5f")
    changelist = reverse("admin:directory_feedrecord_changelist")

    with django_assert_max_num_queries(12):
        every = staff_client.get(changelist).content.decode()
    vanished = staff_client.get(changelist, {"vanished": "yes"}).content.decode()
    venue = FeedRecord.objects.get(kind="location")

    assert "7b1c3f0e-2d4a-4c5b-9e6f-0a1b2c3d4e5f" in every and venue.external_id in every
    listing_page = reverse("admin:directory_listing_change", args=[listing.pk])
    assert every.count(f'href="{listing_page}"') >= 3  # the listing, and its venue's and opening times' listing
    assert "5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a8b" in vanished
    assert "7b1c3f0e" not in vanished
    assert staff_client.get(reverse("admin:directory_feedrecord_add")).status_code == 403
    assert (
        staff_client.post(reverse("admin:directory_feedrecord_delete", args=[venue.pk]), {"post": "yes"}).status_code
        == 403
    )
    assert FeedRecord.objects.filter(pk=venue.pk).exists()


def test_the_freshness_rule_applies_to_the_date_the_publisher_last_checked(client, tmp_path):
    today = timezone.localdate()
    overdue = service(assured_date=(today - datetime.timedelta(days=400)).isoformat())
    stale = service(
        id="5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a8b",
        name="Repair café",
        assured_date=(today - datetime.timedelta(days=365 + 91)).isoformat(),
        service_at_locations=[],
        schedules=[],
    )

    call_command("import_oruk", write_feed(tmp_path, [overdue, stale]), stdout=io.StringIO())

    assert Listing.objects.get(name="Repair café").is_hidden_as_stale
    shown = Listing.objects.get(name="Men's shed")
    assert not shown.is_hidden_as_stale and shown.may_be_out_of_date()
    assert [s["name"] for s in get(client, reverse("oruk:services"))["contents"]] == ["Men's shed"]


def refused(*args) -> str:
    with pytest.raises(CommandError) as raised:
        call_command("import_oruk", *args)
    batch = ImportBatch.objects.filter(status=ImportBatch.Status.FAILED).latest("id")
    assert batch.dataset == "oruk-feed" and batch.error_count == len(batch.errors) > 0
    assert all(line in str(raised.value) for line in batch.error_lines())
    return str(raised.value)


@pytest.fixture
def unchanged(db):
    """Asserts afterwards that the test changed nothing in the directory."""
    before = counts()
    yield
    assert counts() == before


def test_a_feed_with_bad_records_changes_nothing_and_names_each(tmp_path, unchanged):
    no_name = service(id="0a0a0a0a-0000-4000-8000-000000000001")
    del no_name["name"]
    null_string = service(id="0a0a0a0a-0000-4000-8000-000000000002", alert=None)
    no_description = service(id="0a0a0a0a-0000-4000-8000-000000000003", description="")
    no_organisation = service(id="0a0a0a0a-0000-4000-8000-000000000004", organization=None)
    nowhere = service(id="0a0a0a0a-0000-4000-8000-000000000005")
    del nowhere["service_at_locations"][0]["location"]["latitude"]
    teatime = service(id="0a0a0a0a-0000-4000-8000-000000000006")
    teatime["schedules"][0]["opens_at"] = "teatime"
    feed = write_feed(tmp_path, [service(), no_name, null_string, no_description, no_organisation, nowhere, teatime])

    message = refused(feed)

    assert message.startswith("Nothing was imported.")
    assert "service 0a0a0a0a-0000-4000-8000-000000000001: $: 'name' is a required property" in message
    assert "service 0a0a0a0a-0000-4000-8000-000000000002: $.alert: None is not of type 'string'" in message
    assert "service 0a0a0a0a-0000-4000-8000-000000000003: it has no description" in message
    assert "service 0a0a0a0a-0000-4000-8000-000000000004: $.organization: None is not of type 'object'" in message
    assert "service 0a0a0a0a-0000-4000-8000-000000000005: location 66666666-7777-4888-8999-000000000000 has no" in (
        message
    )
    assert (
        "service 0a0a0a0a-0000-4000-8000-000000000006: "
        "schedule aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee opens_at 'teatime' is not a time" in message
    )
    assert "7b1c3f0e" not in message  # the good record is not blamed, but not imported either


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b'{"contents": [', "is not JSON"),
        (b"\xff\xfe", "is not JSON"),
        (b'{"hello": "world"}', "is not an ORUK page of services"),
        (b'{"contents": []}', "the feed has no services"),
    ],
)
def test_a_malformed_feed_file_changes_nothing_and_says_why(tmp_path, unchanged, content, reason):
    feed = tmp_path / "feed.json"
    feed.write_bytes(content)

    assert reason in refused(str(feed))


def test_a_missing_file_is_named(tmp_path, unchanged):
    assert "there is no such file" in refused(str(tmp_path / "nothing.json"))


def test_an_organisation_the_feed_does_not_carry_is_named(tmp_path, unchanged):
    orphan = service(organization_id="0f9e8d7c-0000-4c3d-8e1f-2a3b4c5d6e7f")
    del orphan["organization"]

    message = refused(write_feed(tmp_path, [orphan]))

    assert "its organization 0f9e8d7c-0000-4c3d-8e1f-2a3b4c5d6e7f is not in the feed" in message


def test_an_unreachable_feed_changes_nothing(unchanged):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]  # free once closed: nothing listens there

    assert f"http://127.0.0.1:{port}/services?page=1 could not be reached" in refused(f"http://127.0.0.1:{port}/")


def test_a_feed_whose_second_page_fails_changes_nothing(client, oruk_directory, unchanged):
    first = get(client, reverse("oruk:services") + "?per_page=4&page=1")

    class Failing(BaseHTTPRequestHandler):
        def do_GET(self):
            page_one = self.path.endswith("page=1")
            self.send_response(200 if page_one else 500)
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            self.wfile.write(json.dumps(first if page_one else {"message": "down"}).encode())

        def log_message(self, *args):
            pass

    with Serving(Failing) as address:
        message = refused(f"{address}/services")

    assert f"{address}/services?page=2 answered 500" in message


def test_a_page_that_is_not_an_oruk_page_is_named(unchanged):
    class NotOruk(BaseHTTPRequestHandler):
        def do_GET(self):
            self.send_response(200)
            self.end_headers()
            self.wfile.write(b"<html>Welcome</html>")

        def log_message(self, *args):
            pass

    with Serving(NotOruk) as address:
        assert f"{address}/services?page=1 is not JSON" in refused(address)


def test_two_publishers_with_the_same_ids_and_vocabulary_keep_apart(tmp_path):
    term = {
        "id": "cccccccc-dddd-4eee-8fff-000000000001",
        "name": "Crafts",
        "description": "Making things",
        "taxonomy": "Activities",
        "taxonomy_id": "cccccccc-dddd-4eee-8fff-000000000000",
    }
    shared = service(attributes=[{"id": "cccccccc-dddd-4eee-8fff-000000000002", "taxonomy_term": term}])
    call_command("import_oruk", write_feed(tmp_path, [shared], "one.json"), stdout=io.StringIO())

    call_command("import_oruk", write_feed(tmp_path, [shared], "two.json"), stdout=io.StringIO())

    first, second = Listing.objects.order_by("created_at")
    assert str(first.pk) == shared["id"] and str(second.pk) != shared["id"]  # the second feed cannot take it over
    assert Taxonomy.objects.get().name == "Activities"
    assert list(TaxonomyTerm.objects.values_list("name", flat=True)) == ["Crafts"]
    assert first.categories.get() == second.categories.get()
    assert FeedRecord.objects.filter(kind="taxonomy").count() == 2


def test_a_category_parent_the_publisher_cannot_serve_loses_only_the_link():
    term = {
        "id": "cccccccc-dddd-4eee-8fff-000000000001",
        "name": "Crafts",
        "description": "Making things",
        "parent_id": "cccccccc-dddd-4eee-8fff-00000000ffff",
        "taxonomy": "Activities",
    }
    page = {
        "total_pages": 1,
        "page_number": 1,
        "contents": [service(attributes=[{"id": term["id"], "taxonomy_term": term}])],
    }

    class WithoutTerms(BaseHTTPRequestHandler):
        def do_GET(self):
            found = self.path == "/services?page=1"
            self.send_response(200 if found else 404)
            self.end_headers()
            self.wfile.write(json.dumps(page if found else {"code": 404}).encode())

        def log_message(self, *args):
            pass

    with Serving(WithoutTerms) as address:
        call_command("import_oruk", address, stdout=io.StringIO())

    assert TaxonomyTerm.objects.get(name="Crafts").parent is None
    assert Listing.objects.get().categories.get().name == "Crafts"
