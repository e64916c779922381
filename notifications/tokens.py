"""One-click unsubscribe links: they work without signing in, cannot be forged and reveal nothing.

A token is the person's id and the kind of email, encrypted and authenticated (Fernet: AES with an
HMAC) under a key derived from SECRET_KEY. Whoever reads the link learns neither who it is for nor
which email it stops, and two links for the same person look unrelated. Keys in
SECRET_KEY_FALLBACKS still open links sent before a key was rotated.
"""

from __future__ import annotations

import json

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.utils.crypto import salted_hmac
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from localism.links import absolute_reverse

_PURPOSE = "notifications.unsubscribe"
# The token's text is at most this long (a kind name of 100 characters fits); longer input is not a token.
MAX_TOKEN_LENGTH = 400


def _fernet(secret: str) -> Fernet:
    key = salted_hmac(_PURPOSE, "fernet-key", secret=secret, algorithm="sha256").digest()
    return Fernet(urlsafe_base64_encode(key).ljust(44, "="))


def _keys() -> MultiFernet:
    return MultiFernet([_fernet(settings.SECRET_KEY), *(_fernet(old) for old in settings.SECRET_KEY_FALLBACKS)])


def unsubscribe_token(user, kind: str) -> str:
    return _keys().encrypt(force_bytes(json.dumps([user.pk, kind]))).decode().rstrip("=")


def read_unsubscribe_token(token: str) -> tuple[int, str] | None:
    """(user id, kind) from a token, or None if it was tampered with or is not one of ours."""
    if not token or len(token) > MAX_TOKEN_LENGTH:
        return None
    try:
        data = json.loads(_keys().decrypt(force_bytes(token + "=" * (-len(token) % 4))))
    except (InvalidToken, ValueError, TypeError):
        return None
    if not (isinstance(data, list) and len(data) == 2 and type(data[0]) is int and isinstance(data[1], str)):
        return None
    return data[0], data[1]


def unsubscribe_url(user, kind: str) -> str:
    return absolute_reverse("notifications:unsubscribe", unsubscribe_token(user, kind))
