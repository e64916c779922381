"""The home page, place pages, information pages, the resource library and the error pages."""

import re

import pytest
from django.conf import settings
from django.urls import reverse

from localism.models import Place
from tests.downloads import downloaded_bytes
from tests.factories import InformationPageFactory, PlaceFactory, PostcodeFactory, ResourceFactory, TopicFactory
from tests.queries import queries_of

pytestmark = pytest.mark.django_db


def test_home_page_offers_search_postcode_areas_and_ways_to_get_involved(client, reference_data):
    ResourceFactory(title="Guide to co-production")
    response = client.get(reverse("localism:home"))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'action="/search/"' in html
    assert "What&#x27;s near you" in html or "What's near you" in html
    for district in [
        "Breckland",
        "Broadland",
        "Great Yarmouth",
        "King&#x27;s Lynn and West Norfolk",
        "North Norfolk",
        "Norwich",
        "South Norfolk",
    ]:
        assert district in html
    assert "How to get involved" in html
    assert "Guide to co-production" in html
    assert "(PDF," in html


def test_home_page_runs_the_same_number_of_queries_whatever_the_data(
    client, reference_data, django_assert_num_queries
):
    small = queries_of(client, reverse("localism:home"))
    for n in range(30):
        InformationPageFactory(title=f"Extra page {n}")
        ResourceFactory()
        PlaceFactory(name=f"District {n}", kind=Place.Kind.DISTRICT)
    with django_assert_num_queries(small):
        response = client.get(reverse("localism:home"))
    assert "District 29" in response.content.decode()


def test_place_page_shows_the_place_its_hierarchy_and_the_places_within_it(client, reference_data):
    response = client.get(reverse("localism:place_detail", kwargs={"slug": "north-norfolk"}))
    html = response.content.decode()
    assert response.status_code == 200
    assert '<h1 class="govuk-heading-xl">North Norfolk</h1>' in html
    assert 'href="/places/norfolk/"' in html  # breadcrumb to the county
    assert 'href="/places/cromer/"' in html


def test_place_page_runs_a_fixed_number_of_queries(client, reference_data, django_assert_num_queries):
    district = Place.objects.get(slug="south-norfolk")
    few = queries_of(client, reverse("localism:place_detail", kwargs={"slug": "south-norfolk"}))
    for n in range(40):
        PlaceFactory(name=f"Village {n}", kind=Place.Kind.PARISH, parent=district)
    # The place and its children, plus a fixed number for each app's section (a map of the listings near it,
    # and the asset transfers, neighbourhood plans and partnerships sections, added one each).
    assert few <= 17
    with django_assert_num_queries(few):
        response = client.get(reverse("localism:place_detail", kwargs={"slug": "south-norfolk"}))
    assert "Village 39" in response.content.decode()


def test_unknown_place_is_a_not_found_page_in_the_site_frame(client):
    response = client.get(reverse("localism:place_detail", kwargs={"slug": "atlantis"}))
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()
    assert "govuk-skip-link" in response.content.decode()


def test_postcode_leads_to_the_page_of_its_town(client, reference_data):
    PostcodeFactory(in_cromer=True)
    response = client.get(reverse("localism:find_by_postcode"), {"postcode": "nr27 9ab"})
    assert response.status_code == 302
    assert response["Location"] == reverse("localism:place_detail", kwargs={"slug": "cromer"}) + "?postcode=NR27+9AB"


def test_postcode_far_from_any_town_leads_to_its_district(client, reference_data):
    PostcodeFactory(postcode="NR21 0AA", latitude=52.78, longitude=0.70, district_code="E07000146")
    response = client.get(reverse("localism:find_by_postcode"), {"postcode": "NR21 0AA"})
    assert (
        response["Location"]
        == reverse("localism:place_detail", kwargs={"slug": "kings-lynn-and-west-norfolk"}) + "?postcode=NR21+0AA"
    )


