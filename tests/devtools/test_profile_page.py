"""`make profile URL=...`: one page's time against its own SQL, each of its queries with its own time, and the
functions the time is spent in."""

import io
import re

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def profile(url: str, **options) -> str:
    out = io.StringIO()
    call_command("profile_page", url, stdout=out, **{"requests": 2, "top": 5, **options})
    return out.getvalue()


def test_the_profile_times_the_page_lists_each_query_and_names_the_view():
    printed = profile(reverse("localism:home"), top=40)

    figures = re.search(
        r"Page: median [\d.]+ ms .* its own SQL [\d.]+ ms, ÷ SQL [\d.]+; CPU [\d.]+ ms; (\d+) queries", printed
    )
    assert figures, printed
    # One line per query the page ran, numbered, each with its own replayed time.
    listed = re.findall(
        r"^ *(\d+) +(?:[\d.]+|\(write\))  (?:SELECT|WITH|INSERT|UPDATE|DELETE) ", printed, flags=re.MULTILINE
    )
    assert listed == [str(number) for number in range(1, int(figures[1]) + 1)], printed
    # The project's view, named by its file inside the project; Django's functions by their path inside the library.
    assert re.search(r"^ *[\d.]+ +[\d.]+ +1\.0  localism/views\.py:\d+ \(home\)$", printed, flags=re.MULTILINE), (
        printed
    )
    assert re.search(r"  django/[\w/]+\.py:\d+ \(\S+\)$", printed, flags=re.MULTILINE), printed
    assert "profile_page.py" not in printed, "the command's own frames are left out"


def test_the_page_is_rendered_each_time_even_where_the_page_cache_is_on(settings):
    settings.PAGE_CACHE_SECONDS = 60
    printed = profile(reverse("localism:home"), top=40)
    assert re.search(r"its own SQL [\d.]+ ms, ÷ SQL [\d.]+; CPU [\d.]+ ms; [1-9]\d* queries", printed), printed
    assert re.search(r"  localism/views\.py:\d+ \(home\)$", printed, flags=re.MULTILINE), printed


def test_a_page_is_profiled_as_the_person_named():
    UserFactory(email="profiled@example.org")
    the_view = re.compile(r"  accounts/views\.py:\d+ \(profile\)$", flags=re.MULTILINE)
    # Signed out, the profile page sends the visitor to sign in: its view never runs.
    # Enough rows that the view is listed below the middleware that calls it.
    assert not the_view.search(profile(reverse("accounts:profile"), top=40))
    assert the_view.search(profile(reverse("accounts:profile"), email="Profiled@example.org", top=40))


@pytest.mark.parametrize(
    ("url", "options", "message"),
    [
        ("/no-such-page/", {}, "/no-such-page/ answered 404"),
        ("/", {"email": "nobody@example.org"}, "No account has the email address nobody@example.org"),
        ("/", {"requests": 0}, "--requests and --top must be at least 1"),
    ],
)
def test_a_page_that_fails_or_a_wrong_option_says_why(url, options, message):
    with pytest.raises(CommandError, match=re.escape(message)):
        profile(url, **options)
