"""Huge and odd input (NUL bytes, lone surrogates, invalid UTF-8, invisible and combining characters, emoji)
never gives a 500: in any query string of a list, search or API page, in a URL, or in any public form.

PostgreSQL refuses NUL in text, so a NUL that reaches a query or an INSERT is a 500; forms refuse it
(and so nothing with a NUL is stored), filters and API parameters must too.
"""

import uuid
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from budgeting.models import Project
from consultations.models import Question, Response, TeamApplication
from directory.models import Listing, Organisation, ProblemReport
from discussions.models import Comment, Report
from tests.budgeting.factories import RoundFactory, proposal_form
from tests.consultations.factories import ConsultationFactory, QuestionFactory, TeamFactory
from tests.directory.factories import (
    MembershipFactory,
)
from tests.directory.listing_form import rows
from tests.discussions.factories import CommentFactory
from tests.security.payloads import FORM, ODD_TEXT, ODD_TEXT_COMBINED, encode_value, form_body, no_500, query_string
from tests.security.routes import routes
from tests.transparency.factories import (
    EXPRESSION_FORM,
    NOMINATION_FORM,
)
from transparency.forms import ExpressionOfInterestForm, NominationForm
from transparency.models import AssetNomination, ChallengeWindow, ExpressionOfInterest

pytestmark = pytest.mark.django_db


QUERY_PAGES = {
    reverse("directory:search"): [
        "q",
        "postcode",
        "miles",
        "category",
        "place",
        "kind",
        "age",
        "day",
        "free",
        "sort",
        "page",
    ],
    reverse("directory:search_csv"): ["q", "age"],
    reverse("directory:search_json"): ["postcode", "day"],
    reverse("directory:category_detail", kwargs={"slug": "clubs"}): ["page"],
    reverse("consultations:list"): ["q", "status", "topic", "place", "page", "format"],
    reverse("transparency:spending"): [
        "date_from",
        "date_from_day",
        "date_from_month",
        "date_from_year",
        "date_to",
        "service_area",
        "expense_type",
        "amount_min",
        "amount_max",
        "q",
        "supplier",
        "page",
    ],
    reverse("transparency:spending_download", kwargs={"fmt": "csv"}): ["amount_min", "supplier"],
    reverse("transparency:spending_download", kwargs={"fmt": "json"}): ["date_to", "q"],
    reverse("transparency:supplier_detail", kwargs={"slug": "acme-care-ltd"}): ["date_from", "q"],
    reverse("transparency:contracts"): [
        "q",
        "department",
        "starts_from",
        "starts_to",
        "starts_to_year",
        "is_sme",
        "is_vcse",
        "page",
    ],
    reverse("transparency:contracts_download", kwargs={"fmt": "csv"}): ["department"],
    reverse("transparency:grants"): ["q", "awarded_from", "awarded_to", "page"],
    reverse("transparency:grants_download", kwargs={"fmt": "json"}): ["q", "awarded_from"],
    reverse("transparency:decisions"): ["q", "decided_from", "decided_to", "page"],
    reverse("transparency:decisions_download", kwargs={"fmt": "csv"}): ["decided_to"],
    reverse("transparency:assets"): ["place", "page"],
    reverse("transparency:assets_unsuccessful"): ["place", "page"],
    reverse("transparency:assets_download", kwargs={"which": "listed", "fmt": "csv"}): ["place"],
    reverse("transparency:challenge"): ["page"],
    reverse("localism:search"): ["q"],
    reverse("localism:find_by_postcode"): ["postcode"],
    reverse("localism:resource_list"): ["topic"],
    reverse("localism:place_list"): ["page"],
    reverse("budgeting:round_list"): ["page"],
    reverse("account_login"): ["next"],
    reverse("account_signup"): ["next"],
    reverse("oruk:services"): [
        "search",
        "taxonomy_id",
        "taxonomy_term_id",
        "minimum_age",
        "maximum_age",
        "day",
        "start_time",
        "end_time",
        "page",
        "per_page",
    ],
    reverse("oruk:service_at_locations"): ["postcode", "proximity", "search", "day", "page", "per_page"],
    reverse("oruk:taxonomy_terms"): ["taxonomy_id", "parent_id", "page"],
    reverse("oruk:taxonomies"): ["page", "per_page"],
    reverse("oruk:organizations"): ["page", "per_page"],
}


