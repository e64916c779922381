"""The anonymous page cache: a page a visitor without a session sees is kept, and served to the next
such visitor without running the view, until anything in the database changes.

Why a generation, not per-page invalidation: a page shows many things (a place page shows listings,
consultations, decisions, spending, petitions), so knowing which writes change which pages would be a
second copy of every page's queries. Instead every write to a content table, whatever makes it (a form,
the admin, an import's bulk insert, a task), moves one counter on after its transaction commits, and a
page is served from the cache only if it was rendered at the counter's current value. The writes are
seen at the database connection, so none can be missed by a code path that forgot to say so.

What is never kept, so one person's page is never another's:
- any request with a cookie other than the CSRF cookie (a session: signed in, a message waiting, a
  half-finished form), any request but GET, and any request with an Authorization header;
- any response but a 200 (a form with errors answers 400), one that sets a cookie (a page with a form
  sets the CSRF cookie: its token is the visitor's own), one marked private or no-store, and a stream.

Time also changes pages (a consultation opens at nine), so a kept page lasts PAGE_CACHE_SECONDS at most.
Public pages carry an ETag, Last-Modified and `Cache-Control: public` so that a reverse proxy or CDN can
keep them too, revalidating (a 304 costs one cache read here).
"""

from __future__ import annotations

import hashlib
import logging
import re
import time

from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.utils.cache import get_conditional_response, patch_cache_control, set_response_etag
from django.utils.http import http_date, parse_http_date_safe

from localism import replicas

logger = logging.getLogger(__name__)

CACHE_ALIAS = "pages"
GENERATION_KEY = "page-cache:generation"

# Tables whose rows no public page shows: the caches themselves, sessions, mobile numbers and the outbox (the worker
# writes to it all the time). A write to any other table makes every kept page stale.
_IGNORED_TABLES = re.compile(
    r"^(localism_cache|localism_page_cache|django_session|notifications_notification\w*|notifications_mobilenumber)$"
)
_WRITE = re.compile(r'^\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM|TRUNCATE(?:\s+TABLE)?)\s+"?(\w+)"?', re.IGNORECASE)
_SHAREABLE_VARY = {"cookie", "accept-encoding", "hx-request"}


def _cache():
    return caches[CACHE_ALIAS]


def is_enabled() -> bool:
    return settings.PAGE_CACHE_SECONDS > 0


def is_watching_writes() -> bool:
    return is_enabled() or replicas.is_configured()


def mark_stale() -> None:
    """Every kept page is stale from now on (called after a write commits). With a read replica, the
    write's position is recorded first, so that a page rendered at the new generation reads data as new."""
    if replicas.is_configured():
        replicas.record_write_position()
    if not is_enabled():
        return
    cache = _cache()
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        # No counter yet (or evicted): start one no earlier page can have been rendered at.
        if not cache.add(GENERATION_KEY, time.time_ns(), timeout=None):
            cache.incr(GENERATION_KEY)
    except Exception:
        logger.exception("The page cache could not be marked stale; kept pages may show old content")


def is_content_table(table: str) -> bool:
    """Whether a table holds what pages show (its writes are watched; a read replica may serve its reads)."""
    return not _IGNORED_TABLES.match(table)


def _changes_content(sql: str) -> bool:
    match = _WRITE.match(sql)
    return match is not None and is_content_table(match[1])


def _mark_stale_on_commit(connection) -> None:
    if any(getattr(callback, "marks_pages_stale", False) for _, callback, *_ in connection.run_on_commit):
        return  # once per transaction, however many rows it writes
    transaction.on_commit(mark_stale_after_commit, using=connection.alias)


def mark_stale_after_commit() -> None:
    mark_stale()


mark_stale_after_commit.marks_pages_stale = True


