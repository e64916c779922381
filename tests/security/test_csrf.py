"""CSRF: a signed-in person's browser posting without the form token is refused, and nothing changes.

The URLs come from the URL resolver, so a new form is covered as soon as it is added: a URL whose view
accepts POST must get sample arguments below (real objects the signed-in person may act on), or a
reason in EXEMPT. Each state-changing URL is then posted twice: without a token (403, the CSRF page,
no row changed anywhere) and with one (the control: the same request does change something).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import timedelta

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.test import Client
from django.urls import NoReverseMatch, URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from consultations.models import Question, Response
from directory.models import Invitation, Listing, Membership
from discussions.models import Comment
from localism.models import Council, Place
from notifications.tokens import unsubscribe_token
from tests.budgeting.factories import ProjectFactory, RoundFactory
from tests.consultations.factories import ConsultationFactory, QuestionFactory, TeamFactory
from tests.directory.factories import ListingFactory, MembershipFactory, OrganisationFactory
from tests.discussions.factories import CommentFactory
from tests.factories import PlaceFactory, PostcodeFactory, TopicFactory, UserFactory
from tests.petitions.factories import PetitionFactory
from tests.security.state import changed_tables, changes_since, table_digests
from tests.transparency.factories import NOMINATION_FORM
from transparency.models import ChallengeWindow

pytestmark = pytest.mark.django_db

CSRF_PAGE = "Your form could not be sent"

# Exempt on purpose, with the reason; each is tested on its own below.
EXEMPT = {
    "notifications:unsubscribe": "one-click unsubscribe (RFC 8058): mail programs POST without a form token; "
    "the signed token in the address is the proof",
}
# Views whose only effect is an email (nothing stored): their control counts the emails sent instead.
SENDS_ONLY = {"accounts:verification_resend"}
# Views that do not restrict the method but only ever read (feeds, calendars, the sitemap).
READS_ONLY = {
    "consultations:feed",
    "consultations:calendar",
    "transparency:decisions_feed",
    "petitions:feed",
    "sitemap",
}
# The staff admin is tested separately (it needs a staff member with two-factor authentication).
SKIPPED_NAMESPACES = ("admin",)
# Sample values for URL arguments of views that only read (the CSRF check comes before the view runs).
READ_ONLY_ARGUMENTS = {
    "fmt": "csv",
    "which": "listed",
    "key": "no-such-key",
    "uidb36": "1",
    "reference": "ACV-2026-0001",
    "token": "no-such-token",
}
READ_ONLY_CONVERTERS = {"int": 1, "slug": "no-such-thing", "str": "no-such-thing", "path": "no-such-thing"}


@dataclass
class Route:
    name: str
    pattern: URLPattern
    arguments: list[str] = field(default_factory=list)

    @property
    def app(self) -> str:
        if ":" in self.name:
            return self.name.split(":", 1)[0]
        return "allauth" if self.name.startswith(("account_", "mfa_")) else "site"


def _walk(patterns, namespace: str = ""):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _walk(entry.url_patterns, inner)
        elif entry.name:
            yield f"{namespace}{entry.name}", entry


def _arguments(pattern: URLPattern) -> list[str]:
    converters = getattr(pattern.pattern, "converters", None)
    if converters is not None and converters:
        return list(converters)
    return list(pattern.pattern.regex.groupindex)


def routes() -> list[Route]:
    return [
        Route(name, pattern, _arguments(pattern))
        for name, pattern in _walk(get_resolver().url_patterns)
        if not name.startswith(tuple(f"{ns}:" for ns in SKIPPED_NAMESPACES))
    ]


def declared_methods(view, seen=None) -> set[str] | None:
    """The methods a view's require_http_methods/require_POST/require_GET allows; None when it does not say."""
    seen = seen if seen is not None else set()
    if id(view) in seen:
        return None
    seen.add(id(view))
    view_class = getattr(view, "view_class", None)
    if view_class is not None:
        return {m.upper() for m in view_class.http_method_names if hasattr(view_class, m)}
    code = getattr(view, "__code__", None)
    cells = [c.cell_contents for c in getattr(view, "__closure__", None) or () if c.cell_contents is not None]
    if code is not None and code.co_filename.replace("\\", "/").endswith("django/views/decorators/http.py"):
        for value in cells:
            if isinstance(value, list | tuple) and all(isinstance(m, str) for m in value):
                return {m.upper() for m in value}
    for inner in [*cells, getattr(view, "__wrapped__", None)]:
        if callable(inner):
            found = declared_methods(inner, seen)
            if found is not None:
                return found
    return None