@pytest.mark.parametrize("page", QUERY_PAGES)
def test_odd_values_in_any_query_parameter_never_give_a_500(populated, page):
    client = Client(raise_request_exception=False)
    problems = [
        problem
        for name in QUERY_PAGES[page]
        for kind, value in ODD_TEXT_COMBINED.items()
        if (problem := no_500(client, f"{page}?{query_string({name: value})}")) and (problem := f"{kind}: {problem}")
    ]
    assert not problems, "\n".join(problems)


def test_odd_values_in_a_discussion_threads_paging_never_give_a_500(populated):
    client = Client(raise_request_exception=False)
    thread = reverse("discussions:thread", kwargs={"key": "consultation", "pk": populated["consultation"].pk})
    problems = [
        f"{kind}: {problem}"
        for name in ("sort", "after")
        for kind, value in ODD_TEXT_COMBINED.items()
        if (problem := no_500(client, f"{thread}?{query_string({name: value})}"))
    ]
    assert not problems, "\n".join(problems)


def test_the_same_parameter_given_many_times_never_gives_a_500(populated):
    client = Client(raise_request_exception=False)
    for page in (
        reverse("directory:search"),
        reverse("consultations:list"),
        reverse("transparency:spending"),
        reverse("oruk:services"),
    ):
        assert no_500(client, f"{page}?" + "&".join(["q=a", "page=2", "q=%00", "age=-1", "age=999"] * 200)) is None


# Where the odd value goes in an address: slug-safe, so that any text argument's converter takes it.
_MARK = "odd-value-here"


def _addresses() -> list[str]:
    """Every route from the URL resolver whose address carries text (a str, slug or path argument, or a pattern's
    group), the admin's included, with _MARK where that text goes and a sample for each number and UUID."""
    addresses = []
    for route in routes(skipped_namespaces=()):
        converters = getattr(route.pattern.pattern, "converters", {})
        kwargs = {}
        for name in route.arguments:
            converter = type(converters[name]).__name__ if name in converters else None
            kwargs[name] = {"IntConverter": 1, "UUIDConverter": uuid.UUID(int=1)}.get(converter, _MARK)
        if _MARK in kwargs.values():
            try:
                addresses.append(reverse(route.name, kwargs=kwargs))
            except NoReverseMatch:
                continue  # a pattern that takes only some words (a file format): the resolver refuses the rest
    return addresses


def test_the_addresses_with_text_include_those_of_each_kind_of_page():
    addresses = _addresses()
    assert len(addresses) > 40
    assert {
        reverse("asset_transfers:detail", kwargs={"reference": _MARK}),
        reverse("localism:place_detail", kwargs={"slug": _MARK}),
        reverse("oruk:service_detail", kwargs={"pk": _MARK}),
        reverse("admin:directory_listing_change", kwargs={"object_id": _MARK}),
    } <= set(addresses)


@pytest.mark.parametrize("kind", ODD_TEXT_COMBINED)
def test_odd_values_in_an_address_never_give_a_500(populated, staff_client, kind):
    """Signed out and as a staff member with two-factor authentication (who reaches the admin's own pages)."""
    staff_client.raise_request_exception = False
    value = encode_value(ODD_TEXT_COMBINED[kind][:5000])
    problems = [
        f"{kind}: {problem}"
        for address in _addresses()
        for client in (Client(raise_request_exception=False), staff_client)
        if (problem := no_500(client, address.replace(_MARK, value)))
    ]
    assert not problems, "\n".join(problems)


# --- Forms --------------------------------------------------------------------------------------


