"""Signing: a verified email, a postcode in the area and a connection to it; one signature per person."""

import threading

import pytest
from django.db import connection
from django.urls import reverse

from petitions.models import DistrictCount, Petition, Signature
from tests.factories import UserFactory
from tests.petitions.factories import PetitionFactory

pytestmark = pytest.mark.django_db

SIGN = {"postcode": "nr2 1ab", "connection": "live"}


def _sign_url(petition) -> str:
    return reverse("petitions:sign", kwargs={"pk": petition.pk})


@pytest.fixture
def petition(scheme, postcodes):
    return PetitionFactory()


def _count(petition) -> int:
    return Petition.objects.get(pk=petition.pk).signature_count


def test_a_resident_signs_and_is_counted_in_their_district(resident_client, resident, petition):
    response = resident_client.post(_sign_url(petition), SIGN)

    assert response.status_code == 302
    signature = Signature.objects.get(petition=petition)
    assert (signature.user, signature.postcode, signature.district.slug) == (resident, "NR2 1AB", "norwich")
    assert _count(petition) == 1
    page = resident_client.get(petition.get_absolute_url()).content.decode()
    assert "You have signed this petition" in page
    row = 'class="govuk-table__header">Norwich</th><td class="govuk-table__cell govuk-table__cell--numeric">1<'
    assert row in page


def test_signing_twice_is_refused_and_the_count_does_not_change(resident_client, petition):
    resident_client.post(_sign_url(petition), SIGN)

    again = resident_client.post(_sign_url(petition), {**SIGN, "postcode": "NR27 9AB"}, follow=True)

    assert "You have already signed this petition" in again.content.decode()
    assert _count(petition) == 1
    assert Signature.objects.filter(petition=petition).count() == 1
    assert list(DistrictCount.objects.filter(petition=petition).values_list("district__slug", "online")) == [
        ("norwich", 1)
    ]


def test_an_unverified_email_cannot_sign(client, petition):
    client.force_login(UserFactory(verified=False))

    response = client.post(_sign_url(petition), SIGN)

    assert response.status_code == 403
    assert "Confirm your email address before you sign" in response.content.decode()
    assert _count(petition) == 0 and not Signature.objects.exists()


def test_a_postcode_outside_the_area_is_refused_with_the_reason_and_no_count_changes(resident_client, petition):
    response = resident_client.post(_sign_url(petition), {"postcode": "CB2 1TN", "connection": "work"})

    page = response.content.decode()
    assert response.status_code == 200
    assert "CB2 1TN is outside Norfolk County Council’s area" in page
    assert 'value="CB2 1TN"' in page and 'value="work" checked' in page
    assert _count(petition) == 0 and not Signature.objects.exists() and not DistrictCount.objects.exists()


def test_a_postcode_that_is_not_one_is_refused(resident_client, petition):
    response = resident_client.post(_sign_url(petition), {"postcode": "not a postcode", "connection": "live"})

    assert "Enter a full UK postcode, like NR2 1AB" in response.content.decode()
    assert _count(petition) == 0


def test_a_closed_petition_cannot_be_signed(resident_client, scheme, postcodes):
    closed = PetitionFactory(status=Petition.Status.CLOSED)

    response = resident_client.post(_sign_url(closed), SIGN)

    assert response.status_code == 403
    assert not Signature.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_one_person_signing_twice_at_the_same_moment_is_stored_once(scheme, postcodes):
    petition = PetitionFactory()
    person = UserFactory()
    results = _at_the_same_moment([(person, petition), (person, petition)])

    assert results.count(None) == 1 and "You have already signed this petition." in results
    assert Signature.objects.filter(petition=petition).count() == 1
    assert _count(petition) == 1
    assert DistrictCount.objects.get(petition=petition).online == 1


@pytest.mark.django_db(transaction=True)
def test_two_people_signing_at_the_same_moment_are_both_counted(scheme, postcodes):
    petition = PetitionFactory()
    results = _at_the_same_moment([(UserFactory(), petition), (UserFactory(), petition)])

    assert results == [None, None]
    assert Signature.objects.filter(petition=petition).count() == 2
    assert _count(petition) == 2
    assert DistrictCount.objects.get(petition=petition).online == 2


def _at_the_same_moment(signers) -> list:
    """Each signer signs on their own database connection; all start together at a barrier."""
    from django.core.exceptions import ValidationError

    from petitions.services import petition_sign

    barrier = threading.Barrier(len(signers))
    results: list = [None] * len(signers)

    def sign(index, user, petition):
        try:
            barrier.wait(timeout=10)
            petition_sign(petition=petition, user=user, postcode="NR2 1AB", connection="live")
        except ValidationError as error:
            results[index] = error.messages[0]
        finally:
            connection.close()

    threads = [threading.Thread(target=sign, args=(i, u, p)) for i, (u, p) in enumerate(signers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return results