def watch_writes(execute, sql, params, many, context):
    """A database execute wrapper: after a statement that writes content, the pages go stale when its
    transaction commits (at once outside a transaction)."""
    result = execute(sql, params, many, context)
    if is_watching_writes() and isinstance(sql, str) and _changes_content(sql):
        replicas.note_write()
        connection = context["connection"]
        if connection.in_atomic_block:
            _mark_stale_on_commit(connection)
        else:
            mark_stale()
    return result


def install_write_watch(sender, connection, **kwargs) -> None:
    """On each new database connection (the `connection_created` signal)."""
    if watch_writes not in connection.execute_wrappers:
        connection.execute_wrappers.append(watch_writes)


def _is_anonymous_read(request: HttpRequest) -> bool:
    if request.method != "GET" or "HTTP_AUTHORIZATION" in request.META:
        return False
    return all(name == settings.CSRF_COOKIE_NAME for name in request.COOKIES)


def _key(request: HttpRequest) -> str:
    hx = request.headers.get("HX-Request", "")
    address = f"{request.get_host()}|{request.get_full_path()}|{hx}"
    return "page-cache:page:" + hashlib.sha256(address.encode()).hexdigest()


def _is_shareable(response: HttpResponse) -> bool:
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    control = response.headers.get("Cache-Control", "").lower()
    if any(word in control for word in ("private", "no-store", "no-cache")):
        return False
    vary = {part.strip().lower() for part in response.headers.get("Vary", "").split(",") if part.strip()}
    return vary <= _SHAREABLE_VARY


def _public(response: HttpResponse, rendered_at: float) -> None:
    if not response.has_header("ETag"):
        set_response_etag(response)
    if not response.has_header("Last-Modified"):
        response.headers["Last-Modified"] = http_date(rendered_at)
    patch_cache_control(response, public=True, max_age=0, s_maxage=settings.PAGE_CACHE_SHARED_SECONDS)


class AnonymousPageCacheMiddleware:
    """Serves anonymous visitors' pages from the page cache, and keeps the ones that may be shared."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not is_enabled():
            return self.get_response(request)
        if not _is_anonymous_read(request):
            return self._not_shared(self.get_response(request))
        try:
            key = _key(request)
            found = _cache().get_many([GENERATION_KEY, key])
        except Exception:
            # A host the site does not serve (answered below with a 400), or the cache is down: render.
            logger.warning("The page cache was not read", exc_info=True)
            return self._not_shared(self.get_response(request))
        generation = found.get(GENERATION_KEY)
        if generation is None:
            mark_stale()
            generation = _cache().get(GENERATION_KEY)
        kept = found.get(key)
        if kept is not None and kept["generation"] == generation:
            return self._from_cache(request, kept)
        rendered_at = time.time()
        response = self.get_response(request)
        if not _is_shareable(response):
            return self._not_shared(response)
        _public(response, rendered_at)
        try:
            _cache().set(
                key,
                {
                    "generation": generation,
                    "status": response.status_code,
                    "headers": dict(response.headers),
                    "content": response.content,
                },
                timeout=settings.PAGE_CACHE_SECONDS,
            )
        except Exception:
            logger.warning("The page cache was not written", exc_info=True)
        response.headers["X-Page-Cache"] = "miss"
        return response

    @staticmethod
    def _from_cache(request: HttpRequest, kept: dict) -> HttpResponse:
        response = HttpResponse(kept["content"], status=kept["status"])
        for name, value in kept["headers"].items():
            response.headers[name] = value
        response.headers["X-Page-Cache"] = "hit"
        last_modified = parse_http_date_safe(response.headers.get("Last-Modified", ""))
        return get_conditional_response(
            request, etag=response.headers.get("ETag"), last_modified=last_modified, response=response
        )

    @staticmethod
    def _not_shared(response: HttpResponse) -> HttpResponse:
        """A page that is not kept is not for shared caches either."""
        if not response.has_header("Cache-Control"):
            patch_cache_control(response, private=True, no_cache=True)
        return response
