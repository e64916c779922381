"""While PostgreSQL is unreachable (restarting, failing over), pages answer 503 with Retry-After, not 500.

A database error can surface in a view or in a middleware after it (a lazy session, the signed-in
user), and Django turns either into a 500 before an outer middleware sees it. So the exception is
noted on the request as it happens (the got_request_exception signal is sent inside the handler's
except block), and the outer middleware swaps that 500 for the 503 page. Django reports a session it
could not save as "interrupted" (400, as if the browser were at fault): SessionMiddleware below
reports it as the database error it was.
"""

from __future__ import annotations

import logging
import sys

from django.conf import settings
from django.contrib.sessions.exceptions import SessionInterrupted
from django.contrib.sessions.middleware import SessionMiddleware as DjangoSessionMiddleware
from django.core.signals import got_request_exception
from django.db import InterfaceError, OperationalError
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string

logger = logging.getLogger(__name__)

# Seconds a client is asked to wait: about as long as a restart or a managed fail-over takes.
RETRY_AFTER_SECONDS = 30


@receiver(got_request_exception, dispatch_uid="localism.database_outage")
def _note_database_unavailable(sender, request: HttpRequest | None = None, **kwargs) -> None:
    error = sys.exc_info()[1]
    if request is not None and isinstance(error, OperationalError | InterfaceError):
        request.database_unavailable = True


class DatabaseUnavailableMiddleware:
    """Answers 503 "briefly unavailable" with Retry-After when the database could not be reached."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        unavailable = getattr(request, "database_unavailable", False)
        if response.status_code == 500 and unavailable and not response.streaming and not settings.DEBUG:
            logger.warning("Database unavailable: answered 503 to %s %s", request.method, request.path)
            # The inner middleware's headers (CSP, frame denial, Vary) stay; only the page changes.
            # Rendered without the request: context processors may need the database.
            response.status_code = 503
            response.content = render_to_string("503.html")
            response["Content-Type"] = "text/html; charset=utf-8"
            response["Retry-After"] = str(RETRY_AFTER_SECONDS)
            response["Cache-Control"] = "no-store"
            if response.has_header("Content-Length"):
                response["Content-Length"] = str(len(response.content))
        return response


class SessionMiddleware(DjangoSessionMiddleware):
    """Django's, except that a session not saved because the database is unreachable is that database error."""

    def process_response(self, request: HttpRequest, response: HttpResponse) -> HttpResponse:
        try:
            return super().process_response(request, response)
        except SessionInterrupted as interrupted:
            cause = interrupted.__context__
            while cause is not None and not isinstance(cause, OperationalError | InterfaceError):
                cause = cause.__context__
            if cause is None:
                raise  # the session really was deleted meanwhile (signed out in another tab)
            raise cause from interrupted
