"""Rate limits on every write: django-ratelimit counts them in the shared cache; a refusal is the 429 page.

Views are decorated with django-ratelimit's own `@ratelimit(group=..., key=..., rate=..., method="POST",
block=True)`; a refused request raises `Ratelimited`, which django-ratelimit's middleware hands to
`too_many_requests` below (settings.RATELIMIT_VIEW), so that every limit answers with the same page and
nothing is saved. `group` names the counter, so that views sharing a group share one allowance.
Keys: "user_or_ip" counts per person once signed in (per address otherwise); "ip" also limits by
network address, so that many accounts from one place cannot flood a form.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def too_many_requests(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """The friendly 429 page: nothing was saved, wait a minute and try again."""
    return render(request, "429.html", status=429)
