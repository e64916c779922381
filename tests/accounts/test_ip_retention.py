"""Retention of IP addresses: used only to limit how fast people write, forgotten within the hour.

The privacy notice promises IP addresses are not kept beyond 30 days. The portal does better by
design: no table stores one, and the rate limits (the portal's and allauth's) keep an address only
as part of a cache key (the portal's hashed) that expires with its window. These tests hold both facts.
"""

import uuid

import pytest
import redis
from django.apps import apps
from django.db import models
from django.urls import reverse

from tests.services import redis_url

pytestmark = pytest.mark.django_db

ADDRESS = "203.0.113.77"
LONGEST_WINDOW_SECONDS = 3600 + 5  # the longest rate window ("/h") plus the few seconds of grace


def test_no_table_stores_an_ip_address():
    suspicious = [
        f"{model._meta.label}.{field.name}"
        for model in apps.get_models()
        for field in model._meta.get_fields()
        if isinstance(field, models.GenericIPAddressField)
        or (
            isinstance(field, models.Field) and field.name.lower() in {"ip", "ip_address", "remote_addr", "address_ip"}
        )
    ]
    assert suspicious == []


@pytest.fixture
def redis_cache(settings):
    """The rate limits' shared cache on the real Redis, under a key prefix of this test's own."""
    prefix = f"iptest-{uuid.uuid4().hex}"
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": redis_url(),
            "KEY_PREFIX": prefix,
        }
    }
    connection = redis.Redis.from_url(redis_url())
    yield connection, prefix
    for key in connection.scan_iter(f"{prefix}:*"):
        connection.delete(key)


def test_addresses_in_rate_limits_expire_within_the_hour(client, redis_cache, password):
    connection, prefix = redis_cache
    # Writes that count against an address: failed sign-ins and sign-ups (allauth's limits) and a
    # one-click unsubscribe (the portal's own limit on writes by people who are not signed in).
    for _ in range(3):
        client.post(
            reverse("account_login"), {"login": "nobody@example.org", "password": "wrong"}, REMOTE_ADDR=ADDRESS
        )
    client.post(reverse("account_signup"), {"email": "new@example.org"}, REMOTE_ADDR=ADDRESS)
    client.post(reverse("notifications:unsubscribe", kwargs={"token": "not-a-real-token"}), REMOTE_ADDR=ADDRESS)

    # The portal's limits (django-ratelimit) keep the address only inside a hash: "rl:<sha256>".
    portal = list(connection.scan_iter(f"{prefix}:*:rl:*"))
    portal = [key for key in portal if b":allauth:" not in key]
    assert portal, "the portal's own limit should count this address"
    assert not any(ADDRESS.encode() in key for key in portal)
    allauth = [key for key in connection.scan_iter(f"{prefix}:*") if ADDRESS.encode() in key]
    assert any(b":allauth:rl:" in key for key in allauth), "allauth's limits should count this address"
    keys = [*portal, *allauth]
    for key in keys:
        ttl = connection.ttl(key)
        assert 0 < ttl <= LONGEST_WINDOW_SECONDS, (key, ttl)
