"""Odd text in every form a signed-in person can send never gives a 500.

The forms are every route from the URL resolver that accepts a POST, with the sample data the CSRF suite
keeps for each (tests/security/conftest.py `world`: a new form must have some, or that suite fails). Every
text value of the sample is replaced with the odd value, as a browser or a bot could send it; files are kept.
(test_odd_input.py sends each kind of odd text to the public forms one field at a time.)
"""

from __future__ import annotations

import pytest
from django.test import Client

from tests.security.payloads import ODD_NUMBERS_AND_DATES, ODD_TEXT_COMBINED, server_errors, with_odd_text
from tests.security.routes import EXEMPT, ROUTES, _url, destructive_last

pytestmark = pytest.mark.django_db

ODD_VALUES = ODD_TEXT_COMBINED | ODD_NUMBERS_AND_DATES


@pytest.mark.parametrize("kind", ODD_VALUES)
def test_odd_text_in_every_form_never_gives_a_500(world, kind):
    value = ODD_VALUES[kind]
    browser = Client(raise_request_exception=False)
    browser.force_login(world.user)
    sent, problems = server_errors(
        (route.name, browser, _url(route, world), with_odd_text(world.data[route.name], value))
        for route in destructive_last([r for r in ROUTES if r.name in world.data and r.name not in EXEMPT])
    )
    assert sent >= 40
    assert not problems, "\n".join(problems)
