"""The pages: applying (keeping what was typed), adding the business case, the list and an application page
with a fixed number of queries, documents, and refusals that change nothing."""

import pytest
from django.test import Client
from django.urls import reverse

from asset_transfers.models import Stage, TransferApplication
from notifications.models import Notification
from tests.asset_transfers.factories import pdf
from tests.downloads import downloaded_bytes, downloaded_csv_dicts, downloaded_json
from tests.transparency.factories import AssetNominationFactory
from transparency.models import AssetNomination

pytestmark = pytest.mark.django_db


def _form(organisation, council, place, **changes):
    data = {
        "organisation": organisation.pk,
        "council": council.pk,
        "asset_name": "Runton Road Hall",
        "address": "Runton Road, Cromer",
        "place": place.pk,
        "tenure_sought": "lease",
        "proposal": "A café.",
        "community_benefit": "A warm place to meet.",
    }
    data.update(changes)
    return data


def test_a_group_member_applies_and_a_mistake_keeps_what_was_typed(
    client, group_owner, organisation, north_norfolk_council, cromer
):
    client.force_login(group_owner)
    url = reverse("asset_transfers:apply")
    refused = client.post(url, _form(organisation, north_norfolk_council, cromer, proposal=""))
    assert refused.status_code == 400
    page = refused.content.decode()
    assert "Say what your group would do with it" in page and 'value="Runton Road Hall"' in page
    assert not TransferApplication.objects.exists()

    response = client.post(url, _form(organisation, north_norfolk_council, cromer))
    application = TransferApplication.objects.get()
    assert response.status_code == 302 and response["Location"] == application.get_absolute_url()
    assert application.submitted_by == group_owner and application.stage == Stage.INTEREST


def test_the_owning_council_must_cover_the_place_and_the_form_says_so(
    client, group_owner, organisation, cromer, reference_data
):
    from localism.models import Council

    client.force_login(group_owner)
    norwich = Council.objects.get(slug="norwich-city-council")
    response = client.post(reverse("asset_transfers:apply"), _form(organisation, norwich, cromer))
    assert response.status_code == 400
    assert "does not cover Cromer" in response.content.decode()
    assert not TransferApplication.objects.exists()


def test_someone_without_a_verified_group_is_told_how_to_apply(resident_client):
    response = resident_client.get(reverse("asset_transfers:apply"))
    assert response.status_code == 403
    assert "register your group in the directory" in response.content.decode()


def test_a_member_of_another_group_cannot_apply_for_this_one(
    client, other_group_owner, organisation, north_norfolk_council, cromer
):
    client.force_login(other_group_owner)
    response = client.post(reverse("asset_transfers:apply"), _form(organisation, north_norfolk_council, cromer))
    assert response.status_code == 400 and "Choose one of your groups" in response.content.decode()
    assert not TransferApplication.objects.exists()


def test_an_expression_of_interest_is_hidden_from_the_public_and_other_groups(
    make_application, client, other_group_owner
):
    application = make_application()
    assert client.get(application.get_absolute_url()).status_code == 404
    client.force_login(other_group_owner)
    assert client.get(application.get_absolute_url()).status_code == 404
    assert application.asset_name not in client.get(reverse("asset_transfers:list")).content.decode()


def test_the_group_adds_its_business_case_and_sends_it(make_application, client, group_owner, moderator):
    from asset_transfers.services import application_accept_interest

    application = application_accept_interest(application=make_application(), by=moderator)
    client.force_login(group_owner)
    send = reverse("asset_transfers:business_case_send", kwargs={"reference": application.reference})
    client.post(send)
    assert TransferApplication.objects.get(pk=application.pk).stage == Stage.BUSINESS_CASE

    add = reverse("asset_transfers:document_add", kwargs={"reference": application.reference})
    bad = client.post(add, {"title": "Business case", "file": pdf("business-case.exe")})
    assert bad.status_code == 400 and 'value="Business case"' in bad.content.decode()
    assert client.post(add, {"title": "Business case", "file": pdf()}).status_code == 302
    assert client.post(send).status_code == 302
    application.refresh_from_db()
    assert application.stage == Stage.ASSESSMENT
    document = application.documents.get()
    download = Client().get(document.get_absolute_url())
    assert download.status_code == 200 and downloaded_bytes(download).startswith(b"%PDF")
    assert Notification.objects.filter(event__kind="asset_transfers.business_case_received").exists()


