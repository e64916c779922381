"""CSRF: a signed-in person's browser posting without the form token is refused, and nothing changes.

The URLs come from the URL resolver, so a new form is covered as soon as it is added: a URL whose view
accepts POST must get sample arguments below (real objects the signed-in person may act on), or a
reason in EXEMPT. Each state-changing URL is then posted twice: without a token (403, the CSRF page,
no row changed anywhere) and with one (the control: the same request does change something).
"""

from __future__ import annotations

import pytest
from django.core import mail
from django.test import Client
from django.urls import NoReverseMatch, reverse

from notifications.tokens import unsubscribe_token
from tests.consultations.factories import ConsultationFactory
from tests.security.routes import (
    EXEMPT,
    KEEPS_IN_SESSION,
    READS_ONLY,
    ROUTES,
    SENDS_ONLY,
    _url,
    accepts_post,
    destructive_last,
)
from tests.security.state import changed_tables, changes_since, table_digests

CSRF_PAGE = "Your form could not be sent"


def _token(client: Client) -> str:
    client.get(reverse("accounts:profile"))
    return client.cookies["csrftoken"].value


def _apps() -> list[str]:
    return sorted({route.app for route in ROUTES})


@pytest.mark.parametrize("app", _apps())
def test_a_post_without_the_form_token_is_refused_and_changes_nothing(world, app, settings, monkeypatch):
    # Text alerts are offered only where GOV.UK Notify is set up (nothing is sent from these tests), and a new
    # code may be asked for at once here (the control follows the request that texted the first).
    settings.NOTIFY_API_KEY, settings.NOTIFY_SMS_TEMPLATE_ID = "csrf-test", "csrf-test-template"
    monkeypatch.setattr("notifications.services.MOBILE_CODE_RESEND_SECONDS", 0)
    selected = destructive_last([r for r in ROUTES if r.app == app and r.name not in EXEMPT])
    assert selected, f"no URLs found for {app}"
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(world.user)
    token = _token(browser)
    problems = []
    state = table_digests()
    for route in selected:
        try:
            url = _url(route, world)
        except NoReverseMatch:
            problems.append(f"{route.name}: no sample arguments to build its address")
            continue
        data = world.data.get(route.name, {})
        response = browser.post(url, data)
        if response.status_code != 403 or CSRF_PAGE not in response.content.decode():
            problems.append(f"{route.name} {url}: {response.status_code} without a token")
        changed, state = changes_since(state)
        if changed:
            problems.append(f"{route.name} {url}: changed {changed} without a token")
        if route.name in world.data or route.name in world.arguments:
            # The control: with the token the very same request is let through and does something.
            sent, session = len(mail.outbox), dict(browser.session)
            response = browser.post(url, {**data, "csrfmiddlewaretoken": token})
            changed, state = changes_since(state)
            if route.name in SENDS_ONLY:
                changed = len(mail.outbox) > sent
            elif route.name in KEEPS_IN_SESSION:
                changed = dict(browser.session) != session
            if CSRF_PAGE in response.content.decode():
                problems.append(f"{route.name} {url}: refused even with the token")
            elif not changed:
                problems.append(f"{route.name} {url}: the control changed nothing ({response.status_code})")
    assert not problems, "\n".join(problems)


def test_every_url_that_accepts_a_post_has_sample_data_or_a_reason(world):
    """A new state-changing URL fails here until it is given arguments and data above, or a reason in EXEMPT."""
    missing = []
    for route in ROUTES:
        if route.app == "allauth" or route.name in {*EXEMPT, *READS_ONLY} or not accepts_post(route):
            continue
        if route.arguments and route.name not in world.arguments:
            missing.append(f"{route.name}: arguments")
        if route.name not in world.data and route.name not in world.arguments:
            missing.append(f"{route.name}: form data")
    assert not missing, "\n".join(missing)


def test_the_route_walk_finds_the_forms_it_should():
    names = {route.name for route in ROUTES if accepts_post(route)}
    for expected in ("directory:listing_edit", "discussions:comment_create", "accounts:delete", "account_logout"):
        assert expected in names
    for read_only in ("directory:search", "transparency:spending", "oruk:services"):
        assert read_only not in names
    every = {route.name for route in ROUTES}
    for name in ("directory:search", "oruk:services", "account_login"):
        assert name in every


def test_signing_out_without_the_token_keeps_the_person_signed_in(world):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(world.user)
    response = browser.post(reverse("account_logout"))
    assert response.status_code == 403
    assert browser.get(reverse("accounts:profile")).status_code == 200


# --- The exemption: one-click unsubscribe ------------------------------------------------------


def test_one_click_unsubscribe_is_exempt_because_the_signed_token_is_the_proof(world):
    world.user.email_frequency = "daily"
    world.user.save(update_fields=["email_frequency"])
    mail_program = Client(enforce_csrf_checks=True)
    url = reverse("notifications:unsubscribe", kwargs={"token": unsubscribe_token(world.user, "notifications.digest")})
    before = table_digests()
    assert mail_program.get(url).status_code == 200
    assert changed_tables(before) == [], "showing the unsubscribe page must not unsubscribe (link scanners)"
    response = mail_program.post(url)
    assert response.status_code == 200
    assert changed_tables(before) != []


@pytest.mark.parametrize("token", ["forged", "1:notifications.digest:abc", "MQ:notifications.digest:tampered"])
def test_one_click_unsubscribe_with_a_forged_token_changes_nothing(world, token):
    before = table_digests()
    response = Client(enforce_csrf_checks=True).post(reverse("notifications:unsubscribe", kwargs={"token": token}))
    assert response.status_code == 404
    assert changed_tables(before) == []


def test_only_the_unsubscribe_view_is_exempt_from_csrf():
    exempt = {route.name for route in ROUTES if getattr(route.pattern.callback, "csrf_exempt", False)}
    assert exempt == set(EXEMPT)


# --- The staff admin ---------------------------------------------------------------------------


def test_staff_admin_forms_need_the_token_too(moderator, resident):
    staff = Client(enforce_csrf_checks=True)
    staff.force_login(moderator)
    draft = ConsultationFactory(draft=True)
    before = table_digests()
    for url, data in [
        (reverse("admin:accounts_user_change", args=[resident.pk]), {"is_staff": "on"}),
        (reverse("admin:consultations_publish", kwargs={"pk": draft.pk}), {"formative": "on"}),
        (reverse("admin:discussions_comment_changelist"), {"action": "_publish", "_selected_action": ["1"]}),
        (reverse("admin:logout"), {}),
    ]:
        response = staff.post(url, data)
        assert response.status_code == 403 and CSRF_PAGE in response.content.decode(), url
    assert changed_tables(before) == []
