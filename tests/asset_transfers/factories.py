"""Community asset transfer applications, made through the services as a group and the council would."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from asset_transfers.services import application_decide, application_submit


def pdf(name: str = "business-case.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, b"%PDF-1.4\n% a business case\n", content_type="application/pdf")


def submit_application(*, by, organisation, council, place, **fields):
    """An expression of interest in a building, with made-up words where the test does not look at them."""
    words = {
        "asset_name": "Runton Road Hall",
        "address": "Runton Road, Cromer",
        "proposal": "A community café and a youth club.",
        "community_benefit": "Somewhere warm to meet, open every day.",
        "tenure_sought": "lease",
    }
    return application_submit(by=by, organisation=organisation, council=council, place=place, **{**words, **fields})


def decision(**fields) -> dict:
    """The council's decision on an assessed application: approved by the Cabinet today unless told otherwise."""
    return {
        "is_approved": True,
        "reasons": "The business case shows the hall will be used and kept up.",
        "decided_on": timezone.localdate(),
        "decision_maker": "Cabinet",
        **fields,
    }


def decide(application, *, by, **fields):
    return application_decide(application=application, by=by, **decision(**fields))
