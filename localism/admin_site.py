"""The staff admin, open only to staff who have set up two-factor authentication."""

import re
from functools import wraps
from urllib.parse import urlencode

from django.contrib import admin, messages
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.admin.options import FORMFIELD_FOR_DBFIELD_DEFAULTS
from django.core.exceptions import ValidationError
from django.db import models
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django_ratelimit.decorators import ratelimit

from localism import dates

# Every date in the admin (fields and inlines alike) says what is wrong with a date typed wrongly,
# "31/02/2026 is not a real date", rather than "Enter a valid date.". Set here, before any ModelAdmin
# copies these defaults as it is registered.
FORMFIELD_FOR_DBFIELD_DEFAULTS[models.DateField] = {
    **FORMFIELD_FOR_DBFIELD_DEFAULTS[models.DateField],
    "form_class": dates.DateField,
}
FORMFIELD_FOR_DBFIELD_DEFAULTS[models.DateTimeField] = {
    **FORMFIELD_FOR_DBFIELD_DEFAULTS[models.DateTimeField],
    "form_class": dates.SplitDateTimeField,
}
# Times too are read as staff and groups type them ("9.30am", "noon"), by the site's one parser.
FORMFIELD_FOR_DBFIELD_DEFAULTS[models.TimeField] = {
    **FORMFIELD_FOR_DBFIELD_DEFAULTS[models.TimeField],
    "form_class": dates.ClockField,
}


# A date drill-down's part (`?created_at__year=2026`), which Django's lists read with int() and date(), and the
# numbers it can be.
_DATE_PART = re.compile(r"__(year|month|day)$")
_DATE_NUMBER = re.compile(r"\d{1,4}")


def unreadable_filter(request: HttpRequest) -> str | None:
    """What is wrong with a list's address that no link of the admin makes, and that its list would answer with a
    server error: a NUL byte (PostgreSQL refuses it in a query) or a date part that is not a number of at most
    four digits. None when the address is fine."""
    for name, values in request.GET.lists():
        for value in values:
            if "\x00" in name or "\x00" in value:
                return "A filter in the address contains a NUL character."
            part = _DATE_PART.search(name)
            if part and not _DATE_NUMBER.fullmatch(value):
                return f"{value[:40]!r} is not a {part.group(1)}."
    return None


def unreadable_selection(request: HttpRequest, model_admin) -> str | None:
    """What is wrong with the rows a list's action was sent, when one is not a row's key at all (the list only
    ever sends its rows' keys, and Django's actions answer anything else with a server error). None when fine."""
    if request.method != "POST" or not isinstance(model_admin, admin.ModelAdmin):
        return None
    key = model_admin.model._meta.pk
    for value in request.POST.getlist(ACTION_CHECKBOX_NAME):
        try:
            key.to_python(value)
        except ValidationError:
            return f"{value[:40]!r} is not a row of this list."
        if "\x00" in value:
            return "A row sent to the action contains a NUL character."
    return None


class StaffAdminSite(admin.AdminSite):
    site_header = "Community portal: staff admin"
    site_title = "Staff admin"
    index_title = "Moderation and publishing"

    def admin_view(self, view, cacheable=False):
        """Every admin page, and so every staff write, is rate limited (per member of staff) like the site's own;
        an address with a filter no list can read, or an action sent something that is not a row's key, is
        answered 400 with the reason (unreadable_filter, unreadable_selection)."""
        limited = ratelimit(group="staff-admin", key="user_or_ip", rate="60/m", method="POST", block=True)(view)
        model_admin = getattr(view, "__self__", None)

        @wraps(limited)
        def readable(request, *args, **kwargs):
            problem = unreadable_filter(request) or unreadable_selection(request, model_admin)
            if problem is not None:
                return render(request, "400.html", {"reason": problem}, status=400)
            return limited(request, *args, **kwargs)

        return super().admin_view(readable, cacheable)

    def index(self, request: HttpRequest, extra_context=None):
        """The home page starts with the work waiting for the person signed in (see localism.work_queues)."""
        from localism.work_queues import waiting_work

        extra_context = {**(extra_context or {}), "waiting_work": waiting_work(request.user)}
        return super().index(request, extra_context)

    def has_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perm("accounts.use_staff_admin")

    def login(self, request: HttpRequest, extra_context=None):
        """Staff sign in through the site's own sign-in (with its rate limits and the MFA step)."""
        user = request.user
        if user.has_perm("accounts.set_up_staff_two_factor"):
            messages.warning(
                request, "Set up two-factor authentication with an authenticator app before using the staff admin."
            )
            return HttpResponseRedirect(reverse("mfa_activate_totp"))
        if user.is_authenticated:
            # Signed in but not staff: sending them to sign in again would only bring them back here.
            return self.refuse(request)
        next_url = request.GET.get("next") or reverse("admin:index")
        return HttpResponseRedirect(f"{reverse('account_login')}?{urlencode({'next': next_url})}")

    def refuse(self, request: HttpRequest) -> HttpResponse:
        return render(
            request,
            "403.html",
            {"reason": "The staff admin is for council staff. You are signed in with an account that is not staff."},
            status=403,
        )
