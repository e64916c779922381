"""Wrong passwords slow a guesser down but cannot lock the owner out of their own account."""

import pytest
from django.test import Client
from django.urls import reverse

from accounts.adapter import KNOWN_BROWSER_COOKIE

pytestmark = pytest.mark.django_db

TOO_MANY = "Too many failed login attempts. Try again later."


def _browser(address: str) -> Client:
    return Client(REMOTE_ADDR=address)


def _sign_in(client: Client, email: str, password: str):
    return client.post(reverse("account_login"), {"login": email, "password": password})


def _guess(client: Client, email: str, times: int) -> None:
    for n in range(times):
        _sign_in(client, email, f"wrong-guess-{n}")


def test_a_strangers_wrong_passwords_do_not_stop_the_owner_signing_in(resident, password):
    _guess(_browser("203.0.113.7"), resident.email, 8)
    owner = _browser("198.51.100.20")
    response = _sign_in(owner, resident.email, password)
    assert response.status_code == 302
    assert owner.session["_auth_user_id"] == str(resident.pk)


def test_the_guesser_is_stopped_even_with_the_right_password(resident, password):
    guesser = _browser("203.0.113.7")
    _guess(guesser, resident.email, 5)
    response = _sign_in(guesser, resident.email, password)
    assert TOO_MANY in response.content.decode()
    assert "_auth_user_id" not in guesser.session


def test_guessing_spread_over_many_addresses_is_stopped_for_browsers_the_account_does_not_know(resident, password):
    for n in range(10):
        _guess(_browser(f"203.0.113.{n + 1}"), resident.email, 3)
    newcomer = _browser("192.0.2.99")
    response = _sign_in(newcomer, resident.email, password)
    assert TOO_MANY in response.content.decode()
    assert "_auth_user_id" not in newcomer.session


def test_the_owners_usual_browser_still_signs_in_during_a_spread_out_attack(resident, password):
    usual = _browser("198.51.100.20")
    assert _sign_in(usual, resident.email, password).status_code == 302
    assert KNOWN_BROWSER_COOKIE in usual.cookies
    usual.post(reverse("account_logout"))
    for n in range(10):
        _guess(_browser(f"203.0.113.{n + 1}"), resident.email, 3)
    # Even from the guessers' own address, the owner's known browser is counted on its own.
    usual.defaults["REMOTE_ADDR"] = "203.0.113.1"
    response = _sign_in(usual, resident.email, password)
    assert response.status_code == 302
    assert usual.session["_auth_user_id"] == str(resident.pk)


def test_a_made_up_known_browser_cookie_counts_for_nothing(resident, password):
    for n in range(10):
        _guess(_browser(f"203.0.113.{n + 1}"), resident.email, 3)
    forger = _browser("192.0.2.50")
    forger.cookies[KNOWN_BROWSER_COOKIE] = "eyJhIjoiYiJ9:forged:signature"
    assert TOO_MANY in _sign_in(forger, resident.email, password).content.decode()


def test_a_successful_sign_in_does_not_use_up_the_allowance(resident, password):
    owner = _browser("198.51.100.20")
    for _ in range(8):
        assert _sign_in(owner, resident.email, password).status_code == 302
        owner.post(reverse("account_logout"))
    _guess(owner, resident.email, 4)
    assert _sign_in(owner, resident.email, password).status_code == 302
