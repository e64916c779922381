import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from asset_transfers.models import Stage, TransferApplication
from asset_transfers.services import (
    application_accept_interest,
    application_decide,
    application_document_add,
    application_submit,
    application_submit_business_case,
)
from localism.models import Council, Place


def pdf(name: str = "business-case.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, b"%PDF-1.4\n% a business case\n", content_type="application/pdf")


@pytest.fixture
def cromer(reference_data):
    return Place.objects.get(slug="cromer")


@pytest.fixture
def north_norfolk_council(reference_data):
    return Council.objects.get(slug="north-norfolk-district-council")


@pytest.fixture
def make_application(organisation, group_owner, cromer, north_norfolk_council, moderator):
    """An application by the owner's group, moved on to the stage asked for by the services themselves."""

    def make(stage: str = Stage.INTEREST, *, is_approved: bool = True, name: str = "Runton Road Hall"):
        application = application_submit(
            by=group_owner,
            organisation=organisation,
            council=north_norfolk_council,
            asset_name=name,
            address="Runton Road, Cromer",
            place=cromer,
            proposal="A community café and a youth club.",
            community_benefit="Somewhere warm to meet, open every day.",
            tenure_sought="lease",
        )
        order = [Stage.INTEREST, Stage.BUSINESS_CASE, Stage.ASSESSMENT, Stage.DECISION]
        if order.index(stage) >= 1:
            application = application_accept_interest(application=application, by=moderator, note="Send a plan.")
        if order.index(stage) >= 2:
            application_document_add(application=application, by=group_owner, title="Business case", file=pdf())
            application = application_submit_business_case(application=application, by=group_owner)
        if order.index(stage) >= 3:
            from django.utils import timezone

            application = application_decide(
                application=application,
                by=moderator,
                is_approved=is_approved,
                reasons="The business case shows the hall will be used and kept up.",
                decided_on=timezone.localdate(),
                decision_maker="Cabinet",
            )
        return TransferApplication.objects.get(pk=application.pk)

    return make
