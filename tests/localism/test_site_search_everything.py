"""One search box over the whole portal, and one sitemap: every public kind, nothing private."""

import pytest
from django.urls import reverse
from django.utils import timezone

from asset_transfers.models import Stage as TransferStage
from directory.models import Listing, Organisation
from localism.models import Place
from localism.search import registered_searches
from neighbourhood_plans.models import Stage as PlanStage
from petitions.models import Petition
from tests.budgeting.factories import ProjectFactory
from tests.consultations.factories import ConsultationFactory, OutcomeFactory
from tests.directory.factories import ListingFactory, OrganisationFactory, TaxonomyTermFactory
from tests.factories import InformationPageFactory, PlaceFactory, ResourceFactory, TopicFactory
from tests.partnerships.factories import PartnershipFactory
from tests.petitions.factories import PetitionFactory
from tests.transparency.factories import (
    AssetNominationFactory,
    DecisionFactory,
    NoticeFactory,
    SpendingRecordFactory,
)
from transparency.models import AssetNomination
from transparency.services import spending_facets_refresh

pytestmark = pytest.mark.django_db


@pytest.fixture
def lighthouse(request):
    """Something about the lighthouse of every public kind, another of each kind that a second word tells
    apart, and a private twin of some."""
    apply_for = request.getfixturevalue("make_application")
    plan_for = request.getfixturevalue("make_plan")
    SpendingRecordFactory(
        beneficiary_name="Lighthouse Electrical Ltd", service_area="Lighthouse Maintenance", expense_type="Lamp oil"
    )
    SpendingRecordFactory(
        beneficiary_name="Lighthouse Catering Ltd", service_area="Lighthouse Cafe", expense_type="Lighthouse food"
    )
    spending_facets_refresh()
    PlaceFactory(name="Lighthouse Hill", kind=Place.Kind.PARISH)
    ListingFactory(name="Lighthouse coffee morning")
    OutcomeFactory(
        consultation=ConsultationFactory(title="Lighthouse museum", closed=True),
        decision="The museum stays shut.",
        published_at=timezone.now(),
    )
    DecisionFactory(title="Lighthouse lease renewed")
    NoticeFactory(title="Lighthouse road closure")
    AssetNominationFactory(asset_name="Lighthouse Cafe", status=AssetNomination.Status.LISTED)
    ProjectFactory(title="A mural on the lighthouse", description="Paint for the wall.")
    InformationPageFactory(title="Visiting the lighthouse")
    ResourceFactory(title="Lighthouse walking map")
    TopicFactory(name="Lighthouse heritage")
    PetitionFactory(title="Paint the lighthouse", action="Paint it red and white.")
    apply_for(TransferStage.BUSINESS_CASE, name="Lighthouse Watch House")
    plan_for(PlanStage.SUBMITTED, parish="Lighthouse Point")
    PartnershipFactory(name="Lighthouse Coast Partnership")
    found = {
        "place": PlaceFactory(name="Lighthouse Green", kind=Place.Kind.PARISH),
        "listing": ListingFactory(name="Lighthouse lunch club", summary="Lunch by the sea."),
        "consultation": ConsultationFactory(title="Lighthouse car park", summary="Where visitors should park."),
        "outcome": OutcomeFactory(
            consultation=ConsultationFactory(title="Lighthouse visitor centre", closed=True),
            decision="The lighthouse opens at weekends.",
            published_at=timezone.now(),
        ).consultation,
        "decision": DecisionFactory(title="Lighthouse repairs approved"),
        "notice": NoticeFactory(title="Lighthouse keeper vacancy", kind="vacancy"),
        "asset": AssetNominationFactory(asset_name="The Old Lighthouse", status=AssetNomination.Status.LISTED),
        "project": ProjectFactory(title="Benches by the lighthouse"),
        "page": InformationPageFactory(title="History of the lighthouse"),
        "resource": ResourceFactory(title="Lighthouse tide tables"),
        "topic": TopicFactory(name="Lighthouse keeping", description="Lights, lamps and the coast."),
        "petition": PetitionFactory(title="Reopen the lighthouse", action="Reopen the lighthouse to visitors."),
        "transfer": apply_for(TransferStage.BUSINESS_CASE, name="The Lighthouse Boathouse"),
        "plan": plan_for(PlanStage.DESIGNATED, parish="Lighthouse Cove"),
        "partnership": PartnershipFactory(name="Lighthouse Harbour Partnership"),
    }
    hidden = {
        "listing": ListingFactory(name="Lighthouse draft club", status=Listing.Status.DRAFT),
        "listing_of_unverified": ListingFactory(
            name="Lighthouse pending club", organisation=OrganisationFactory(status=Organisation.Status.PENDING)
        ),
        "decision": DecisionFactory(title="Lighthouse secret decision", is_published=False),
        "notice": NoticeFactory(title="Lighthouse notice not yet public", is_published=False),
        "asset": AssetNominationFactory(asset_name="The Lighthouse Keeper's Cottage"),  # awaiting a decision
        "petition": PetitionFactory(title="Lighthouse petition in draft", status=Petition.Status.DRAFT),
        "transfer": apply_for(TransferStage.INTEREST, name="Lighthouse store, an expression of interest"),
        "partnership": PartnershipFactory(name="Lighthouse draft partnership", is_published=False),
    }
    return found, hidden


