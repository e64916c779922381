"""Axe-core in Chromium on every page of the portal, with zero violations allowed.

The data is the demo content (`seed_demo`), plus what the demo lacks so that every kind of page
has something to show: a draft listing, the resident's own survey response and comments, a reported
listing, a team application. (Budgeting rounds in each stage and a closed consultation are in the demo.)

Pages crawled:
- public: the URLs in /sitemap.xml, up to PER_KIND of each kind spread over its list (pages of one kind share
  their template: the demo's 300 listings would add minutes and find nothing more; five of each, from
  the start, middle and end of the list, still meet the content that varies from one to the next);
  then one page of every other public kind (URL name)
  reached by following links from those pages, plus search results and the 404 page;
- the signed-in pages of a resident and of a group member, and the portal pages only staff see;
- the staff admin (`django.contrib.admin.site`, the two-factor StaffAdminSite): its index, each
  app's index, and for each registered model the changelist (ROWS_PER_CHANGELIST rows of it) and a change
  form (the add form when there is no row), plus the model admin's own views (publish, import, decide, ...).

Each test collects every failing URL before it fails, so one run shows all that is wrong.
"""

from __future__ import annotations

import io
import json
from collections import deque
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit
from xml.etree import ElementTree

import pytest
from allauth.account.models import EmailAddress
from django.contrib import admin
from django.contrib.admin.utils import quote
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.test import RequestFactory, override_settings
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from accounts.models import User
from budgeting.models import Project, Round
from consultations import services as consultations
from consultations.models import Consultation
from devtools import demo
from directory import services as directory
from directory.models import Listing, Organisation
from discussions import services as discussions
from discussions.models import Comment
from discussions.registry import policy_for
from events.models import Event, Registration
from tests.conftest import isolated_settings
from tests.security.routes import kind_of
from tests.snapshots import SharedData
from transparency.models import ChallengeWindow

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.long]

SITEMAP_NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
# Sitemap URLs crawled of each kind (URL name), spread over the sitemap's list of that kind.
PER_KIND = 5
# Public pages reached through a form rather than a link, and the page for a URL that does not exist.
FORM_RESULT_PAGES = [
    reverse("localism:search") + "?q=community",
    reverse("directory:search") + "?q=lunch",
    reverse("directory:search") + "?postcode=NR2+1AB&distance=5",
    reverse("localism:who_represents_me") + "?postcode=NR2+1AB",
    reverse("localism:who_represents_me") + "?postcode=banana",
    reverse("localism:who_represents_me") + "?postcode=NR27+9AB",  # the demo's sample division, ward and councillors
    reverse("localism:place_detail", kwargs={"slug": "cromer"}) + "?postcode=NR27+9AB",
    reverse("localism:place_detail", kwargs={"slug": "cromer"}) + "?postcode=NR99+9ZZ",
]
NOT_FOUND_PAGE = "/no-such-page/"


# --- The data -----------------------------------------------------------------------------


def _portal(media_root: Path) -> dict:
    """The demo content, and what it lacks so that every kind of page has something on it."""
    with override_settings(**isolated_settings(media_root)):
        call_command("seed_demo", "--allow-production", stdout=io.StringIO())
        return _portal_rows()


# Seeding the demo takes seconds: a test worker does it once, for this module and the reflow tests that use its data.
PORTAL = SharedData(_portal)


@pytest.fixture(scope="module")
def _portal_for_the_module(django_db_setup, django_db_blocker, tmp_path_factory):
    with PORTAL.in_use(django_db_blocker, tmp_path_factory) as portal:
        yield portal


@pytest.fixture
def portal(_portal_for_the_module, transactional_db, settings) -> dict:
    """The portal's data, as built (each test ends by restoring it), its files in the test's media folder.

    The resident's comment is dated now, as if just posted: it stays within its edit window however long ago the
    data was built.
    """
    PORTAL.copy_media(settings.MEDIA_ROOT)
    Comment.objects.filter(pk=_portal_for_the_module["resident_comment"].pk).update(created_at=timezone.now())
    return _portal_for_the_module


def _portal_rows() -> dict:
    people = {
        "staff": User.objects.get(email=demo.STAFF_EMAIL),
        "resident": User.objects.get(email=demo.RESIDENT_EMAIL),
        "group_member": User.objects.get(email=demo.GROUP_EMAIL),
        "neighbour": User.objects.create_user("neighbour@example.org", display_name="Jo Neighbour"),
    }
    EmailAddress.objects.create(user=people["neighbour"], email="neighbour@example.org", verified=True, primary=True)
    Group.objects.create(name="Moderators")
    organisation = Organisation.objects.get(slug="age-well-north-norfolk")
    return {
        **people,
        "organisation": organisation,
        **_budgeting_rounds_in_every_stage(),
        **_consultation_activity(people),
        **_directory_work(people, organisation),
    }


