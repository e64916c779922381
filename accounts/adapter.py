"""Sign-in guessing is slowed down without letting a stranger lock the owner out of their account.

Failed sign-ins are counted per account *and* per place they come from, so that five wrong
passwords typed by somebody else stop only that somebody:

- a browser the account has signed in from before carries a signed "known browser" cookie and is
  counted on its own (the owner's usual browser is never held up by anyone else's attempts);
- any other browser is counted by its network address, and all such browsers together by a slower,
  account-wide limit, which stops guessing spread over many addresses;
- every address is also limited across all accounts (allauth's own per-address limit).

A successful sign-in does not count, and a password reset clears the account's counts.
This is the "device cookie" scheme of the OWASP guidance on slowing online guessing.
"""

from __future__ import annotations

import hashlib
import secrets
from typing import Any
from urllib.parse import urlsplit

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core.internal import ratelimit
from django.conf import settings
from django.core import signing
from django.http import HttpRequest, HttpResponse

from localism.links import absolute_url

KNOWN_BROWSER_COOKIE = "known_browser"
_COOKIE_SALT = "accounts.known-browser"
_COOKIE_MAX_AGE = 180 * 24 * 60 * 60
_MAX_ACCOUNTS_PER_BROWSER = 5
_APP = "accounts"
_UNKNOWN_BROWSERS = "login_failed_unknown_browsers"


def _account(login: str) -> str:
    return hashlib.sha256(login.strip().lower().encode()).hexdigest()[:32]


def _known_accounts(request: HttpRequest) -> dict[str, str]:
    try:
        accounts = signing.loads(request.COOKIES.get(KNOWN_BROWSER_COOKIE, ""), salt=_COOKIE_SALT)
    except signing.BadSignature:
        return {}
    return accounts if isinstance(accounts, dict) else {}


def known_browser(request: HttpRequest, login: str) -> str | None:
    """This browser's own id for the account, if it has signed in to it before."""
    value = _known_accounts(request).get(_account(login))
    return value if isinstance(value, str) else None


def remember_browser(request: HttpRequest, response: HttpResponse, login: str) -> None:
    """After a successful sign-in: mark this browser as known to the account (signed, so it cannot be made up)."""
    accounts = _known_accounts(request)
    key = _account(login)
    accounts[key] = accounts.pop(key, None) or secrets.token_urlsafe(12)
    kept = dict(list(accounts.items())[-_MAX_ACCOUNTS_PER_BROWSER:])
    response.set_cookie(
        KNOWN_BROWSER_COOKIE,
        signing.dumps(kept, salt=_COOKIE_SALT),
        max_age=_COOKIE_MAX_AGE,
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )


_LINKS = ("activate_url", "password_reset_url", "signup_url")


def _on_this_site(url: str) -> str:
    """The same address on the portal's own public address (SITE_URL), whatever host the request came to."""
    parts = urlsplit(url)
    return absolute_url(parts.path + (f"?{parts.query}" if parts.query else ""))


class AccountAdapter(DefaultAccountAdapter):
    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        """Sign-up, confirmation and password emails name the portal and link to it from settings, not the
        request's host (the templates in templates/account/email/ are in the portal's own words)."""
        links = {name: _on_this_site(context[name]) for name in _LINKS if context.get(name)}
        super().send_mail(
            template_prefix,
            email,
            {**context, **links, "site_name": settings.SITE_NAME, "site_url": settings.SITE_URL},
        )

    def _login(self, credentials: dict[str, Any]) -> str:
        return str(credentials.get("email", credentials.get("username", "")))

    def _get_login_attempts_cache_key(self, request: HttpRequest, **credentials: Any) -> str:
        account = super()._get_login_attempts_cache_key(request, **credentials)
        browser = known_browser(request, self._login(credentials))
        if browser:
            return f"{account}:browser:{browser}"
        return f"{account}:address:{ratelimit.get_ip(request)}"

    def pre_authenticate(self, request: HttpRequest, **credentials: Any) -> None:
        super().pre_authenticate(request, **credentials)
        self._unknown_browsers_usage = None
        if known_browser(request, self._login(credentials)):
            return
        self._unknown_browsers_usage = ratelimit.consume(
            request,
            app=_APP,
            action=_UNKNOWN_BROWSERS,
            config=settings.ACCOUNT_RATE_LIMITS_UNKNOWN_BROWSERS,
            key=_account(self._login(credentials)),
        )
        if not self._unknown_browsers_usage:
            self._rollback_login_failed_rl_usage()
            raise self.validation_error("too_many_login_attempts")

    def _rollback_login_failed_rl_usage(self) -> None:
        super()._rollback_login_failed_rl_usage()
        usage = getattr(self, "_unknown_browsers_usage", None)
        if usage:
            usage.rollback()

    def _delete_login_attempts_cached_email(self, request: HttpRequest, **credentials: Any) -> None:
        super()._delete_login_attempts_cached_email(request, **credentials)
        ratelimit.clear(
            request,
            app=_APP,
            action=_UNKNOWN_BROWSERS,
            config=settings.ACCOUNT_RATE_LIMITS_UNKNOWN_BROWSERS,
            key=_account(self._login(credentials)),
        )
