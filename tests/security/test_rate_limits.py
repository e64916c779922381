"""Every write is rate limited, and a refused write answers with the 429 page and changes nothing.

The routes come from the URL resolver, as in the CSRF suite: every view that accepts a POST must carry
django-ratelimit's `@ratelimit` (the staff admin's views carry it through `StaffAdminSite.admin_view`).
A new form without a limit fails `test_every_view_that_accepts_a_post_is_rate_limited`. allauth's views
are limited by allauth's own ACCOUNT_RATE_LIMITS. Each limit is then driven through the test client, with
the CSRF suite's sample data, until it refuses; the refused request must change no table.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.urls import reverse

from discussions.models import Comment
from localism import settings as site_settings
from tests.clients import signed_in
from tests.consultations.factories import ConsultationFactory
from tests.factories import UserFactory
from tests.security.routes import READS_ONLY, ROUTES, Route, _url, accepts_post, routes
from tests.security.state import changes_since, table_digests

pytestmark = pytest.mark.django_db

EVERY_ROUTE = routes(skipped_namespaces=())
# Views that accept a POST but write nothing, with the reason.
WRITES_NOTHING = {"admin:login": "only sends staff to the site's own sign-in, which allauth limits"}

REFUSAL = "You have done that too many times"


@dataclass(frozen=True)
class Limit:
    group: str
    key: str
    rate: str

    @property
    def count(self) -> int:
        return int(self.rate.split(reverse("localism:home"))[0])


def rate_limits(view, seen=None) -> list[Limit]:
    """The django-ratelimit decorators around a view, outermost first (found in the decorators' closures)."""
    seen = seen if seen is not None else set()
    if id(view) in seen:
        return []
    seen.add(id(view))
    view = getattr(view, "__func__", view)
    code = getattr(view, "__code__", None)
    names = code.co_freevars if code is not None else ()
    cells = dict(zip(names, [c.cell_contents for c in getattr(view, "__closure__", None) or ()], strict=True))
    found = []
    in_ratelimit = code is not None and code.co_filename.replace("\\", reverse("localism:home")).endswith(
        "django_ratelimit/decorators.py"
    )
    if in_ratelimit and {"group", "key", "rate"} <= set(cells) and cells.get("block"):
        found.append(Limit(cells["group"], cells["key"], cells["rate"]))
    for inner in [*cells.values(), getattr(view, "__wrapped__", None)]:
        for candidate in inner if isinstance(inner, list | tuple) else [inner]:
            if callable(candidate):
                found.extend(rate_limits(candidate, seen))
    return found


def is_limited(route: Route) -> bool:
    callback = route.pattern.callback
    if rate_limits(callback):
        return True
    # The admin's own views are wrapped in admin_view (and so its limit) as each request comes in.
    site = getattr(callback, "admin_site", None) or getattr(getattr(callback, "model_admin", None), "admin_site", None)
    return site is not None and bool(rate_limits(site.admin_view(lambda request: None)))


def test_the_walk_finds_the_limits_it_should():
    by_name = {route.name: rate_limits(route.pattern.callback) for route in EVERY_ROUTE}
    assert [limit.group for limit in by_name["discussions:comment_create"]] == [
        "discussions-comment",
        "discussions-comment-address",
    ]
    assert by_name["directory:search"] == []
    assert by_name["admin:consultations_consultation_change"] == []  # limited as each request comes in
    assert is_limited(next(r for r in EVERY_ROUTE if r.name == "admin:consultations_consultation_change"))
    for name in ("admin:localism_importbatch_import", "admin:directory_listing_import"):
        assert [limit.group for limit in by_name[name]] == ["staff-admin", "localism.import"], name


def test_every_view_that_accepts_a_post_is_rate_limited():
    unlimited = [
        route.name
        for route in EVERY_ROUTE
        if route.app != "allauth"  # allauth's own ACCOUNT_RATE_LIMITS
        and route.name not in {*READS_ONLY, *WRITES_NOTHING}
        and accepts_post(route)
        and not is_limited(route)
    ]
    assert unlimited == []


# --- Each limit, through the test client ---------------------------------------------------


SITE_WRITES = sorted(
    route.name
    for route in ROUTES
    if route.app not in {"allauth", "admin"} and route.name not in READS_ONLY and accepts_post(route)
)


@pytest.mark.parametrize("name", SITE_WRITES)
def test_a_write_over_its_limit_is_refused_and_changes_nothing(world, name):
    route = next(r for r in ROUTES if r.name == name)
    limit = min(rate_limits(route.pattern.callback), key=lambda limit: limit.count)
    browser = signed_in(world.user)
    url = _url(route, world)
    data = world.data.get(name, {})
    for _ in range(limit.count):  # refused by the form or not, each counts
        assert browser.post(url).status_code != 429
    state = table_digests()
    response = browser.post(url, data)
    assert response.status_code == 429
    assert REFUSAL in response.content.decode()
    assert changes_since(state)[0] == []


def test_many_accounts_from_one_address_are_refused_together():
    consultation = ConsultationFactory()
    url = reverse("discussions:comment_create", kwargs={"key": "consultation", "pk": consultation.pk})
    people = [UserFactory() for _ in range(7)]
    for person in people[:6]:  # 6 people x 5 comments: each within their own 6 a minute, 30 from the address
        browser = signed_in(person)
        for n in range(5):
            assert browser.post(url, {"text": f"Comment {n}"}).status_code == 302
    last = signed_in(people[6])
    response = last.post(url, {"text": "One more"})
    assert response.status_code == 429
    assert Comment.objects.count() == 30


def test_staff_writes_in_the_admin_are_limited_too(staff_client, resident):
    # The staff admin's pages share one allowance: any of its POSTs count against it.
    missing = reverse("admin:consultations_publish", args=[999999])
    for _ in range(60):
        assert staff_client.post(missing).status_code == 404
    state = table_digests()
    response = staff_client.post(reverse("admin:accounts_user_change", args=[resident.pk]), {"is_staff": "on"})
    assert response.status_code == 429
    assert changes_since(state)[0] == []
    resident.refresh_from_db()
    assert not resident.is_staff


def test_the_database_cache_counts_a_limit_across_requests(settings, resident_client, consultation):
    """Without Redis the limits count in the database cache (its increment is row-locked, localism/cache.py)."""
    settings.CACHES = {"default": {"BACKEND": "localism.cache.DatabaseCache", "LOCATION": "localism_cache"}}
    call_command("createcachetable", verbosity=0)
    cache.clear()
    url = reverse("discussions:comment_create", kwargs={"key": "consultation", "pk": consultation.pk})
    codes = [resident_client.post(url, {"text": f"Comment {n}"}).status_code for n in range(7)]
    assert codes == [302] * 6 + [429]
    assert Comment.objects.count() == 6


def test_the_sites_caches_pass_django_ratelimits_checks(settings):
    from django_ratelimit.checks import check_caches

    for caches in (
        {"default": {"BACKEND": "localism.cache.DatabaseCache", "LOCATION": "localism_cache"}},
        {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": "redis://127.0.0.1"}},
    ):
        settings.CACHES = caches
        errors = [e.id for e in check_caches(None) if e.id not in site_settings.SILENCED_SYSTEM_CHECKS]
        assert errors == []