def _budgeting_rounds_in_every_stage() -> dict:
    """The demo's Norwich rounds, from upcoming to results published."""
    proposals = Round.objects.get(slug="norwich-proposals")
    return {
        "voting_round": Round.objects.get(slug="norwich-voting"),
        "proposals_round": proposals,
        "proposal": Project.objects.get(round=proposals),
    }


def _consultation_activity(people: dict) -> dict:
    """The resident's response and comments; moderation."""
    transport = Consultation.objects.get(slug="community-transport-service")
    answers = {
        question.pk: consultations.AnswerValue(choices=(0,))
        if question.options
        else consultations.AnswerValue(text="Holt")
        for question in transport.questions.filter(is_required=True)
    }
    consultations.response_submit(consultation=transport, respondent=people["resident"], answers=answers)
    neighbour = people["neighbour"]
    theirs = discussions.comment_create(
        target=transport,
        author=neighbour,
        text="Evening journeys would change my week.",
        policy=policy_for(transport, neighbour),
    )
    day_ops = Consultation.objects.get(slug="day-opportunities")
    for text in ("My son loves the pottery group.", "Please keep the garden project."):
        waiting = discussions.comment_create(
            target=day_ops, author=neighbour, text=text, policy=policy_for(day_ops, neighbour)
        )
    discussions.comment_publish(comment=waiting, moderator=people["staff"])
    consultations.team_application_submit(
        team=transport.team, applicant=neighbour, why="I drive for the car scheme.", brings="Ten years of driving."
    )
    return {
        "transport": transport,
        "day_ops": day_ops,
        "resident_comment": Comment.objects.get(author=people["resident"], object_id=transport.pk, parent=None),
        "neighbour_comment": theirs,
    }


def _directory_work(people: dict, organisation: Organisation) -> dict:
    """A draft listing (to preview and edit), a listing reported as wrong, an invitation for the resident,
    and new details of the organisation waiting for review."""
    published = Listing.objects.filter(
        organisation=organisation, status=Listing.Status.PUBLISHED, edit_of=None, pending_edit=None
    ).first()
    content = directory.listing_content(published)
    content.fields["name"] = "Memory cafe in Cromer"
    draft = directory.listing_create(organisation=organisation, content=content, by=people["group_member"])
    directory.problem_report_create(listing=published, by=people["resident"], what_is_wrong="The phone is wrong.")
    invitation = directory.member_invite(
        organisation=organisation, email=people["resident"].email, role="editor", by=people["group_member"]
    )
    directory.organisation_change_propose(
        organisation=organisation,
        by=people["group_member"],
        name=f"{organisation.name} (North Norfolk)",
        phone="01263 555555",
    )
    return {"published": published, "draft": draft, "invitation": invitation}


# --- Crawling -----------------------------------------------------------------------------


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag, attrs):
        href = dict(attrs).get("href")
        if tag == "a" and href:
            self.hrefs.append(href)


def _links(html: str, base: str) -> list[str]:
    """Same-site paths linked from a page, the ones without a query first."""
    parser = _Links()
    parser.feed(html)
    host = urlsplit(base).netloc
    paths = []
    for href in parser.hrefs:
        url = urlsplit(urljoin(base, href))
        if url.scheme in ("http", "https") and url.netloc == host:
            paths.append(url.path + (f"?{url.query}" if url.query else ""))
    return sorted(set(paths), key=lambda p: ("?" in p, p))