def test_another_group_cannot_add_documents_or_send_the_business_case(
    make_application, client, other_group_owner, moderator
):
    from asset_transfers.services import application_accept_interest

    application = application_accept_interest(application=make_application(), by=moderator)
    client.force_login(other_group_owner)
    add = reverse("asset_transfers:document_add", kwargs={"reference": application.reference})
    assert client.post(add, {"title": "Mine", "file": pdf()}).status_code == 404
    send = reverse("asset_transfers:business_case_send", kwargs={"reference": application.reference})
    assert client.post(send).status_code == 404
    application.refresh_from_db()
    assert application.stage == Stage.BUSINESS_CASE and not application.documents.exists()


def test_the_application_page_shows_the_community_value_status_timeline_and_decision(
    make_application, cromer_postcode
):
    nomination = AssetNominationFactory(status=AssetNomination.Status.LISTED)
    application = make_application(Stage.DECISION)
    TransferApplication.objects.filter(pk=application.pk).update(community_value=nomination)
    page = Client().get(application.get_absolute_url()).content.decode()
    assert "Listed as an asset of community value until" in page
    assert nomination.get_absolute_url() in page
    assert "Expression of interest accepted" in page and "Decision: approved" in page
    assert application.decision.get_absolute_url() in page


def test_the_list_and_an_application_page_read_a_fixed_number_of_queries(
    make_application, django_assert_max_num_queries
):
    first = make_application(Stage.DECISION)
    with django_assert_max_num_queries(6):
        assert Client().get(first.get_absolute_url()).status_code == 200
    with django_assert_max_num_queries(5):
        assert Client().get(reverse("asset_transfers:list")).status_code == 200
    for index in range(8):
        make_application(Stage.ASSESSMENT, name=f"Hall {index}")
    with django_assert_max_num_queries(5):
        page = Client().get(reverse("asset_transfers:list")).content.decode()
    assert "9 applications" in page
    with django_assert_max_num_queries(5):
        page = Client().get(reverse("asset_transfers:list") + "?stage=decision").content.decode()
    assert "1 application" in page and "Hall 1" not in page


def test_the_place_page_shows_the_transfers_in_it(make_application, cromer):
    make_application(Stage.BUSINESS_CASE, name="Runton Road Hall")
    make_application(name="Secret Barn")
    page = Client().get(cromer.get_absolute_url()).content.decode()
    assert "Runton Road Hall" in page and "Secret Barn" not in page


def test_the_site_search_finds_public_applications(make_application, reference_data):
    make_application(Stage.BUSINESS_CASE, name="Runton Road Hall")
    page = Client().get(reverse("localism:search") + "?q=Runton").content.decode()
    assert "Community asset transfers" in page and "Runton Road Hall" in page


def test_a_former_applicant_can_download_what_they_sent(make_application, group_owner):
    from accounts.privacy import personal_data_export

    make_application()
    data = personal_data_export(group_owner)["asset_transfers"]
    assert data["applications_sent"][0]["asset"] == "Runton Road Hall"


def test_an_unknown_person_is_refused_nothing_changes(make_application):
    application = make_application()
    anonymous = Client()
    response = anonymous.post(
        reverse("asset_transfers:business_case_send", kwargs={"reference": application.reference})
    )
    assert response.status_code == 302 and "login" in response["Location"]
    assert TransferApplication.objects.get(pk=application.pk).stage == Stage.INTEREST


def test_the_list_downloads_the_public_applications_as_csv_and_json_with_its_filters(make_application):
    decided = make_application(Stage.DECISION, name="Runton Road Hall")
    make_application(Stage.ASSESSMENT, name="Overstrand Reading Room")
    make_application(name="Secret Barn")  # an expression of interest: not public
    client = Client()

    csv_response = client.get(reverse("asset_transfers:list_download", args=["csv"]))
    rows = downloaded_csv_dicts(csv_response)
    json_response = client.get(reverse("asset_transfers:list_download", args=["json"]), {"stage": "decision"})
    listed = downloaded_json(json_response)["applications"]
    page = client.get(reverse("asset_transfers:list"), {"stage": "decision"}).content.decode()
    wrong = client.get(reverse("asset_transfers:list_download", args=["csv"]), {"stage": "interest"})

    assert sorted(row["Building or land"] for row in rows) == ["Overstrand Reading Room", "Runton Road Hall"]
    hall = next(row for row in rows if row["Building or land"] == "Runton Road Hall")
    assert (hall["Stage"], hall["Asked for"], hall["Council"]) == ("Decision", "A lease", decided.council.name)
    assert hall["Link"].endswith(decided.get_absolute_url())
    assert [(a["reference"], a["stage"]) for a in listed] == [(decided.reference, "Decision")]
    assert f"{reverse('asset_transfers:list_download', args=['json'])}?stage=decision" in page
    assert wrong.status_code == 400
