"""Odd text that staff type into the admin never gives a 500: in the search box and the filters of every list,
in the rows sent to each of its actions, and in every text field of every add form. The lists and forms are every
model registered in the admin, not a list written here.
"""

from __future__ import annotations

from html.parser import HTMLParser

import pytest
from django.contrib import admin
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.core.cache import cache
from django.test import RequestFactory
from django.urls import reverse

from tests.admin_forms import admin_form_data, admin_url
from tests.security.payloads import (
    FORM,
    LONGER_THAN_ANY_FIELD,
    ODD_NUMBERS_AND_DATES,
    ODD_TEXT_COMBINED,
    form_body,
    no_500,
    query_string,
)

pytestmark = pytest.mark.django_db

ODD_VALUES = ODD_TEXT_COMBINED | {"long": LONGER_THAN_ANY_FIELD, "huge_number": ODD_NUMBERS_AND_DATES["huge_number"]}
# Filters compare what they are sent with a column: long or invisible text is only a value that matches nothing.
FILTER_VALUES = {
    "nul": ODD_TEXT_COMBINED["nul"],
    "broken_encoding": ODD_TEXT_COMBINED["broken_encoding"],
    **ODD_NUMBERS_AND_DATES,
}
# The inputs a person types into (hidden inputs, such as a formset's counts, are the admin's own).
_TYPED = {"text", "email", "url", "number", "search", "tel", "date", "time", "password", ""}


class _TypedFields(HTMLParser):
    def __init__(self):
        super().__init__()
        self.names: set[str] = set()

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        name = attributes.get("name")
        if not name or "__prefix__" in name:
            return
        if tag == "textarea" or (tag == "input" and (attributes.get("type") or "").lower() in _TYPED):
            self.names.add(name)


@pytest.fixture
def staff(staff_client):
    staff_client.raise_request_exception = False
    return staff_client


@pytest.mark.parametrize("kind", ODD_VALUES)
def test_odd_text_in_the_search_of_every_admin_list_never_gives_a_500(staff, kind):
    problems = [
        problem
        for model, model_admin in admin.site._registry.items()
        if model_admin.search_fields
        and (problem := no_500(staff, f"{admin_url(model, 'changelist')}?{query_string({'q': ODD_VALUES[kind]})}"))
    ]
    assert not problems, "\n".join(problems)


def test_every_admin_search_finds_what_it_is_asked_for(staff):
    """Each list's search runs (a search field that names a relation rather than its text fails here)."""
    problems = []
    for model, model_admin in admin.site._registry.items():
        if model_admin.search_fields:
            response = staff.get(admin_url(model, "changelist"), {"q": "Cromer community"})
            if response.status_code != 200:
                problems.append(f"{model._meta.label}: {response.status_code}")
    assert not problems, "\n".join(problems)


def _filter_parameters(model_admin) -> list[str]:
    """The parameters a list's filters and date drill-down put in its address, and the lookups beside them."""
    names = []
    for item in model_admin.list_filter:
        if isinstance(item, str):
            names += [item, f"{item}__exact", f"{item}__id__exact", f"{item}__gte"]
        elif isinstance(item, list | tuple):
            names += [item[0], f"{item[0]}__exact"]
        else:
            names.append(item.parameter_name)
    if model_admin.date_hierarchy:
        names += [f"{model_admin.date_hierarchy}__{part}" for part in ("year", "month", "day")]
    return names


@pytest.mark.parametrize("kind", FILTER_VALUES)
def test_odd_values_in_the_filters_of_every_admin_list_never_give_a_500(staff, kind):
    value = FILTER_VALUES[kind]
    problems, tried = [], 0
    for model, model_admin in admin.site._registry.items():
        for name in _filter_parameters(model_admin):
            tried += 1
            if problem := no_500(staff, f"{admin_url(model, 'changelist')}?{query_string({name: value})}"):
                problems.append(problem)
    assert tried > 100
    assert not problems, "\n".join(problems)


def test_a_filter_no_list_can_read_is_refused_with_the_reason(staff):
    changelist = reverse("admin:discussions_comment_changelist")

    nul = staff.get(changelist, {"status": "hidden\x00"})
    year = staff.get(changelist, {"created_at__year": "9" * 40})

    assert nul.status_code == 400 and "A filter in the address contains a NUL character." in nul.content.decode()
    assert year.status_code == 400 and "is not a year." in year.content.decode()
    assert staff.get(changelist, {"created_at__year": "2026"}).status_code == 200


@pytest.mark.parametrize("kind", FILTER_VALUES | {"not_a_key": "not-a-key"})
def test_odd_rows_sent_to_every_admin_action_never_give_a_500(staff, moderator, kind):
    value = (FILTER_VALUES | {"not_a_key": "not-a-key"})[kind]
    asking = RequestFactory().get("/")
    asking.user = moderator
    problems, tried = [], 0
    for model, model_admin in admin.site._registry.items():
        for action in model_admin.get_actions(asking):
            cache.clear()  # the admin's rate limit starts afresh, so every request reaches its view
            data = {"action": action, ACTION_CHECKBOX_NAME: value}
            response = staff.post(admin_url(model, "changelist"), form_body(data), content_type=FORM)
            tried += 1
            if response.status_code >= 500:
                problems.append(f"{model._meta.label} {action}: {response.status_code}")
    assert tried > 40
    assert not problems, "\n".join(problems)


def test_an_action_sent_something_that_is_not_a_row_is_refused_with_the_reason(staff):
    data = {"action": "hide", ACTION_CHECKBOX_NAME: "not-a-row"}

    response = staff.post(reverse("admin:discussions_comment_changelist"), data)

    assert response.status_code == 400
    assert "&#x27;not-a-row&#x27; is not a row of this list." in response.content.decode()


@pytest.mark.parametrize("kind", ODD_VALUES)
def test_odd_text_in_every_admin_add_form_never_gives_a_500(staff, kind):
    problems, tried = [], 0
    for model in admin.site._registry:
        url = admin_url(model, "add")
        page = staff.get(url)
        if page.status_code != 200:
            continue  # added elsewhere (an import, a step of another row's admin), or never added by hand
        html = page.content.decode()
        typed = _TypedFields()
        typed.feed(html)
        data = admin_form_data(html) | dict.fromkeys(typed.names, ODD_VALUES[kind])
        response = staff.post(url, form_body(data), content_type=FORM)
        tried += 1
        if response.status_code >= 500:
            problems.append(f"{model._meta.label} {url}: {response.status_code}")
    assert tried >= 30
    assert not problems, "\n".join(problems)
