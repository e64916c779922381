"""A bare Django "hello": one view, no middleware, no database. `make loadtest` serves it with the same
gunicorn as the portal, in the same run, as the ceiling the portal's pages are compared with."""

import secrets

from django.conf import settings
from django.core.wsgi import get_wsgi_application
from django.http import HttpResponse
from django.urls import path

# Configured only when gunicorn loads this module as its application (never inside the portal).
if not settings.configured:
    settings.configure(
        DEBUG=False,
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS=["127.0.0.1"],
        ROOT_URLCONF=__name__,
        MIDDLEWARE=[],
        INSTALLED_APPS=[],
    )


def hello(request):
    return HttpResponse("Hello")


urlpatterns = [path("", hello), path("robots.txt", hello)]


def application(environ, start_response):
    return _application()(environ, start_response)


def _application():
    global _wsgi
    if _wsgi is None:
        _wsgi = get_wsgi_application()
    return _wsgi


_wsgi = None
