"""Text alerts: UK mobile numbers, and the 6-digit codes that prove a number is the resident's."""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets

import phonenumbers
from cryptography.fernet import Fernet, InvalidToken
from django.conf import settings


def uk_mobile_number(text: str) -> str | None:
    """The number in international form (+447700900123) if it is a UK mobile number, else None."""
    try:
        parsed = phonenumbers.parse(text, "GB")
    except phonenumbers.NumberParseException:
        return None
    if (
        parsed.country_code != 44
        or not phonenumbers.is_valid_number(parsed)
        or phonenumbers.number_type(parsed) != phonenumbers.PhoneNumberType.MOBILE
    ):
        return None
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)


def new_code() -> str:
    return f"{secrets.randbelow(1_000_000):06d}"


def code_hash(mobile, code: str) -> str:
    """A keyed hash of the code for this person and number: a code made for another number never matches."""
    message = f"{mobile.user_id}:{mobile.number}:{code}".encode()
    return hmac.new(_key(b"notifications.mobile-code-hash"), message, hashlib.sha256).hexdigest()


def code_matches(mobile, code: str) -> bool:
    return bool(mobile.code_hash) and hmac.compare_digest(mobile.code_hash, code_hash(mobile, code))


def sealed_code(code: str) -> str:
    """The code encrypted for its outbox row, which must be able to send it again after a crash."""
    return _fernet().encrypt(code.encode()).decode()


def unsealed_code(sealed: str) -> str | None:
    try:
        return _fernet().decrypt(sealed.encode()).decode()
    except (InvalidToken, ValueError):
        return None


def code_text(code: str) -> str:
    return (
        f"{code} is your {settings.SITE_NAME} code to turn on text alerts. It expires in 10 minutes. "
        "If you did not ask for it, you can ignore this message."
    )


def _key(purpose: bytes) -> bytes:
    return hmac.new(settings.SECRET_KEY.encode(), purpose, hashlib.sha256).digest()


def _fernet() -> Fernet:
    return Fernet(base64.urlsafe_b64encode(_key(b"notifications.mobile-code-seal")))
