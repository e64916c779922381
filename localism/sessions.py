"""Sessions in the database, as Django keeps them, but a session cookie that no session could have is no session.

Django makes every session key of lower-case letters and digits. A cookie with anything else (a NUL byte sent by a
bot, which PostgreSQL refuses in a query) would otherwise reach the sessions table and fail the whole request.
"""

from django.contrib.sessions.backends import db
from django.contrib.sessions.backends.base import VALID_KEY_CHARS

_KEY_CHARS = frozenset(VALID_KEY_CHARS)


class SessionStore(db.SessionStore):
    def _validate_session_key(self, key):
        return super()._validate_session_key(key) and frozenset(key) <= _KEY_CHARS
