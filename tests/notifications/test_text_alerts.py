"""Choosing text alerts: a UK mobile number, verified with a code texted through the outbox and Notify."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.privacy import account_delete, personal_data_export
from notifications.models import MobileNumber, Notification, NotificationEvent
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def texting(notify_fake, django_capture_on_commit_callbacks):
    """Post to a text alerts page and let the outbox send what the request queued."""

    def post(client, name: str, data=None):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(reverse(f"notifications:{name}"), data or {})

    return post


def _last_code(notify_fake) -> str:
    return re.match(r"(\d{6}) is your ", notify_fake.texts()[-1]["personalisation"]["body"]).group(1)


def test_a_code_texted_to_the_number_turns_text_alerts_on(resident_client, resident, notify_fake, texting):
    response = texting(resident_client, "text_alerts", {"number": "07123 456789"})
    assert response.status_code == 302
    mobile = MobileNumber.objects.get(user=resident)
    assert mobile.number == "+447123456789" and not mobile.is_verified
    [text] = notify_fake.texts()
    assert text["phone_number"] == "+447123456789"
    page = resident_client.get(reverse("notifications:text_alerts")).content.decode()
    assert "We have texted a 6-digit code to 07123 456789" in page

    response = texting(resident_client, "text_alerts_verify", {"code": _last_code(notify_fake)})

    assert response.status_code == 302
    mobile.refresh_from_db()
    assert mobile.is_verified
    page = resident_client.get(response.url).content.decode()
    assert "Text alerts are on. We will text 07123 456789." in page


def test_a_wrong_code_is_explained_and_verifies_nothing(resident_client, resident, notify_fake, texting):
    texting(resident_client, "text_alerts", {"number": "07123 456789"})
    code = _last_code(notify_fake)
    wrong = f"{(int(code) + 1) % 1_000_000:06d}"

    response = texting(resident_client, "text_alerts_verify", {"code": wrong})

    assert response.status_code == 400
    assert "The code is not correct. Check the text message and try again" in response.content.decode()
    assert not MobileNumber.objects.get(user=resident).is_verified
    assert len(notify_fake.texts()) == 1


def test_an_expired_code_is_refused(resident_client, resident, notify_fake, texting):
    texting(resident_client, "text_alerts", {"number": "07123 456789"})
    MobileNumber.objects.filter(user=resident).update(code_sent_at=timezone.now() - timedelta(minutes=11))

    response = texting(resident_client, "text_alerts_verify", {"code": _last_code(notify_fake)})

    assert "The code has expired. Send a new code" in response.content.decode()
    assert not MobileNumber.objects.get(user=resident).is_verified


def test_after_five_wrong_codes_even_the_right_one_needs_a_new_text(resident_client, resident, notify_fake, texting):
    texting(resident_client, "text_alerts", {"number": "07123 456789"})
    code = _last_code(notify_fake)
    for n in range(MobileNumber.MAX_WRONG_CODES):
        texting(resident_client, "text_alerts_verify", {"code": f"{(int(code) + 1 + n) % 1_000_000:06d}"})

    response = texting(resident_client, "text_alerts_verify", {"code": code})

    assert "You have entered a wrong code too many times. Send a new code" in response.content.decode()
    assert not MobileNumber.objects.get(user=resident).is_verified


def test_a_new_code_replaces_the_old_one_and_is_sent_at_most_once_a_minute(
    resident_client, resident, notify_fake, texting
):
    texting(resident_client, "text_alerts", {"number": "07123 456789"})
    first = _last_code(notify_fake)
    texting(resident_client, "text_alerts_resend")
    assert len(notify_fake.texts()) == 1  # too soon

    MobileNumber.objects.filter(user=resident).update(code_sent_at=timezone.now() - timedelta(seconds=61))
    texting(resident_client, "text_alerts_resend")
    second = _last_code(notify_fake)
    assert len(notify_fake.texts()) == 2

    if first != second:
        texting(resident_client, "text_alerts_verify", {"code": first})
        assert not MobileNumber.objects.get(user=resident).is_verified
    texting(resident_client, "text_alerts_verify", {"code": second})
    assert MobileNumber.objects.get(user=resident).is_verified


def test_codes_are_kept_only_hashed_and_sealed(resident_client, resident, notify_fake, texting):
    texting(resident_client, "text_alerts", {"number": "07123 456789"})
    code = _last_code(notify_fake)
    mobile = MobileNumber.objects.get(user=resident)
    event = NotificationEvent.objects.get(kind="notifications.mobile_code")
    assert code not in mobile.code_hash
    assert code not in str(event.context)
    assert Notification.objects.get(event=event).status == "sent"


def test_changing_the_number_unverifies_it_until_its_own_code_is_entered(
    resident_client, resident, notify_fake, texting
):
    texting(resident_client, "text_alerts", {"number": "07123 456789"})
    texting(resident_client, "text_alerts_verify", {"code": _last_code(notify_fake)})

    texting(resident_client, "text_alerts", {"number": "07123 456000"})

    mobile = MobileNumber.objects.get(user=resident)
    assert mobile.number == "+447123456000" and not mobile.is_verified
    assert notify_fake.texts()[-1]["phone_number"] == "+447123456000"


@pytest.mark.parametrize(
    ("typed", "error"),
    [
        ("01603 222222", "Enter a UK mobile number, like 07700 900 982"),  # a landline
        ("+33 6 12 34 56 78", "Enter a UK mobile number, like 07700 900 982"),  # a French mobile
        ("call me", "Enter a UK mobile number, like 07700 900 982"),
        ("", "Enter your mobile number"),
    ],
)
def test_only_a_uk_mobile_number_is_taken(resident_client, resident, notify_fake, texting, typed, error):
    response = texting(resident_client, "text_alerts", {"number": typed})

    assert response.status_code == 400
    assert error in response.content.decode()
    assert not MobileNumber.objects.exists()
    assert notify_fake.calls == 0


def test_a_code_that_is_not_six_digits_is_refused_before_it_counts(resident_client, resident, notify_fake, texting):
    texting(resident_client, "text_alerts", {"number": "07123 456789"})

    response = texting(resident_client, "text_alerts_verify", {"code": "12ab"})

    assert "Enter the 6-digit code from the text message" in response.content.decode()
    assert MobileNumber.objects.get(user=resident).wrong_codes == 0


def test_stopping_text_alerts_deletes_the_number(resident_client, resident, notify_fake, texting):
    texting(resident_client, "text_alerts", {"number": "07123 456789"})
    texting(resident_client, "text_alerts_verify", {"code": _last_code(notify_fake)})

    texting(resident_client, "text_alerts_stop")

    assert not MobileNumber.objects.filter(user=resident).exists()


def test_without_notify_text_alerts_are_not_offered(settings, resident_client, resident):
    settings.NOTIFY_API_KEY = ""
    page = resident_client.get(reverse("notifications:text_alerts")).content.decode()
    assert "Text message alerts are not available at the moment." in page
    assert 'name="number"' not in page

    response = resident_client.post(reverse("notifications:text_alerts"), {"number": "07123 456789"}, follow=True)
    assert "Text message alerts are not available at the moment." in response.content.decode()
    assert not MobileNumber.objects.exists()


def test_someone_who_has_not_confirmed_their_email_cannot_add_a_number(client, notify_fake):
    person = UserFactory(verified=False)
    client.force_login(person)

    response = client.post(reverse("notifications:text_alerts"), {"number": "07123 456789"}, follow=True)

    assert "Confirm your email address before choosing text alerts." in response.content.decode()
    assert not MobileNumber.objects.exists()


def test_the_number_is_in_the_data_download_and_gone_with_the_account(resident, notify_fake):
    MobileNumber.objects.create(user=resident, number="+447123456789", verified_at=timezone.now())

    export = personal_data_export(resident)
    assert export["notifications"]["mobile_number_for_text_alerts"][0]["number"] == "+447123456789"

    account_delete(user=resident)
    assert not MobileNumber.objects.exists()


@pytest.mark.parametrize(
    ("state", "shown"),
    [
        ("none", "Send a code"),
        ("waiting", "We have texted a 6-digit code to 07123 456789"),
        ("verified", "Text alerts are on"),
    ],
)
def test_the_text_alerts_page_shows_each_state_in_a_few_queries(
    resident_client, resident, notify_fake, django_assert_max_num_queries, state, shown
):
    if state != "none":
        MobileNumber.objects.create(
            user=resident, number="+447123456789", verified_at=timezone.now() if state == "verified" else None
        )
    with django_assert_max_num_queries(8):
        response = resident_client.get(reverse("notifications:text_alerts"))
    assert response.status_code == 200
    assert shown in response.content.decode()
