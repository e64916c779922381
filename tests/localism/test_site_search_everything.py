"""One search box over the whole portal, and one sitemap: every public kind, nothing private."""

import pytest
from django.utils import timezone

from directory.models import Listing, Organisation
from tests.consultations.factories import ConsultationFactory, OutcomeFactory
from tests.directory.factories import ListingFactory, OrganisationFactory, TaxonomyTermFactory
from tests.transparency.factories import AssetNominationFactory, DecisionFactory, SpendingRecordFactory
from transparency.models import AssetNomination
from transparency.services import spending_facets_refresh

pytestmark = pytest.mark.django_db


@pytest.fixture
def lighthouse():
    """Something about the lighthouse of every public kind, and a private twin of each."""
    found = {
        "listing": ListingFactory(name="Lighthouse lunch club", summary="Lunch by the sea."),
        "outcome": OutcomeFactory(
            consultation=ConsultationFactory(title="Lighthouse visitor centre", closed=True),
            decision="The lighthouse opens at weekends.",
            published_at=timezone.now(),
        ).consultation,
        "decision": DecisionFactory(title="Lighthouse repairs approved"),
        "asset": AssetNominationFactory(asset_name="The Old Lighthouse", status=AssetNomination.Status.LISTED),
    }
    hidden = {
        "listing": ListingFactory(name="Lighthouse draft club", status=Listing.Status.DRAFT),
        "listing_of_unverified": ListingFactory(
            name="Lighthouse pending club", organisation=OrganisationFactory(status=Organisation.Status.PENDING)
        ),
        "decision": DecisionFactory(title="Lighthouse secret decision", is_published=False),
        "asset": AssetNominationFactory(asset_name="The Lighthouse Keeper's Cottage"),  # awaiting a decision
    }
    return found, hidden


def test_site_search_finds_every_public_kind_grouped_with_counts(client, lighthouse):
    found, hidden = lighthouse

    html = client.get("/search/", {"q": "lighthouse"}).content.decode()

    for label in (
        "Services, clubs and activities",
        "Outcomes: we asked, you said, we did",
        "Decisions",
        "Assets of community value",
    ):
        assert label in html
    assert found["listing"].get_absolute_url() in html
    assert f"/consultations/{found['outcome'].slug}/outcome/" in html
    assert found["decision"].get_absolute_url() in html
    assert found["asset"].get_absolute_url() in html
    for private in ("Lighthouse draft club", "Lighthouse pending club", "Lighthouse secret decision", "Keeper"):
        assert private not in html


def test_site_search_runs_a_fixed_number_of_queries(client, lighthouse, django_assert_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        client.get("/search/", {"q": "lighthouse"})
    for n in range(6):
        ListingFactory(name=f"Lighthouse club {n}")
        DecisionFactory(title=f"Lighthouse decision {n}")
        AssetNominationFactory(asset_name=f"Lighthouse {n}", status=AssetNomination.Status.LISTED)
    with django_assert_num_queries(len(few.captured_queries)):
        client.get("/search/", {"q": "lighthouse"})


def test_the_sitemap_lists_directory_and_transparency_pages_but_nothing_private(client, lighthouse):
    found, hidden = lighthouse
    term = TaxonomyTermFactory(name="Lunch clubs")
    SpendingRecordFactory(beneficiary_name="Anglian Lights Ltd")
    spending_facets_refresh()

    body = client.get("/sitemap.xml").content.decode()

    for url in (
        found["listing"].get_absolute_url(),
        found["listing"].organisation.get_absolute_url(),
        term.get_absolute_url(),
        found["decision"].get_absolute_url(),
        found["asset"].get_absolute_url(),
        "/transparency/spending/suppliers/anglian-lights-ltd/",
    ):
        assert url in body, url
    for url in (
        hidden["listing"].get_absolute_url(),
        hidden["listing_of_unverified"].organisation.get_absolute_url(),
        hidden["decision"].get_absolute_url(),
        hidden["asset"].get_absolute_url(),
    ):
        assert url not in body, url