def accepts_post(route: Route) -> bool:
    methods = declared_methods(route.pattern.callback)
    return methods is None or "POST" in methods


ROUTES = routes()


# --- The signed-in person and things they may change ------------------------------------------


@dataclass
class World:
    user: object
    password: str
    arguments: dict[str, dict] = field(default_factory=dict)
    data: dict[str, dict] = field(default_factory=dict)


@pytest.fixture
def world(resident, password, other_resident) -> World:
    """For every state-changing URL: the arguments and form data with which the resident's POST does something."""
    today = timezone.localdate()
    now = timezone.now()
    district = PlaceFactory(name="North Norfolk", slug="north-norfolk", kind=Place.Kind.DISTRICT, ons_code="E07000147")
    PostcodeFactory(postcode="NR27 9AB", latitude=52.9305, longitude=1.3015, district_code="E07000147")
    resident.home_postcode = "NR27 9AB"
    resident.save(update_fields=["home_postcode"])
    topic = TopicFactory()

    mine = OrganisationFactory(name="Resident's group")
    MembershipFactory(organisation=mine, user=resident, role=Membership.Role.OWNER)
    shared = OrganisationFactory(name="Shared group")
    MembershipFactory(organisation=shared, user=other_resident, role=Membership.Role.OWNER)
    MembershipFactory(organisation=shared, user=resident, role=Membership.Role.EDITOR)
    waiting = UserFactory(email="waiting@example.org", verified=False)
    EmailAddress.objects.create(user=waiting, email=waiting.email, verified=False, primary=True)
    inviting = OrganisationFactory(name="Inviting group")
    invitation = Invitation.objects.create(organisation=inviting, email=resident.email, invited_by=other_resident)
    drafts = {
        action: ListingFactory(organisation=mine, status=Listing.Status.DRAFT, published_at=None, phone="01603 000000")
        for action in ("edit", "submit", "archive")
    }
    published = ListingFactory(organisation=mine)
    theirs = ListingFactory(organisation=shared)

    consultation = ConsultationFactory()
    TeamFactory(consultation=consultation)
    question = QuestionFactory(consultation=consultation, kind=Question.Kind.TEXT)
    monitored = ConsultationFactory()
    Response.objects.create(consultation=monitored, respondent=resident)

    comments = {action: CommentFactory(target=consultation, author=resident) for action in ("edit", "delete")}
    hidden = CommentFactory(target=consultation, author=resident, status=Comment.Status.HIDDEN, hidden_reason="spam")
    other_comment = CommentFactory(target=consultation, author=other_resident)

    proposals = RoundFactory(
        proposals_open=now - timedelta(days=1),
        checking_starts=now + timedelta(days=1),
        voting_opens=now + timedelta(days=2),
        voting_closes=now + timedelta(days=3),
    )
    project = ProjectFactory(round=proposals, proposer=resident, organisation=mine, status="submitted")
    voting = RoundFactory(places=[district])
    candidate = ProjectFactory(round=voting)
    window = ChallengeWindow.objects.create(
        title="Libraries",
        services="Libraries",
        opens_on=today - timedelta(days=1),
        closes_on=today + timedelta(days=9),
    )
    norfolk = Council.objects.get(slug="norfolk-county-council")
    draft_petition = PetitionFactory(creator=resident, status="draft", opened_at=None, closes_at=None)
    open_petition = PetitionFactory()
    listing_form = {"name": "Walks", "kind": "club", "summary": "Walks.", "description": "Walks for all."}
    return World(
        user=resident,
        password=password,
        arguments={
            "directory:listing_report": {"pk": theirs.pk},
            "directory:organisation_edit": {"slug": mine.slug},
            "directory:member_invite": {"slug": mine.slug},
            "directory:membership_leave": {"slug": shared.slug},
            "directory:listing_create": {"slug": mine.slug},
            "directory:invitation_accept": {"token": invitation.token},
            "directory:listing_edit": {"pk": drafts["edit"].pk},
            "directory:listing_submit": {"pk": drafts["submit"].pk},
            "directory:listing_archive": {"pk": drafts["archive"].pk},
            "directory:listing_confirm": {"pk": published.pk},
            "consultations:respond": {"slug": consultation.slug},
            "consultations:equality": {"slug": monitored.slug},
            "consultations:team_apply": {"slug": consultation.slug},
            "transparency:challenge_express_interest": {"pk": window.pk},
            "discussions:comment_edit": {"pk": comments["edit"].pk},
            "discussions:comment_delete": {"pk": comments["delete"].pk},
            "discussions:comment_agree": {"pk": other_comment.pk},
            "discussions:comment_report": {"pk": other_comment.pk},
            "discussions:comment_request_review": {"pk": hidden.pk},
            "discussions:comment_create": {"key": "consultation", "pk": consultation.pk},
            "budgeting:project_propose": {"slug": proposals.slug},
            "budgeting:vote": {"slug": voting.slug},
            "budgeting:project_edit": {"slug": proposals.slug, "pk": project.pk},
            "petitions:submit": {"pk": draft_petition.pk},
            "petitions:sign": {"pk": open_petition.pk},
        },
        data={
            "accounts:profile": {"display_name": "Changed name", "email_frequency": "weekly"},
            "accounts:delete": {"password": password},
            "accounts:verification_resend": {"email": waiting.email},
            "notifications:follow": {"target": f"localism.place:{district.pk}"},
            "notifications:following": {"topics": [topic.pk]},
            "directory:listing_report": {"what_is_wrong": "It has closed."},
            "directory:organisation_register": {"name": "New group", "kind": "community_group", "description": "x"},
            "directory:organisation_edit": {"name": "Renamed group", "kind": "community_group", "description": "x"},
            "directory:member_invite": {"email": "friend@example.org", "role": "editor"},
            "directory:listing_create": listing_form,
            "directory:listing_edit": listing_form,
            "consultations:respond": {f"q{question.pk}": "Cromer"},
            "consultations:equality": {"age_band": "25-34"},
            "consultations:team_apply": {"why": "I use it", "brings": "Experience"},
            "transparency:nominate": NOMINATION_FORM,
            "transparency:challenge_express_interest": {
                "body_name": "Holt Trust",
                "body_kind": "charitable_trust",
                "service": "Holt library",
                "area": "Holt",
                "financial_resources": "Reserves.",
                "capability": "Volunteers.",
                "outcomes_for_users": "Longer hours.",
                "outcomes_for_wellbeing": "A warm space.",
            },
            "discussions:comment_edit": {"text": "Edited words"},
            "discussions:comment_report": {"reason": "spam"},
            "discussions:comment_create": {"text": "A new comment"},
            "budgeting:project_propose": {
                "title": "Benches",
                "description": "Benches.",
                "cost": "100",
                "place": district.pk,
                "organisation": mine.pk,
            },
            "budgeting:vote": {"projects": [candidate.pk]},
            "petitions:start": {
                "council": norfolk.pk,
                "title": "A crossing",
                "action": "Put a crossing on Holt Road.",
                "runs_for_weeks": "12",
            },
            "petitions:submit": {},
            "petitions:sign": {"postcode": "NR27 9AB", "connection": "live"},
            "budgeting:project_edit": {
                "title": "Renamed benches",
                "description": "Benches.",
                "cost": "100",
                "place": project.place.pk,
                "organisation": mine.pk,
            },
        },
    )


