import pytest
from django.urls import reverse

from tests.consultations.factories import ConsultationFactory


@pytest.fixture
def consultation(db):
    return ConsultationFactory(title="Day opportunities for adults with learning disabilities")


@pytest.fixture
def comment_url(consultation):
    return reverse("discussions:comment_create", kwargs={"key": "consultation", "pk": consultation.pk})