def test_postcode_in_norwich_leads_to_the_city(client, reference_data):
    PostcodeFactory()
    assert (
        client.get(reverse("localism:find_by_postcode"), {"postcode": "NR2 1AB"})["Location"]
        == reverse("localism:place_detail", kwargs={"slug": "norwich"}) + "?postcode=NR2+1AB"
    )


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("", "Enter a postcode"),
        ("not a postcode", "Enter a real postcode, like NR1 2DH"),
        ("SW1A 1AA", "SW1A 1AA is outside Norfolk County Council&#x27;s area"),
        ("x" * 300, "Enter a real postcode, like NR1 2DH"),
    ],
)
def test_a_postcode_we_cannot_use_gets_a_clear_message_and_keeps_what_was_typed(
    client, reference_data, typed, message
):
    response = client.get(reverse("localism:find_by_postcode"), {"postcode": typed})
    html = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in html
    assert message in html
    assert "<title>Error: Home" in html
    if typed and len(typed) < 20:
        assert f'value="{typed}"' in html


def test_information_page_renders_staff_markdown_without_their_html(client):
    InformationPageFactory(
        title="Rights explained",
        slug="rights-explained",
        body="## Right to bid\n\nText <script>alert(1)</script> and [a link](javascript:alert(1)).",
    )
    html = client.get(reverse("localism:page_detail", kwargs={"slug": "rights-explained"})).content.decode()
    assert '<h2 class="govuk-heading-m">Right to bid</h2>' in html
    assert "<script>alert" not in html
    assert "javascript:" not in html


def test_unpublished_information_page_is_not_found(client):
    InformationPageFactory(slug="draft-page", is_published=False)
    assert client.get(reverse("localism:page_detail", kwargs={"slug": "draft-page"})).status_code == 404


def test_core_pages_exist_with_real_content(client, reference_data):
    for slug, phrase in [
        ("accessibility-statement", "WCAG 2.2"),
        ("privacy-notice", "UK GDPR"),
        ("cookies", "essential"),
        ("about-localism", "Localism Act 2011"),
        ("how-to-get-involved", "account"),
        ("community-rights", "Right to Bid"),
        ("working-with-councillors", "councillor"),
    ]:
        response = client.get(reverse("localism:page_detail", args=[slug]))
        assert response.status_code == 200, slug
        assert phrase in response.content.decode(), slug


def test_get_involved_and_about_list_their_pages(client, reference_data):
    assert "How to get involved" in client.get(reverse("localism:get_involved")).content.decode()
    assert "About localism" in client.get(reverse("localism:about")).content.decode()


def test_resource_library_shows_each_document_type_and_size(client):
    ResourceFactory(title="Guide to involving people", file__data=b"%PDF-1.4\n" + b"x" * 2048)
    html = client.get(reverse("localism:resource_list")).content.decode()
    assert "Guide to involving people" in html
    assert "PDF, 2.0\xa0KB" in html


def test_resource_library_filters_by_topic(client):
    transport = TopicFactory(name="Transport")
    ResourceFactory(title="Bus guide").topics.add(transport)
    ResourceFactory(title="Library guide")
    html = client.get(reverse("localism:resource_list"), {"topic": "transport"}).content.decode()
    assert "Bus guide" in html and "Library guide" not in html
    assert (
        "There are no documents on this topic"
        in client.get(reverse("localism:resource_list"), {"topic": "nope"}).content.decode()
    )


def test_a_document_downloads_as_an_attachment(client):
    resource = ResourceFactory(title="Co-production guide")
    response = client.get(resource.get_absolute_url())
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert downloaded_bytes(response).startswith(b"%PDF")


def test_an_unpublished_document_cannot_be_downloaded(client):
    resource = ResourceFactory(is_published=False)
    assert client.get(resource.get_absolute_url()).status_code == 404


