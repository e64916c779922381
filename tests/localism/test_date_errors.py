"""A date typed wrongly gets an error that says what is wrong, in the public forms and in the admin."""

import pytest
from django.urls import reverse

from localism.dates import date_error
from tests.consultations.factories import ConsultationFactory


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("31/02/2026", "31/02/2026 is not a real date"),
        ("2026-02-30", "2026-02-30 is not a real date"),
        ("12/13/2026", "12/13/2026 is not a real date"),
        ("14/03/202", "Enter a year with 4 digits"),
        ("14/03/20266", "Enter a year with 4 digits"),
        ("next Tuesday", "Enter a date in the form dd/mm/yyyy, like 14/03/2026"),
    ],
)
def test_a_wrong_date_is_explained(typed, message):
    assert date_error(typed) == message


@pytest.mark.django_db
def test_a_filter_date_that_does_not_exist_is_called_not_a_real_date(client):
    response = client.get(reverse("transparency:contracts"), {"starts_from": "31/02/2026"})

    html = response.content.decode()
    assert response.status_code == 400
    assert "31/02/2026 is not a real date" in html
    # what was typed is kept, in the day, month and year boxes of the GOV.UK date input
    assert 'id="id_starts_from_day" name="starts_from_day" type="text" inputmode="numeric" value="31"' in html
    assert 'id="id_starts_from_month" name="starts_from_month" type="text" inputmode="numeric" value="02"' in html


@pytest.mark.django_db
def test_an_admin_date_that_does_not_exist_is_called_not_a_real_date(client, moderator):
    client.force_login(moderator)
    consultation = ConsultationFactory(closed=True)

    page = client.post(
        reverse("admin:consultations_outcome_add"),
        {
            "consultation": consultation.pk,
            "what_we_asked": "a",
            "what_you_said": "b",
            "decision": "c",
            "decided_on": "31/02/2026",
            "themes-TOTAL_FORMS": "0",
            "themes-INITIAL_FORMS": "0",
            "actions-TOTAL_FORMS": "0",
            "actions-INITIAL_FORMS": "0",
        },
    )

    assert "31/02/2026 is not a real date" in page.content.decode()


@pytest.mark.django_db
def test_the_date_part_of_an_admin_date_and_time_says_what_is_wrong(client, moderator):
    client.force_login(moderator)
    consultation = ConsultationFactory(draft=True)

    page = client.post(
        reverse("admin:consultations_consultation_change", kwargs={"object_id": consultation.pk}),
        {"title": consultation.title, "opens_at_0": "30/02/2026", "opens_at_1": "09:00:00"},
    )

    assert "30/02/2026 is not a real date" in page.content.decode()
