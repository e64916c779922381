"""Routing to the council that decides: a nomination of an asset of community value goes to the district
council for the asset's postcode (Localism Act 2011 s.87), the register shows each district's list with the
deciding council named on each entry, and an expression of interest names the council whose service it
challenges."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from localism.models import AuditEntry, Council
from tests.downloads import downloaded_text
from tests.factories import PostcodeFactory
from tests.transparency.factories import EXPRESSION_FORM, AssetNominationFactory
from tests.transparency.test_assets_of_community_value import NOMINATION
from transparency.models import AssetNomination, ChallengeWindow, ExpressionOfInterest

pytestmark = pytest.mark.django_db


@pytest.fixture
def postcodes(reference_data):
    PostcodeFactory(in_cromer=True)
    PostcodeFactory(postcode="NR19 1AA", latitude=52.6810, longitude=0.9390, district_code="E07000143")


@pytest.mark.parametrize(
    ("postcode", "council"),
    [("NR27 9AB", "North Norfolk District Council"), ("nr19 1aa", "Breckland Council")],
)
def test_a_nomination_goes_to_the_district_council_for_the_assets_postcode(
    resident_client, postcodes, postcode, council
):
    response = resident_client.post(reverse("transparency:nominate"), {**NOMINATION, "postcode": postcode})
    assert response.status_code == 302
    nomination = AssetNomination.objects.get()
    assert nomination.council.name == council
    page = resident_client.get(nomination.get_absolute_url()).content.decode()
    assert f"{council}</a>, the district council for" in page


@pytest.mark.parametrize(
    ("postcode", "message"),
    [
        ("NR27 9ZZ", "We cannot find NR27 9ZZ. Check it is typed correctly"),
        ("SW1A 1AA", "SW1A 1AA is outside Norfolk County Council&#x27;s area"),
    ],
)
def test_a_nomination_for_a_postcode_we_cannot_route_is_refused_and_keeps_what_was_typed(
    resident_client, postcodes, postcode, message
):
    response = resident_client.post(reverse("transparency:nominate"), {**NOMINATION, "postcode": postcode})
    page = response.content.decode()
    assert response.status_code in (200, 400)
    assert message in page
    assert f'value="{postcode}"' in page and 'value="The Red Lion"' in page
    assert not AssetNomination.objects.exists()


def test_the_decision_is_the_routed_councils_and_the_nominator_is_told_its_name(
    staff_client, postcodes, django_capture_on_commit_callbacks
):
    nomination = AssetNominationFactory(postcode="NR19 1AA", council=Council.objects.get(slug="breckland-council"))
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(
            reverse("admin:transparency_assetnomination_decide", kwargs={"pk": nomination.pk}),
            {"outcome": "listed", "decided_on": timezone.localdate().strftime("%d/%m/%Y"), "reasons": ""},
        )
    assert response.status_code == 302
    nomination.refresh_from_db()
    assert nomination.council.name == "Breckland Council"
    assert "Breckland Council has listed" in mail.outbox[-1].body
    assert AuditEntry.objects.get(action="transparency.nomination.listed").data == {"council": "Breckland Council"}


def test_the_register_shows_each_districts_list_with_the_deciding_council_on_each_entry(client, postcodes):
    north = Council.objects.get(slug="north-norfolk-district-council")
    breckland = Council.objects.get(slug="breckland-council")
    AssetNominationFactory(asset_name="The Red Lion", status=AssetNomination.Status.LISTED, council=north)
    AssetNominationFactory(asset_name="Dereham Mill", status=AssetNomination.Status.LISTED, council=breckland)
    everything = client.get(reverse("transparency:assets")).content.decode()
    assert 'Listed by <a class="govuk-link" href="/councils/north-norfolk-district-council/">' in everything
    assert 'Listed by <a class="govuk-link" href="/councils/breckland-council/">' in everything
    breckland_list = client.get(reverse("transparency:assets"), {"place": "breckland"}).content.decode()
    assert "Dereham Mill" in breckland_list and "The Red Lion" not in breckland_list
    assert "Breckland's list is kept by" in breckland_list
    rows = downloaded_text(
        client.get(reverse("transparency:assets_download", kwargs={"which": "listed", "fmt": "json"}))
    )
    assert '"deciding_council": "Breckland Council"' in rows


def test_an_expression_of_interest_names_the_council_whose_service_it_challenges(resident_client, reference_data):
    county = Council.objects.get(slug="norfolk-county-council")
    norwich = Council.objects.get(slug="norwich-city-council")
    today = timezone.localdate()
    window = ChallengeWindow.objects.create(
        title="Parks 2026",
        council=norwich,
        services="Parks and open spaces",
        opens_on=today - datetime.timedelta(days=1),
        closes_on=today + datetime.timedelta(days=30),
    )
    form = resident_client.get(reverse("transparency:challenge_express_interest", kwargs={"pk": window.pk}))
    assert "Your expression of interest goes to Norwich City Council" in form.content.decode()
    response = resident_client.post(
        reverse("transparency:challenge_express_interest", kwargs={"pk": window.pk}), EXPRESSION_FORM
    )
    assert response.status_code == 302
    expression = ExpressionOfInterest.objects.get()
    assert expression.council == norwich != county
    page = resident_client.get(expression.get_absolute_url()).content.decode()
    assert "Council whose service is challenged" in page and "Norwich City Council" in page
    assert "Services of <a" in resident_client.get(reverse("transparency:challenge")).content.decode()


def test_the_register_pages_run_a_fixed_number_of_queries(client, postcodes, django_assert_max_num_queries):
    for council in Council.objects.filter(tier=Council.Tier.DISTRICT):
        AssetNominationFactory.create_batch(3, status=AssetNomination.Status.LISTED, council=council)
    with django_assert_max_num_queries(5):
        assert client.get(reverse("transparency:assets")).status_code == 200
    with django_assert_max_num_queries(6):
        assert client.get(reverse("transparency:assets"), {"place": "breckland"}).status_code == 200
    nomination = AssetNomination.objects.first()
    with django_assert_max_num_queries(6):
        assert client.get(nomination.get_absolute_url()).status_code == 200