@pytest.fixture
def forms(populated, resident, other_resident, password):
    """Each public form: its URL, a valid submission, its free-text fields and the rows it would add."""
    today = timezone.localdate()
    organisation = MembershipFactory(user=resident).organisation
    consultation = ConsultationFactory(title="Libraries")
    TeamFactory(consultation=consultation)
    short = QuestionFactory(consultation=consultation, kind=Question.Kind.TEXT)
    long = QuestionFactory(consultation=consultation, kind=Question.Kind.LONG_TEXT)
    comment = CommentFactory(target=consultation, author=resident, text="Mine")
    theirs = CommentFactory(target=consultation, author=other_resident, text="Theirs")
    budget_round = RoundFactory(taking_proposals=True)
    window = ChallengeWindow.objects.create(
        title="Libraries",
        services="Libraries",
        opens_on=today - timedelta(days=1),
        closes_on=today + timedelta(days=9),
    )
    text = lambda *names: names  # noqa: E731 (reads as a list of field names)
    return [
        (
            reverse("accounts:profile"),
            {"display_name": "Sam", "home_postcode": "", "email_frequency": "daily"},
            text("display_name", "home_postcode"),
            None,
        ),
        (
            reverse("directory:listing_create", kwargs={"slug": organisation.slug}),
            {"name": "Walk", "kind": "club", "summary": "Walks.", "description": "Walks."}
            | rows("venues", {})
            | rows("sessions", {})
            | rows("closures", {}),
            text(
                "name",
                "summary",
                "description",
                "eligibility",
                "cost_description",
                "venues-0-name",
                "venues-0-address_1",
                "venues-0-city",
                "venues-0-postcode",
                "venues-0-accessibility",
                "phone",
                "contact_name",
                "languages",
                "url",
                "email",
                "closures-0-start",
                "minimum_age",
                "sessions-0-opens",
            ),
            Listing,
        ),
        (
            reverse("directory:organisation_register"),
            {"name": "Walkers", "kind": "community_group", "description": "Walks."},
            text("name", "description", "phone", "charity_number", "company_number", "website", "email"),
            Organisation,
        ),
        (
            reverse("directory:organisation_edit", kwargs={"slug": organisation.slug}),
            {"name": organisation.name, "kind": "community_group", "description": "Walks."},
            text("name", "description", "phone", "email", "website"),
            None,
        ),
        (
            reverse("directory:member_invite", kwargs={"slug": organisation.slug}),
            {"email": "friend@example.org", "role": "editor"},
            text("email", "role"),
            None,
        ),
        (
            reverse("directory:listing_report", kwargs={"pk": populated["listing"].pk}),
            {"what_is_wrong": "Closed"},
            text("what_is_wrong"),
            ProblemReport,
        ),
        (
            reverse("consultations:respond", kwargs={"slug": consultation.slug}),
            {f"q{short.pk}": "a", f"q{long.pk}": "b"},
            text(f"q{short.pk}", f"q{long.pk}", "website"),
            Response,
        ),
        (
            reverse("consultations:team_apply", kwargs={"slug": consultation.slug}),
            {"why": "x", "brings": "y"},
            text("why", "brings", "organisation_name", "access_needs"),
            TeamApplication,
        ),
        (
            reverse("discussions:comment_create", kwargs={"key": "consultation", "pk": consultation.pk}),
            {"text": "Hi"},
            text("text"),
            Comment,
        ),
        (
            reverse("discussions:comment_create", kwargs={"key": "consultation", "pk": consultation.pk}),
            {"text": "Hi"},
            text("parent"),
            None,
        ),
        (reverse("discussions:comment_edit", kwargs={"pk": comment.pk}), {"text": "Edited"}, text("text"), None),
        (
            reverse("discussions:comment_report", kwargs={"pk": theirs.pk}),
            {"reason": "spam"},
            text("reason", "details"),
            Report,
        ),
        (
            reverse("transparency:nominate"),
            NOMINATION_FORM,
            text(*(name for name in NominationForm.Meta.fields if name != "body_kind")),
            AssetNomination,
        ),
        (
            reverse("transparency:challenge_express_interest", kwargs={"pk": window.pk}),
            EXPRESSION_FORM,
            text(*(name for name in ExpressionOfInterestForm.Meta.fields if name != "body_kind")),
            ExpressionOfInterest,
        ),
        (
            reverse("budgeting:project_propose", kwargs={"slug": budget_round.slug}),
            proposal_form(organisation, populated["listing"].service_areas.get()),
            text("title", "description", "cost", "image_description", "place"),
            Project,
        ),
        (reverse("notifications:follow"), {"target": "localism.place:1"}, text("target", "next", "action"), None),
        (reverse("notifications:following"), {}, text("topics"), None),
        (reverse("accounts:delete"), {"password": "wrong"}, text("password"), None),
        (reverse("account_login"), {"login": resident.email, "password": "wrong"}, text("login", "password"), None),
        (
            reverse("account_signup"),
            {"email": "n@example.org", "display_name": "N", "password1": password, "password2": password},
            text("email", "display_name", "password1", "password2"),
            None,
        ),
    ]