def test_search_finds_pages_by_stemmed_words_and_places_by_name(client, reference_data):
    html = client.get(reverse("localism:search"), {"q": "nominating assets"}).content.decode()
    assert "Community rights" in html
    assert "Cromer" in client.get(reverse("localism:search"), {"q": "cromer"}).content.decode()


@pytest.mark.parametrize("text", ['"', "&|!", "a:*", "(((", "' OR 1=1 --", "\u202e\u0000x", "é" * 500, "<script>"])
def test_search_survives_any_input(client, reference_data, text):
    response = client.get(reverse("localism:search"), {"q": text})
    assert response.status_code == 200
    assert "<script>" not in response.content.decode().split("<main", 1)[1]


def test_empty_search_suggests_what_to_try(client, reference_data):
    html = client.get(reverse("localism:search"), {"q": "zzzzqqq"}).content.decode()
    assert "No results for" in html and "browse by area" in html


def test_header_navigation_links_to_the_sections_that_exist(client):
    html = client.get(reverse("localism:home")).content.decode()
    assert 'href="/get-involved/"' in html and 'href="/about/"' in html
    assert "Accessibility statement" in html and "Privacy notice" in html and "Cookies" in html


def test_server_error_page_renders_without_the_database(rf):
    from localism.views import server_error

    response = server_error(rf.get(reverse("localism:home")))
    assert response.status_code == 500
    assert b"Sorry, there is a problem with the service" in response.content


def test_a_form_post_without_csrf_token_is_refused_with_a_page_in_the_frame(reference_data):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    response = client.post(reverse("account_login"), {"login": "a@example.org", "password": "x"})
    assert response.status_code == 403
    assert "Your form could not be sent" in response.content.decode()


@pytest.mark.parametrize(
    "url",
    [
        "/places/%00/",
        "/info/%E2%80%AE/",
        reverse("localism:resource_download", kwargs={"slug": "x"}),
        reverse("localism:search") + "?q=%00",
        reverse("localism:find_by_postcode") + "?postcode=%00",
        reverse("localism:resource_list") + "?topic=%27%22%3E",
        f"/{settings.ADMIN_URL}../",
        "/accounts/confirm-email/%F0%9F%92%A9/",
        "/notifications/unsubscribe/%00/",
        "/" + "a" * 3000 + "/",
        reverse("localism:search") + "?q=" + "x" * 5000,
    ],
)
def test_odd_urls_never_cause_a_server_error(client, url):
    assert client.get(url).status_code < 500


def test_sitemap_lists_the_pages_places_and_information_pages(client, reference_data):
    response = client.get(reverse("sitemap"))
    xml = response.content.decode()
    assert response.status_code == 200
    assert "/places/cromer/</loc>" in xml and "/info/privacy-notice/</loc>" in xml and "/get-involved/</loc>" in xml


def test_robots_txt_points_to_the_sitemap_and_keeps_crawlers_out_of_the_admin(client):
    text = client.get(reverse("localism:robots_txt")).content.decode()
    assert "Sitemap: http://testserver/sitemap.xml" in text and "Disallow: /staff-admin/" in text


def test_a_place_page_lists_the_contacts_for_it_and_the_places_it_is_in(client, reference_data):
    from localism.models import PlaceContact

    PlaceContact.objects.create(
        place=Place.objects.get(slug="north-norfolk"),
        name="Locality officer",
        role="officer",
        email="locality@example.org",
    )
    PlaceContact.objects.create(
        place=Place.objects.get(slug="cromer"), name="Cromer Town Council", role="parish-council"
    )
    PlaceContact.objects.create(
        place=Place.objects.get(slug="thetford"), name="Thetford Town Council", role="parish-council"
    )
    html = client.get(reverse("localism:place_detail", kwargs={"slug": "cromer"})).content.decode()
    assert "Cromer Town Council" in html and "Locality officer" in html and "(North Norfolk)" in html
    assert 'href="mailto:locality@example.org"' in html
    assert "Thetford Town Council" not in html


