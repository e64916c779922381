import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from directory.imports import LISTINGS
from directory.models import Listing
from localism.models import AuditEntry
from tests.directory.factories import ListingFactory, LocationFactory, TaxonomyTermFactory
from tests.downloads import downloaded_bytes, downloaded_text

pytestmark = pytest.mark.django_db

# The importer's own columns, in its order (the file may leave some out; these are all there).
HEADER = LISTINGS.spec.header()


def csv_file(rows) -> SimpleUploadedFile:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(HEADER)
    writer.writerows(rows)
    return SimpleUploadedFile("listings.csv", buffer.getvalue().encode("utf-8-sig"), content_type="text/csv")


def good_row(name="Lunch club", **changes):
    row = {
        "service_name": name,
        "service_kind": "club",
        "service_summary": "A hot lunch.",
        "service_description": "Every week.",
        "organization_name": "Aylsham Dementia Friends",
        "minimum_age": "60",
        "taxonomy_terms": "lunch-clubs",
        "languages": "en;pl",
        "location_name": "Hall",
        "address_1": "1 High St",
        "city": "Aylsham",
        "postal_code": "nr2 1ab",
    }
    row.update(changes)
    return [row.get(column, "") for column in HEADER]


def test_staff_import_listings_from_a_csv(staff_client, organisation, norwich_postcode):
    TaxonomyTermFactory(name="Lunch clubs")

    response = staff_client.post(
        reverse("admin:directory_listing_import"),
        {"file": csv_file([good_row(), good_row("Coffee morning")])},
        follow=True,
    )

    assert "Imported listings.csv: 2 new listings, 0 already published." in response.content.decode()
    listing = Listing.objects.get(name="Lunch club")
    assert listing.status == Listing.Status.PUBLISHED
    assert listing.languages == ["en", "pl"]
    assert listing.locations.get().postcode == "NR2 1AB"
    assert AuditEntry.objects.get(action="directory.listing.imported").data["created"] == 2


def test_every_bad_row_is_reported_with_its_line_number_and_nothing_is_imported(
    staff_client, organisation, norwich_postcode
):
    TaxonomyTermFactory(name="Lunch clubs")
    rows = [
        good_row(),
        good_row("Bad age", minimum_age="old"),
        good_row("Bad org", organization_name="Nobody"),
        good_row(""),
        good_row("Bad postcode", postal_code="ZZ9 9ZZ"),
        good_row("Bad kind", service_kind="party", taxonomy_terms="nope"),
    ]

    response = staff_client.post(reverse("admin:directory_listing_import"), {"file": csv_file(rows)})
    html = response.content.decode()

    for line in (
        "Nothing was imported",
        "Line 3: minimum_age must be a whole number",
        "Line 4: no organisation is called “Nobody”",
        "Line 5: service_name is missing",
        "Line 6: postal_code ZZ9 9ZZ is not a known postcode",
        "Line 7: service_kind must be one of",
        "there is no category “nope”",
    ):
        assert line in html
    assert "Line 2" not in html
    assert not Listing.objects.exists()


def test_the_import_reads_languages_by_name_as_the_group_form_does(staff_client, organisation, norwich_postcode):
    TaxonomyTermFactory(name="Lunch clubs")

    staff_client.post(
        reverse("admin:directory_listing_import"), {"file": csv_file([good_row(languages="English;Polish;BSL")])}
    )

    assert Listing.objects.get().languages == ["en", "pl", "bfi"]


def test_an_unknown_language_in_an_import_is_named(staff_client, organisation, norwich_postcode):
    TaxonomyTermFactory(name="Lunch clubs")

    response = staff_client.post(
        reverse("admin:directory_listing_import"), {"file": csv_file([good_row(languages="en;Klingon")])}
    )

    assert "Line 2: languages: we do not know the language “Klingon”" in response.content.decode()
    assert not Listing.objects.exists()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"name,other\nx,y\n", "The file has no column for: service_name"),
        (b"\xff\x00garbage", "not UTF-8"),
        (b"\xff\xfe\x00garbage", "The file has no column for"),
        (
            b"service_name,service_summary,service_description,organization_name\nA\x00,b,c,d\n",
            "Line 2: contains NUL characters",
        ),
    ],
)
def test_a_file_of_the_wrong_shape_is_refused_clearly(staff_client, content, message):
    response = staff_client.post(
        reverse("admin:directory_listing_import"), {"file": SimpleUploadedFile("x.csv", content)}
    )

    assert message in response.content.decode()


def test_the_export_downloads_the_selected_listings_in_the_same_shape(staff_client, published_listing):
    response = staff_client.post(
        reverse("admin:directory_listing_changelist"),
        {"action": "export_csv", "_selected_action": [str(published_listing.pk)]},
    )
    body = downloaded_text(response)

    assert body.splitlines()[0].startswith("service_id,service_name,service_kind")
    assert "Memory Café" in body


def test_an_exported_file_imports_again(staff_client, organisation, norwich_postcode):
    listing = ListingFactory(organisation=organisation, name="Round trip")
    LocationFactory(listing=listing)
    exported = staff_client.post(
        reverse("admin:directory_listing_changelist"), {"action": "export_csv", "_selected_action": [str(listing.pk)]}
    )
    data = downloaded_bytes(exported)

    response = staff_client.post(
        reverse("admin:directory_listing_import"), {"file": SimpleUploadedFile("x.csv", data)}, follow=True
    )

    assert "Imported x.csv: 1 new listing, 0 already published." in response.content.decode()
    assert Listing.objects.filter(name="Round trip").count() == 2


def test_residents_cannot_import(client, resident):
    client.force_login(resident)

    assert client.get(reverse("admin:directory_listing_import")).status_code == 302
