"""While the database cannot be reached, people see "briefly unavailable" (503, Retry-After), not a 500.

The database failure is simulated where a request first and last touches it (the session store);
tests/test_load_and_restart.py restarts a real PostgreSQL under a real server.
"""

from unittest import mock

import pytest
from django.contrib.sessions.models import Session
from django.db import InterfaceError, OperationalError
from django.test import Client
from django.urls import reverse

from consultations.models import Question, Response
from tests.consultations.factories import ConsultationFactory, QuestionFactory
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

SESSION_LOAD = "django.contrib.sessions.backends.db.SessionStore.load"


@pytest.fixture
def signed_in_looking_client():
    """A browser with a session cookie, so that the page has to read the session from the database."""
    client = Client(raise_request_exception=False)
    client.cookies["sessionid"] = "a" * 32
    return client


@pytest.mark.parametrize("error", [OperationalError("the database system is shutting down"), InterfaceError()])
def test_a_page_asked_for_while_the_database_is_down_answers_503_with_retry_after(signed_in_looking_client, error):
    with mock.patch(SESSION_LOAD, side_effect=error):
        response = signed_in_looking_client.get(reverse("localism:home"))
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert response["Cache-Control"] == "no-store"
    html = response.content.decode()
    assert "Sorry, the service is briefly unavailable" in html
    assert "it was not saved unless you can see it" in html
    assert response["Content-Security-Policy"]


def test_a_form_sent_while_the_database_is_down_answers_503(signed_in_looking_client):
    with mock.patch(SESSION_LOAD, side_effect=OperationalError("server closed the connection unexpectedly")):
        response = signed_in_looking_client.post(
            reverse("discussions:comment_create", kwargs={"key": "consultation", "pk": "1"}), {"text": "Hello"}
        )
    assert response.status_code == 503


def test_any_other_error_is_still_a_500(signed_in_looking_client):
    with mock.patch(SESSION_LOAD, side_effect=ValueError("a bug")):
        response = signed_in_looking_client.get(reverse("localism:home"))
    assert response.status_code == 500
    assert not response.has_header("Retry-After")
    assert "Sorry, there is a problem with the service" in response.content.decode()


def test_a_survey_answer_whose_session_cannot_be_saved_answers_503_not_bad_request(client):
    """The response is committed, then the database goes before the session is saved: an error, never "bad request"."""
    consultation = ConsultationFactory()
    question = QuestionFactory(consultation=consultation, kind=Question.Kind.TEXT)
    resident = UserFactory()
    client.force_login(resident)
    client.raise_request_exception = False
    with mock.patch(
        "django.contrib.sessions.models.Session.save", side_effect=OperationalError("server closed the connection")
    ):
        response = client.post(
            reverse("consultations:respond", kwargs={"slug": consultation.slug}),
            {f"q{question.pk}": "Open on Sundays"},
        )
    assert response.status_code == 503
    assert Response.objects.filter(consultation=consultation, respondent=resident).exists()


def test_a_session_deleted_meanwhile_is_still_refused_as_before(client):
    consultation = ConsultationFactory()
    question = QuestionFactory(consultation=consultation, kind=Question.Kind.TEXT)
    client.force_login(UserFactory())
    client.raise_request_exception = False
    original_save = Session.save

    def signed_out_in_another_tab(self, *args, **kwargs):
        Session.objects.filter(pk=self.pk).delete()
        return original_save(self, *args, **kwargs)

    with mock.patch.object(Session, "save", signed_out_in_another_tab):
        response = client.post(
            reverse("consultations:respond", kwargs={"slug": consultation.slug}),
            {f"q{question.pk}": "Open on Sundays"},
        )
    assert response.status_code == 400