def _url(route: Route, world: World) -> str:
    kwargs = world.arguments.get(route.name)
    if kwargs is None:
        converters = getattr(route.pattern.pattern, "converters", {})
        kwargs = {}
        for name in route.arguments:
            converter = type(converters[name]).__name__.lower().replace("converter", "") if name in converters else ""
            if name in READ_ONLY_ARGUMENTS:
                kwargs[name] = READ_ONLY_ARGUMENTS[name]
            elif converter == "uuid":
                kwargs[name] = uuid.uuid4()
            else:
                kwargs[name] = READ_ONLY_CONVERTERS.get(converter, "no-such-thing")
    return reverse(route.name, kwargs=kwargs)


# Destructive URLs go last, so that the controls before them run as a signed-in person.
_LAST = ("accounts:delete", "account_logout")


def _ordered(selected: list[Route]) -> list[Route]:
    return sorted(selected, key=lambda r: (r.name in _LAST, _LAST.index(r.name) if r.name in _LAST else 0))


def _token(client: Client) -> str:
    client.get(reverse("accounts:profile"))
    return client.cookies["csrftoken"].value


def _apps() -> list[str]:
    return sorted({route.app for route in ROUTES})


@pytest.mark.parametrize("app", _apps())
def test_a_post_without_the_form_token_is_refused_and_changes_nothing(world, app):
    selected = _ordered([r for r in ROUTES if r.app == app and r.name not in EXEMPT])
    assert selected, f"no URLs found for {app}"
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(world.user)
    token = _token(browser)
    problems = []
    state = table_digests()
    for route in selected:
        try:
            url = _url(route, world)
        except NoReverseMatch:
            problems.append(f"{route.name}: no sample arguments to build its address")
            continue
        data = world.data.get(route.name, {})
        response = browser.post(url, data)
        if response.status_code != 403 or CSRF_PAGE not in response.content.decode():
            problems.append(f"{route.name} {url}: {response.status_code} without a token")
        changed, state = changes_since(state)
        if changed:
            problems.append(f"{route.name} {url}: changed {changed} without a token")
        if route.name in world.data or route.name in world.arguments:
            # The control: with the token the very same request is let through and does something.
            sent = len(mail.outbox)
            response = browser.post(url, {**data, "csrfmiddlewaretoken": token})
            changed, state = changes_since(state)
            if route.name in SENDS_ONLY:
                changed = len(mail.outbox) > sent
            if CSRF_PAGE in response.content.decode():
                problems.append(f"{route.name} {url}: refused even with the token")
            elif not changed:
                problems.append(f"{route.name} {url}: the control changed nothing ({response.status_code})")
    assert not problems, "\n".join(problems)