def group_html(html: str, key: str) -> str:
    """One group of results: its heading and its list."""
    start = html.index(f'id="results-{key}"')
    return html[start : html.index("</ul>", start)]


# For every registered search: two words that find one thing in its group, and where that thing lives.
TWO_WORD_SEARCHES = {
    "places": ("lighthouse green", lambda found: found["place"].get_absolute_url()),
    "listings": ("lighthouse lunch", lambda found: found["listing"].get_absolute_url()),
    "consultations": ("lighthouse parking", lambda found: found["consultation"].get_absolute_url()),
    "outcomes": (
        "lighthouse weekends",
        lambda found: reverse("consultations:outcome", kwargs={"slug": found["outcome"].slug}),
    ),
    "decisions": ("lighthouse repairs", lambda found: found["decision"].get_absolute_url()),
    "notices": ("keeper vacancy", lambda found: found["notice"].get_absolute_url()),
    "assets": ("old lighthouse", lambda found: found["asset"].get_absolute_url()),
    "spending": (
        "lighthouse maintenance",
        lambda found: reverse("transparency:spending") + "?service_area=Lighthouse+Maintenance",
    ),
    "suppliers": (
        "lighthouse electrical",
        lambda found: reverse("transparency:supplier_detail", kwargs={"slug": "lighthouse-electrical-ltd"}),
    ),
    "budgeting": ("lighthouse benches", lambda found: found["project"].get_absolute_url()),
    "pages": ("lighthouse history", lambda found: found["page"].get_absolute_url()),
    "resources": ("lighthouse tides", lambda found: found["resource"].get_absolute_url()),
    "topics": ("lighthouse keeping", lambda found: f"?topic={found['topic'].slug}"),
    "petitions": ("reopen lighthouse", lambda found: found["petition"].get_absolute_url()),
    "asset_transfers": ("lighthouse boathouse", lambda found: found["transfer"].get_absolute_url()),
    "neighbourhood_plans": ("lighthouse cove", lambda found: found["plan"].get_absolute_url()),
    "partnerships": ("lighthouse harbour", lambda found: found["partnership"].get_absolute_url()),
}


def test_every_registered_search_is_tried_with_two_words():
    assert set(TWO_WORD_SEARCHES) == set(registered_searches())


def test_one_word_finds_something_in_every_registered_search(client, lighthouse):
    html = client.get(reverse("localism:search"), {"q": "lighthouse"}).content.decode()

    for key in registered_searches():
        assert f'id="results-{key}"' in html, key


@pytest.mark.parametrize("text", ["zzzz qqqq", "lighthouse qqqq", "qqqq lighthouse zzzz"])
def test_words_that_match_nothing_together_find_nothing_in_any_search(client, lighthouse, text):
    html = client.get(reverse("localism:search"), {"q": text}).content.decode()

    for key in registered_searches():
        assert f'id="results-{key}"' not in html, key
    assert "No results for" in html


@pytest.mark.parametrize("key", list(TWO_WORD_SEARCHES))
def test_two_words_find_the_one_thing_they_name_in_its_group(client, lighthouse, key):
    found, _ = lighthouse
    text, url_of = TWO_WORD_SEARCHES[key]

    group = group_html(client.get(reverse("localism:search"), {"q": text}).content.decode(), key)

    assert url_of(found) in group
    assert group.count("<li>") == 1


