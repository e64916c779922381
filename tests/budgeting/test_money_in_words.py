"""A sum of money reads the same wherever it appears: whole pounds, a half rounded up, the thousands grouped."""

from decimal import Decimal

import pytest
from django.urls import reverse

from tests.budgeting.factories import ProjectFactory, RoundFactory
from tests.factories import PostcodeFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_a_projects_cost_reads_the_same_on_its_page_its_round_the_ballot_and_the_site_search(client, reference_data):
    from localism.models import Place

    cromer = Place.objects.get(slug="cromer")
    round = RoundFactory(places=[cromer], pot=Decimal("10000.50"), max_project_cost=Decimal("6000.50"))
    project = ProjectFactory(round=round, title="Seafront benches", cost=Decimal("1234.50"), place=cromer)
    pages = {
        "the project's page": project.get_absolute_url(),
        "its round": round.get_absolute_url(),
        "the site search": reverse("localism:search") + "?q=seafront+benches",
    }
    PostcodeFactory(in_cromer=True)
    client.force_login(UserFactory(home_postcode="NR27 9AB"))
    pages["the ballot"] = reverse("budgeting:vote", kwargs={"slug": round.slug})
    for where, url in pages.items():
        page = client.get(url).content.decode()
        # £1,234.50 is £1,235, as a half is rounded up, never to the even pound (£1,234).
        assert "£1,235" in page and "£1,234" not in page, where
    ballot = client.get(pages["the ballot"]).content.decode()
    assert "Seafront benches (£1,235)" in ballot
    assert "£10,001" in ballot and "£10,000" not in ballot