def test_odd_text_in_every_public_form_never_gives_a_500_and_a_nul_is_never_stored(forms, resident):
    """Each form, each kind of odd text put into all its free-text fields at once."""
    problems = []
    for url, valid, fields, model in forms:
        client = Client(raise_request_exception=False)
        if not url.startswith((reverse("account_login"), reverse("account_signup"))):
            client.force_login(resident)
        for kind, value in ODD_TEXT_COMBINED.items():
            cache.clear()
            before = model.objects.count() if model else 0
            response = client.post(url, form_body(valid | dict.fromkeys(fields, value)), content_type=FORM)
            if response.status_code >= 500:
                problems.append(f"{kind}: {response.status_code} from {url}")
            if kind == "nul" and model and model.objects.count() != before:
                problems.append(f"nul: {url} stored a {model.__name__}")
            if kind == "nul" and model and response.status_code not in (200, 400):
                problems.append(f"nul: {url} answered {response.status_code}, not the form with a message")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("kind", ODD_TEXT)
def test_each_kind_of_odd_text_in_a_comment_is_refused_with_a_message_or_stored_cleanly(
    resident_client, populated, kind
):
    url = reverse("discussions:comment_create", kwargs={"key": "consultation", "pk": populated["consultation"].pk})
    response = resident_client.post(url, form_body({"text": f"Hello {ODD_TEXT[kind]}"}), content_type=FORM)
    mine = Comment.objects.filter(author__email="resident@example.org")
    if kind in ("nul", "long", "long_emoji"):
        assert response.status_code == 400
        assert "There is a problem" in response.content.decode()
        assert not mine.exists()
    else:
        assert response.status_code == 302
        stored = mine.get().text
        assert stored.startswith("Hello ") and "\x00" not in stored
        if kind in ("invalid_utf8", "lone_surrogate"):
            assert "\ufffd" in stored  # broken bytes arrive as the replacement character


@pytest.mark.parametrize("kind", ODD_TEXT)
def test_each_kind_of_odd_text_in_a_search_never_gives_a_500(populated, kind):
    client = Client(raise_request_exception=False)
    for url in (
        reverse("directory:search") + "?q={}",
        reverse("localism:search") + "?q={}",
        reverse("oruk:services") + "?search={}",
        reverse("transparency:spending") + "?q={}",
    ):
        assert no_500(client, url.format(encode_value(ODD_TEXT[kind]))) is None, url


def test_a_filter_with_a_nul_byte_gets_a_page_with_a_message(populated):
    response = Client().get(reverse("transparency:spending"), {"q": "Acme\x00"})
    assert response.status_code in (200, 400)
    assert "Acme Care Ltd" in response.content.decode() or "problem" in response.content.decode().lower()


def test_dates_and_amounts_far_out_of_range_get_a_message(populated):
    client = Client(raise_request_exception=False)
    for params in (
        {"date_from": "31/02/2025"},
        {"date_from": "01/01/99999"},
        {"date_to": "0000-01-01"},
        {"date_from_day": "1", "date_from_month": "1", "date_from_year": "99999"},
        {"date_from_day": "99999999999999999999", "date_from_month": "1", "date_from_year": "2026"},
        {"date_to_day": "1", "date_to_month": "1", "date_to_year": "0000"},
        {"amount_min": "1e309"},
        {"amount_min": "NaN"},
        {"amount_max": "-inf"},
        {"amount_min": "9" * 29},
    ):
        response = client.get(reverse("transparency:spending"), params)
        assert response.status_code in (200, 400), params


@pytest.mark.parametrize(
    "cookie",
    [
        "sessionid=abcdefghijkl\x00mnop",  # a NUL byte as a bot sends it
        'sessionid="abcdefghijkl\\000mnop"',  # the same, quoted: the cookie parser turns \000 into NUL
        "sessionid=ABCDEFGHIJKLMNOPQRSTUVWXYZ",  # letters no session key has
        "sessionid=" + "9" * 5000,
    ],
)
def test_a_session_cookie_no_session_could_have_is_no_session(resident_client, cookie):
    """Every page answers it as it answers a visitor, and the sessions table is not asked about it."""
    client = Client(raise_request_exception=False)
    for url in (reverse("localism:home"), reverse("account_login"), reverse("consultations:list")):
        response = client.get(url, HTTP_COOKIE=cookie)
        assert response.status_code == 200, url
        assert "Sign out" not in response.content.decode()
    assert resident_client.get(reverse("accounts:profile")).status_code == 200  # real sessions still work