def test_every_url_that_accepts_a_post_has_sample_data_or_a_reason(world):
    """A new state-changing URL fails here until it is given arguments and data above, or a reason in EXEMPT."""
    missing = []
    for route in ROUTES:
        if route.app == "allauth" or route.name in {*EXEMPT, *READS_ONLY} or not accepts_post(route):
            continue
        if route.arguments and route.name not in world.arguments:
            missing.append(f"{route.name}: arguments")
        if route.name not in world.data and route.name not in world.arguments:
            missing.append(f"{route.name}: form data")
    assert not missing, "\n".join(missing)


def test_the_route_walk_finds_the_forms_it_should():
    names = {route.name for route in ROUTES if accepts_post(route)}
    for expected in ("directory:listing_edit", "discussions:comment_create", "accounts:delete", "account_logout"):
        assert expected in names
    for read_only in ("directory:search", "transparency:spending", "oruk:services"):
        assert read_only not in names
    every = {route.name for route in ROUTES}
    for name in ("directory:search", "oruk:services", "account_login"):
        assert name in every


def test_signing_out_without_the_token_keeps_the_person_signed_in(world):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(world.user)
    response = browser.post(reverse("account_logout"))
    assert response.status_code == 403
    assert browser.get(reverse("accounts:profile")).status_code == 200


# --- The exemption: one-click unsubscribe ------------------------------------------------------


def test_one_click_unsubscribe_is_exempt_because_the_signed_token_is_the_proof(world):
    world.user.email_frequency = "daily"
    world.user.save(update_fields=["email_frequency"])
    mail_program = Client(enforce_csrf_checks=True)
    url = reverse("notifications:unsubscribe", kwargs={"token": unsubscribe_token(world.user, "notifications.digest")})
    before = table_digests()
    assert mail_program.get(url).status_code == 200
    assert changed_tables(before) == [], "showing the unsubscribe page must not unsubscribe (link scanners)"
    response = mail_program.post(url)
    assert response.status_code == 200
    assert changed_tables(before) != []


@pytest.mark.parametrize("token", ["forged", "1:notifications.digest:abc", "MQ:notifications.digest:tampered"])
def test_one_click_unsubscribe_with_a_forged_token_changes_nothing(world, token):
    before = table_digests()
    response = Client(enforce_csrf_checks=True).post(reverse("notifications:unsubscribe", kwargs={"token": token}))
    assert response.status_code == 404
    assert changed_tables(before) == []


def test_only_the_unsubscribe_view_is_exempt_from_csrf():
    exempt = {route.name for route in ROUTES if getattr(route.pattern.callback, "csrf_exempt", False)}
    assert exempt == set(EXEMPT)


# --- The staff admin ---------------------------------------------------------------------------


def test_staff_admin_forms_need_the_token_too(moderator, resident):
    staff = Client(enforce_csrf_checks=True)
    staff.force_login(moderator)
    draft = ConsultationFactory(draft=True)
    before = table_digests()
    for url, data in [
        (reverse("admin:accounts_user_change", args=[resident.pk]), {"is_staff": "on"}),
        (f"/staff-admin/consultations/consultation/{draft.pk}/publish/", {"formative": "on"}),
        ("/staff-admin/discussions/comment/", {"action": "_publish", "_selected_action": ["1"]}),
        (reverse("admin:logout"), {}),
    ]:
        response = staff.post(url, data)
        assert response.status_code == 403 and CSRF_PAGE in response.content.decode(), url
    assert changed_tables(before) == []
