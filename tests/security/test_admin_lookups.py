"""An admin list filters only by what it offers: a filter through a relation the list does not offer is refused.

A council officer may view the admin's lists of their own council's rows. A filter written into the address through
a reverse relation (`?responses__id__gte=…` on the consultations) would let them learn of rows they may not see, one
yes-or-no question at a time. Every list registered in the admin is asked, with the first reverse relation of its
model that its own filters do not offer.
"""

import pytest
from django.contrib import admin

from tests.admin_forms import admin_url

pytestmark = pytest.mark.django_db


def _offered(model_admin) -> set[str]:
    """The lookups a list's own filters and date drill-down use (what Django allows whatever the path)."""
    offered = {model_admin.date_hierarchy}
    for item in model_admin.list_filter:
        if isinstance(item, (list, tuple)):
            offered.add(item[0])
        elif isinstance(item, str):
            offered.add(item)
        else:
            offered.add(getattr(item, "parameter_name", None))
    return offered


def _reverse_lookups():
    """(admin list, lookup through the first reverse relation to many rows of its model that it does not offer)."""
    for model, model_admin in admin.site._registry.items():
        for relation in model._meta.related_objects:
            many = relation.one_to_many or relation.many_to_many
            if relation.hidden or not many or relation.name in _offered(model_admin):
                continue
            lookup_name = relation.name
            pk_name = relation.related_model._meta.pk.name
            yield pytest.param(model, f"{lookup_name}__{pk_name}__isnull", id=f"{model._meta.label}?{lookup_name}")
            break


@pytest.mark.parametrize(("model", "lookup"), list(_reverse_lookups()))
def test_a_list_is_not_filtered_through_a_relation_it_does_not_offer(staff_client, model, lookup):
    url = admin_url(model, "changelist")

    response = staff_client.get(url, {lookup: "False"})

    assert response.status_code == 400, f"{url}?{lookup}=False answered {response.status_code}"


def test_the_enumeration_finds_the_lists_with_relations_to_ask():
    labels = {param.values[0]._meta.label for param in _reverse_lookups()}
    assert {"consultations.Consultation", "directory.Organisation", "petitions.Petition"} <= labels
