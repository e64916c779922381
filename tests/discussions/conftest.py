import pytest

from tests.consultations.factories import ConsultationFactory


@pytest.fixture
def consultation(db):
    return ConsultationFactory(title="Day opportunities for adults with learning disabilities")


@pytest.fixture
def comment_url(consultation):
    return f"/discussions/consultation/{consultation.pk}/comment/"
