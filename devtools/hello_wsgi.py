"""A bare Django "hello": one view, no middleware, no database. `make loadtest` serves it with the same
gunicorn as the portal, in the same run, as the ceiling the portal's pages are compared with."""

from django.conf import settings
from django.core.wsgi import get_wsgi_application
from django.http import HttpResponse
from django.urls import path

settings.configure(
    DEBUG=False,
    SECRET_KEY="a bare hello serves nothing secret",  # noqa: S106 (nothing is signed)
    ALLOWED_HOSTS=["127.0.0.1"],
    ROOT_URLCONF=__name__,
    MIDDLEWARE=[],
    INSTALLED_APPS=[],
)


def hello(request):
    return HttpResponse("Hello")


urlpatterns = [path("", hello), path("robots.txt", hello)]
application = get_wsgi_application()