def test_site_search_finds_every_public_kind_grouped_with_counts(client, lighthouse):
    found, hidden = lighthouse

    html = client.get(reverse("localism:search"), {"q": "lighthouse"}).content.decode()

    for label in (
        "Services, clubs and activities",
        "Outcomes: we asked, you said, we did",
        "Decisions",
        "Assets of community value",
        "Suppliers the council paid",
        "Spending",
    ):
        assert label in html
    assert found["listing"].get_absolute_url() in html
    assert reverse("consultations:outcome", kwargs={"slug": found["outcome"].slug}) in html
    assert found["decision"].get_absolute_url() in html
    assert found["asset"].get_absolute_url() in html
    assert found["petition"].get_absolute_url() in html
    private_names = ("Lighthouse draft club", "Lighthouse pending club", "Lighthouse secret decision", "Keeper")
    for private in (*private_names, "Lighthouse petition in draft", "Lighthouse store", "notice not yet public"):
        assert private not in html


@pytest.mark.parametrize("text", ["lighthouse", "lighthouse keeping"])
def test_site_search_runs_a_fixed_number_of_queries(client, lighthouse, django_assert_num_queries, text):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        client.get(reverse("localism:search"), {"q": text})
    # One query for each kind: its first matches carry the count of them all. The directory's listings are
    # the exception: their page stops at its tenth row, and their total is read apart (a stored count per word).
    assert len(few.captured_queries) == len(registered_searches()) + 1
    for n in range(12):
        PlaceFactory(name=f"Lighthouse Hamlet {n}")
        ListingFactory(name=f"Lighthouse club {n}")
        ConsultationFactory(title=f"Lighthouse consultation {n}")
        OutcomeFactory(consultation=ConsultationFactory(title=f"Lighthouse outcome {n}", closed=True))
        DecisionFactory(title=f"Lighthouse decision {n}")
        NoticeFactory(title=f"Lighthouse notice {n}")
        AssetNominationFactory(asset_name=f"Lighthouse {n}", status=AssetNomination.Status.LISTED)
        SpendingRecordFactory(beneficiary_name=f"Lighthouse Supplies {n} Ltd", service_area=f"Lighthouse area {n}")
        ProjectFactory(title=f"Lighthouse project {n}")
        InformationPageFactory(title=f"Lighthouse page {n}")
        ResourceFactory(title=f"Lighthouse document {n}")
        TopicFactory(name=f"Lighthouse topic {n}", description="Keeping lights.")
        PetitionFactory(title=f"Lighthouse petition {n}")
        PartnershipFactory(name=f"Lighthouse partnership {n}")
    spending_facets_refresh()
    with django_assert_num_queries(len(few.captured_queries)):
        client.get(reverse("localism:search"), {"q": text})


def test_site_search_reads_no_search_document_back(client, lighthouse):
    """Each match's words are weighed in the database; the page reads back only what it shows (a match's whole
    search document, title to body, would cost more to send and read than the search itself)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        client.get(reverse("localism:search"), {"q": "lighthouse keeping"})
    selected = [query["sql"].split(" FROM ")[0] for query in queries.captured_queries]
    assert [columns for columns in selected if "to_tsvector" in columns and "ts_rank" not in columns] == []
    assert not any('AS "search_document"' in columns for columns in selected)


def test_a_group_counts_every_match_beyond_the_ten_it_shows(client):
    for n in range(12):
        PlaceFactory(name=f"Zanzibar {n}", kind=Place.Kind.PARISH)

    html = client.get(reverse("localism:search"), {"q": "zanzibar"}).content.decode()

    assert "Places (12)" in html
    assert group_html(html, "places").count("<li>") == 10
    assert "Showing the first 10 of 12." in html


def test_the_sitemap_lists_directory_and_transparency_pages_but_nothing_private(client, lighthouse):
    found, hidden = lighthouse
    term = TaxonomyTermFactory(name="Lunch clubs")
    SpendingRecordFactory(beneficiary_name="Anglian Lights Ltd")
    spending_facets_refresh()

    body = client.get(reverse("sitemap")).content.decode()

    for url in (
        found["listing"].get_absolute_url(),
        found["listing"].organisation.get_absolute_url(),
        term.get_absolute_url(),
        found["decision"].get_absolute_url(),
        found["asset"].get_absolute_url(),
        found["petition"].get_absolute_url(),
        found["partnership"].get_absolute_url(),
        reverse("transparency:supplier_detail", kwargs={"slug": "anglian-lights-ltd"}),
    ):
        assert url in body, url
    for url in (
        hidden["listing"].get_absolute_url(),
        hidden["listing_of_unverified"].organisation.get_absolute_url(),
        hidden["decision"].get_absolute_url(),
        hidden["asset"].get_absolute_url(),
        hidden["petition"].get_absolute_url(),
        hidden["partnership"].get_absolute_url(),
    ):
        assert url not in body, url
