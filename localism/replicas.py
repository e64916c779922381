"""Reads from a PostgreSQL streaming replica, when one is configured (DATABASE_REPLICA_URL), never stale.

The rule, in one place:
- Only the reads of a web request that only reads (GET, HEAD, OPTIONS) may go to the replica. A request
  that writes (any other method), its reads included, and everything outside a request (tasks, commands)
  stay on the primary; so do reads inside a transaction, and reads of the tables no public page shows
  (sessions, caches, the outbox: `page_cache.is_content_table`), whose writes are not tracked.
- The replica is read only when it has replayed every content write the site has committed: each
  commit that wrote content records the primary's WAL position (LSN) in the shared cache, before the
  page cache moves on (`page_cache.mark_stale`), and the replica answers with the position it has
  replayed. So a person who has just written reads what they wrote, and a kept page is never rendered
  from older data than its generation. A replica that lags is read again once it has caught up.
- A replica that cannot be reached (or is not a standby) is left alone for REPLICA_RETRY_SECONDS, with a
  log line, and the primary serves; a lag is logged at most once a minute per process.
"""

from __future__ import annotations

import contextlib
import contextvars
import logging
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import caches
from django.db import DatabaseError, connections

logger = logging.getLogger(__name__)

PRIMARY = "default"
REPLICA = "replica"
WRITE_POSITION_KEY = "replicas:last-write-lsn"
LAG_LOG_SECONDS = 60
_SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def is_configured() -> bool:
    return REPLICA in settings.DATABASES


def _lsn(text: str | None) -> int | None:
    """A PostgreSQL LSN ('16/B374D848') as a number, for comparing."""
    if not text:
        return None
    high, low = text.split("/")
    return (int(high, 16) << 32) | int(low, 16)


# --- Where the content writes have reached --------------------------------------------------------


def _primary_position() -> int:
    with connections[PRIMARY].cursor() as cursor:
        cursor.execute("SELECT pg_current_wal_lsn()::text")
        return _lsn(cursor.fetchone()[0])


def record_write_position() -> None:
    """After a commit that wrote content: the primary's WAL position, for readers to wait for."""
    try:
        position = _primary_position()
        cache = caches["pages"]
        # Positions only grow; of two commits racing, the later one's is kept (or both read the later one).
        if not cache.add(WRITE_POSITION_KEY, position, timeout=None):
            current = cache.get(WRITE_POSITION_KEY)
            if current is None or current < position:
                cache.set(WRITE_POSITION_KEY, position, timeout=None)
    except Exception:
        # Without the position, readers cannot know the replica is current: they read the primary.
        logger.exception("The position of the last write was not recorded; reads go to the primary")
        _forget_write_position()
    note_write()


def note_write() -> None:
    """The request has written: its later reads go to the primary."""
    request = _request.get()
    if request is not None:
        request.wrote = True


def _forget_write_position() -> None:
    # The cache may be down too: then readers cannot read the position either, and read the primary.
    with contextlib.suppress(Exception):
        caches["pages"].delete(WRITE_POSITION_KEY)


def _last_write_position() -> int | None:
    """The position every replica read must have replayed; None when unknown (then the primary serves).

    With none recorded (a new cache), the primary's present position is, as every earlier write is before it."""
    try:
        cache = caches["pages"]
        position = cache.get(WRITE_POSITION_KEY)
        if position is None:
            cache.add(WRITE_POSITION_KEY, _primary_position(), timeout=None)
            position = cache.get(WRITE_POSITION_KEY)
        return position
    except Exception:  # noqa: BLE001 - the cache or the primary is down
        logger.warning("The position of the last write could not be read; reading from the primary", exc_info=True)
        return None


# --- The replica's state, per process ------------------------------------------------------------


@dataclass
class _Health:
    down_until: float = 0.0
    lag_logged_at: float = 0.0


_health = _Health()


def _replayed_position() -> int | None:
    """The WAL position the replica has replayed; None when it cannot be read (then it is left alone)."""
    if time.monotonic() < _health.down_until:
        return None
    try:
        with connections[REPLICA].cursor() as cursor:
            cursor.execute("SELECT pg_last_wal_replay_lsn()::text")
            position = _lsn(cursor.fetchone()[0])
    except DatabaseError as error:
        _set_aside(f"it cannot be reached ({str(error).strip().splitlines()[0] if str(error) else error!r})")
        return None
    if position is None:
        _set_aside("it is not a standby (no replayed position)")
    return position


def _set_aside(reason: str) -> None:
    _health.down_until = time.monotonic() + settings.REPLICA_RETRY_SECONDS
    logger.warning(
        "The read replica is set aside for %s s, reads go to the primary: %s", settings.REPLICA_RETRY_SECONDS, reason
    )
    with contextlib.suppress(DatabaseError):
        connections[REPLICA].close()


# --- Per request ------------------------------------------------------------------------------------


@dataclass
class _RequestState:
    wrote: bool = False
    decided: bool = False
    use_replica: bool = False

    def replica_is_current(self) -> bool:
        """Asked once per request, at its first read that could go to the replica."""
        if not self.decided:
            self.decided = True
            needed = _last_write_position()
            replayed = _replayed_position() if needed is not None else None
            self.use_replica = replayed is not None and replayed >= needed
            if replayed is not None and not self.use_replica:
                _log_lag(replayed, needed)
        return self.use_replica


def _log_lag(replayed: int, needed: int) -> None:
    now = time.monotonic()
    if now - _health.lag_logged_at >= LAG_LOG_SECONDS:
        _health.lag_logged_at = now
        logger.warning(
            "The read replica is %s bytes of WAL behind the last write; reads go to the primary until it catches up",
            needed - replayed,
        )


_request: contextvars.ContextVar[_RequestState | None] = contextvars.ContextVar("replica_request", default=None)


class ReplicaReadsMiddleware:
    """Marks a request that only reads as one whose reads may go to the replica."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not is_configured() or request.method not in _SAFE_METHODS:
            return self.get_response(request)
        token = _request.set(_RequestState())
        try:
            return self.get_response(request)
        finally:
            _request.reset(token)


class ReplicaRouter:
    """DATABASE_ROUTERS: writes and migrations on the primary; reads on the replica when the rule allows."""

    def db_for_read(self, model, **hints):
        from localism.page_cache import is_content_table

        state = _request.get()
        if state is None or state.wrote or not is_content_table(model._meta.db_table):
            return PRIMARY
        if connections[PRIMARY].in_atomic_block:
            return PRIMARY
        return REPLICA if state.replica_is_current() else PRIMARY

    def db_for_write(self, model, **hints):
        return PRIMARY

    def allow_relation(self, obj1, obj2, **hints):
        return True  # one database, two copies of it

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == PRIMARY