@pytest.mark.parametrize(
    "url", [reverse("localism:home"), reverse("localism:place_detail", kwargs={"slug": "cromer"})]
)
def test_open_consultations_on_home_and_place_pages_cost_no_query_each(
    client, reference_data, django_assert_num_queries, url
):
    from tests.consultations.factories import ConsultationFactory

    cromer = Place.objects.get(slug="cromer")
    ConsultationFactory(title="Consultation 0").places.add(cromer)
    one = queries_of(client, url)
    for n in range(1, 5):
        ConsultationFactory(title=f"Consultation {n}").places.add(cromer)
    with django_assert_num_queries(one):
        response = client.get(url)
    assert "Consultation 4" in response.content.decode()


def breadcrumb_links(html: str) -> list[tuple[str, str]]:
    nav = re.search(r'<nav class="govuk-breadcrumbs".*?</nav>', html, re.S).group(0)
    return re.findall(r'<a class="govuk-breadcrumbs__link" href="([^"]+)">([^<]+)</a>', nav)


def test_no_breadcrumb_of_a_place_page_reads_as_a_link_to_the_page_itself(client, reference_data):
    html = client.get(reverse("localism:place_detail", kwargs={"slug": "great-yarmouth-town"})).content.decode()

    assert '<h1 class="govuk-heading-xl">Great Yarmouth</h1>' in html
    links = breadcrumb_links(html)
    assert (reverse("localism:place_detail", kwargs={"slug": "great-yarmouth"}), "Great Yarmouth (district)") in links
    assert all(name != "Great Yarmouth" for _, name in links)
    assert "Town in Great Yarmouth (district)" in html


def test_the_breadcrumb_component_does_not_link_the_page_you_are_on(rf):
    from django.template.loader import render_to_string

    class Crumb:
        def __init__(self, name, url):
            self.name, self.url = name, url

        def get_absolute_url(self):
            return self.url

    crumbs = [
        Crumb("Transparency", reverse("transparency:index")),
        Crumb("Spending", reverse("transparency:spending")),
    ]
    html = render_to_string(
        "components/breadcrumbs.html", {"crumbs": crumbs}, request=rf.get(reverse("transparency:spending"))
    )

    assert breadcrumb_links(html) == [
        (reverse("localism:home"), "Home"),
        (reverse("transparency:index"), "Transparency"),
    ]
    assert '<li class="govuk-breadcrumbs__list-item" aria-current="page">Spending</li>' in html


def test_the_links_of_every_page_frame_follow_the_address_the_portal_is_served_under(client):
    from django.urls import clear_script_prefix, set_script_prefix

    # The path as the server sees it, whatever prefix the proxy in front of it serves the portal under.
    page = reverse("localism:open_data_licence")
    at_the_root = client.get(page).content.decode()
    set_script_prefix("/portal/")
    try:
        under_a_prefix = client.get(page).content.decode()
    finally:
        clear_script_prefix()
    again_at_the_root = client.get(page).content.decode()

    for html, prefix in ((at_the_root, ""), (under_a_prefix, "/portal"), (again_at_the_root, "")):
        assert f'href="{prefix}/info/cookies/"' in html
        assert f'href="{prefix}/resources/"' in html
        assert f'href="{prefix}/accounts/login/"' in html
        assert f'class="govuk-service-navigation__link" href="{prefix}/directory/' in html


def test_home_page_lists_the_rounds_open_for_voting_in_the_query_that_looks_for_them(client, reference_data):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.budgeting.factories import RoundFactory

    with CaptureQueriesContext(connection) as without_rounds:
        client.get(reverse("localism:home"))
    RoundFactory(title="Cromer community fund", places=list(Place.objects.all()[:3]))
    with CaptureQueriesContext(connection) as with_a_round:
        html = client.get(reverse("localism:home")).content.decode()

    assert "Vote on local budgets" in html
    assert "Cromer community fund" in html
    # Their places are not read: the section does not show them.
    assert len(with_a_round) == len(without_rounds)