def _sitemap_paths(page) -> list[str]:
    response = page.request.get(reverse("sitemap"))
    assert response.ok, f"/sitemap.xml answered {response.status}"
    root = ElementTree.fromstring(response.body())  # noqa: S314 (the portal's own sitemap, not untrusted)
    by_kind: dict[str | None, list[str]] = {}
    for loc in root.findall("s:url/s:loc", SITEMAP_NS):
        path = urlsplit(loc.text.strip()).path
        by_kind.setdefault(kind_of(path), []).append(path)
    return [path for paths in by_kind.values() for path in paths[:: -(-len(paths) // PER_KIND)]]


def _linked_public_paths(page, start: list[str]) -> list[str]:
    """One page of each public kind not in `start`, found by following links (breadth first) from it.

    A kind is a URL name; only pages that answer 200 with HTML to someone signed out count.
    """
    seen_kinds = {kind_of(path) for path in start}
    queue = deque(start)
    found: list[str] = []
    while queue:
        response = page.request.get(queue.popleft())
        if not response.ok or "text/html" not in response.headers.get("content-type", ""):
            continue
        for path in _links(response.text(), response.url):
            kind = kind_of(path)
            if kind is None or kind in seen_kinds or kind.startswith("admin:"):
                continue
            seen_kinds.add(kind)
            answer = page.request.get(path, max_redirects=0)
            if answer.status == 200 and "text/html" in answer.headers.get("content-type", ""):
                found.append(path)
                queue.append(path)
    return found


def _scan(page, check, paths: list[str], *, expect_status: dict[str, int] | None = None) -> int:
    """Visit each path and run axe on it; fail once at the end, listing every page with a problem."""
    problems: dict[str, object] = {}
    for path in paths:
        response = page.goto(path)
        wanted = (expect_status or {}).get(path, 200)
        if response is None or response.status != wanted:
            problems[path] = f"answered {response.status if response else 'nothing'}, not {wanted}"
            continue
        if response.request.redirected_from is not None:
            problems[path] = f"redirected to {page.url}"
            continue
        if "text/html" not in response.headers.get("content-type", ""):
            problems[path] = f"is not a page: {response.headers.get('content-type')}"
            continue
        try:
            check(page)
        except AssertionError as failure:
            # assert_accessible reports the violations as JSON, before pytest's own explanation.
            report = str(failure).split("\nassert")[0]
            try:
                problems[path] = json.loads(report)
            except ValueError:
                problems[path] = report
    assert problems == {}, f"{len(problems)} of {len(paths)} pages fail:\n" + json.dumps(problems, indent=1)
    return len(paths)


# --- Public pages ---------------------------------------------------------------------------


@pytest.mark.parametrize("share", [0, 1], ids=["sitemap-first-half", "sitemap-second-half"])
def test_every_url_in_the_sitemap_is_accessible(page, portal, assert_accessible, share):
    paths = _sitemap_paths(page)
    kinds = {kind_of(path) for path in paths}
    # The sitemap must list the pages people land on from a search engine (not only the home page).
    assert {"localism:place_detail", "consultations:detail", "budgeting:round_detail"} <= kinds, kinds
    crawled = _scan(page, assert_accessible, paths[share::2])
    print(f"sitemap share {share}: {crawled} of {len(paths)} URLs crawled")


def test_every_other_kind_of_public_page_is_accessible(page, portal, assert_accessible):
    sitemap = _sitemap_paths(page)
    linked = _linked_public_paths(page, sitemap)
    # Pages every visitor reaches from the frame: if the crawl stops finding them, it has broken.
    assert {"directory:search", "consultations:list", "transparency:index", "account_login"} <= {
        kind_of(p) for p in linked
    }, linked
    paths = linked + FORM_RESULT_PAGES + [NOT_FOUND_PAGE]
    crawled = _scan(page, assert_accessible, paths, expect_status={NOT_FOUND_PAGE: 404})
    print(f"public pages linked from the sitemap: {crawled} URLs crawled: {paths}")


# --- Signed-in pages --------------------------------------------------------------------------


def _resident_pages(portal) -> list[str]:
    transport = portal["transport"]
    return [
        reverse("accounts:profile"),
        reverse("accounts:data"),
        reverse("notifications:following"),
        reverse("accounts:delete"),
        reverse("consultations:respond", kwargs={"slug": portal["day_ops"].slug}),
        reverse("consultations:respond", kwargs={"slug": transport.slug}),
        reverse("consultations:respond_done", kwargs={"slug": transport.slug}),
        reverse("consultations:equality", kwargs={"slug": transport.slug}),
        reverse("consultations:equality", kwargs={"slug": transport.slug}) + "?age_band=35-44",
        reverse("consultations:equality_answers"),
        reverse("consultations:equality_answers") + "?change=1",
        reverse("consultations:equality_answers") + "?age_band=35-44",
        reverse("discussions:comment_detail", kwargs={"pk": portal["resident_comment"].pk}),
        reverse("discussions:comment_edit", kwargs={"pk": portal["resident_comment"].pk}),
        reverse("discussions:comment_delete", kwargs={"pk": portal["resident_comment"].pk}),
        reverse("discussions:comment_report", kwargs={"pk": portal["neighbour_comment"].pk}),
        reverse("budgeting:vote", kwargs={"slug": portal["voting_round"].slug}),
        reverse("directory:listing_report", kwargs={"pk": portal["published"].pk}),
        reverse("directory:invitation_accept", kwargs={"token": portal["invitation"].token}),
        reverse("directory:dashboard"),
        # The demo resident is signed up to the demo's full drop-in.
        Registration.objects.get(user=portal["resident"]).event.get_absolute_url(),
    ]


def _group_member_pages(portal) -> list[str]:
    organisation = portal["organisation"].slug
    submitted = portal["proposal"]
    open_window = ChallengeWindow.objects.get(title="Library and community services, 2026")
    return [
        reverse("directory:dashboard"),
        reverse("directory:organisation_register"),
        reverse("directory:organisation_manage", kwargs={"slug": organisation}),
        reverse("directory:organisation_edit", kwargs={"slug": organisation}),
        reverse("directory:listing_create", kwargs={"slug": organisation}),
        reverse("directory:listing_edit", kwargs={"pk": portal["draft"].pk}),
        reverse("directory:listing_edit", kwargs={"pk": portal["published"].pk}),
        reverse("directory:listing_detail", kwargs={"pk": portal["draft"].pk}),
        reverse("transparency:nominate"),
        reverse("transparency:challenge_express_interest", kwargs={"pk": open_window.pk}),
        reverse("budgeting:project_propose", kwargs={"slug": portal["proposals_round"].slug}),
        reverse("budgeting:project_detail", kwargs={"slug": portal["proposals_round"].slug, "pk": submitted.pk}),
        reverse("budgeting:project_edit", kwargs={"slug": portal["proposals_round"].slug, "pk": submitted.pk}),
        reverse("consultations:team_apply", kwargs={"slug": portal["transport"].slug}),
    ]


def _staff_portal_pages(portal) -> list[str]:
    """Pages of the portal itself (not the admin) that only staff see."""
    return [
        reverse("consultations:equality_report", kwargs={"slug": portal["transport"].slug}),
        reverse("directory:listing_detail", kwargs={"pk": portal["draft"].pk}),
        *(reverse("events:people", kwargs={"pk": pk}) for pk in Event.objects.values_list("pk", flat=True)),
    ]


SIGNED_IN_PAGES = {"resident": _resident_pages, "group_member": _group_member_pages, "staff": _staff_portal_pages}


@pytest.mark.parametrize("role", SIGNED_IN_PAGES)
def test_signed_in_pages_of_each_role_are_accessible(page, portal, sign_in, assert_accessible, role):
    sign_in(page, portal[role])
    paths = SIGNED_IN_PAGES[role](portal)
    crawled = _scan(page, assert_accessible, paths)
    print(f"{role}: {crawled} URLs crawled")


# --- The staff admin ----------------------------------------------------------------------------

STANDARD_ADMIN_VIEWS = ("_changelist", "_add", "_history", "_delete", "_change", "_autocomplete")


def _admin_pages(staff) -> list[str]:
    """The admin index, each app's index, and per registered model its changelist, a change form and own views."""
    site = admin.site
    request = RequestFactory().get(reverse("localism:home"))
    request.user = staff
    paths = [reverse("admin:index")]
    registry = sorted(site._registry.items(), key=lambda item: item[0]._meta.label)
    paths += [
        reverse("admin:app_list", kwargs={"app_label": label})
        for label in sorted({model._meta.app_label for model, _ in registry})
    ]
    for model, model_admin in registry:
        info = f"admin:{model._meta.app_label}_{model._meta.model_name}"
        paths.append(reverse(f"{info}_changelist"))
        row = model_admin.get_queryset(request).order_by("pk").first()
        if row is not None:
            paths.append(reverse(f"{info}_change", args=[quote(row.pk)]))
        elif model_admin.has_add_permission(request):
            paths.append(reverse(f"{info}_add"))
        for pattern in model_admin.get_urls():
            name = pattern.name or ""
            if not name or name.endswith(STANDARD_ADMIN_VIEWS) or name.endswith("_changelist"):
                continue
            try:
                paths.append(reverse(f"admin:{name}", args=[quote(row.pk)] if row is not None else []))
            except NoReverseMatch:
                paths.append(reverse(f"admin:{name}"))
    return paths


# Rows on a changelist page while crawling. The rows of a changelist share their template, and axe's time grows with
# the page (a changelist of 100 rows costs it seconds): 20 rows still meet the content that varies from row to row,
# and a demo model with more rows shows the paginator as well.
ROWS_PER_CHANGELIST = 20


@pytest.fixture
def short_changelists(monkeypatch):
    for model_admin in admin.site._registry.values():
        monkeypatch.setattr(model_admin, "list_per_page", ROWS_PER_CHANGELIST)


@pytest.mark.parametrize("share", [0, 1], ids=["admin-first-half", "admin-second-half"])
def test_staff_admin_pages_are_accessible(page, portal, sign_in, assert_accessible, short_changelists, share):
    sign_in(page, portal["staff"])
    paths = _admin_pages(portal["staff"])
    assert len(paths) > 2 * len(admin.site._registry), paths
    crawled = _scan(page, assert_accessible, paths[share::2])
    print(f"staff admin share {share}: {crawled} of {len(paths)} URLs crawled")
