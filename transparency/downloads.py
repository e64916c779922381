"""Transparency open data: every public list as CSV and as JSON, registered in hooks.py and served by the
one download view of localism/exports.py.

Each list is a `ListDownload`: the columns, the list page's own filters, and what its formats need beyond
the plain values (360Giving's names for grants, full links for decisions).
"""

from __future__ import annotations

from django.conf import settings
from django.db.models import F

from localism.exports import LICENCE_URL, ListDownload, labelled_rows, licence_meta, licence_meta_with_filters
from localism.links import absolute_reverse, absolute_url
from transparency import views
from transparency.filters import AssetFilterForm, ContractFilterForm, DecisionFilterForm, GrantFilterForm
from transparency.imports import funder_org_id
from transparency.models import AssetNomination, Contract, Decision, Grant, Notice

SPENDING_COLUMNS = (
    ("body_name", "Body name"),
    ("organisational_unit", "Organisational unit"),
    ("service_area", "Service area"),
    ("expense_type", "Expense type"),
    ("payment_date", "Payment date"),
    ("transaction_number", "Transaction number"),
    ("amount", "Amount"),
    ("irrecoverable_vat", "Irrecoverable VAT amount"),
    ("beneficiary_name", "Beneficiary name"),
    ("supplier_id", "Supplier ID"),
    ("supplier_type", "Supplier type"),
    ("registration_number", "Beneficiary registration number"),
    ("purpose", "Purpose"),
    ("merchant_category", "Merchant category"),
    ("is_procurement_card", "Procurement card"),
)

CONTRACT_COLUMNS = (
    ("reference", "Reference"),
    ("title", "Title"),
    ("department", "Department"),
    ("description", "Description"),
    ("supplier_name", "Supplier name"),
    ("supplier_registration_number", "Supplier registration number"),
    ("value", "Value"),
    ("irrecoverable_vat", "Irrecoverable VAT"),
    ("start_date", "Start date"),
    ("end_date", "End date"),
    ("review_date", "Review date"),
    ("is_tendered", "Tendered"),
    ("is_sme", "SME"),
    ("is_vcse", "VCSE"),
)

GRANT_360_COLUMNS = (
    ("identifier", "Identifier"),
    ("title", "Title"),
    ("description", "Description"),
    ("currency", "Currency"),
    ("amount_awarded", "Amount Awarded"),
    ("award_date", "Award Date"),
    ("recipient_org_identifier", "Recipient Org:Identifier"),
    ("recipient_org_name", "Recipient Org:Name"),
    ("funding_org_identifier", "Funding Org:Identifier"),
    ("funding_org_name", "Funding Org:Name"),
)

DECISION_COLUMNS = (
    ("title", "Title"),
    ("decision_date", "Decision date"),
    ("decision_maker", "Decision maker"),
    ("council_name", "Council"),
    ("summary", "Summary"),
    ("consultation_url", "Consultation"),
    ("slug", "Link"),
)

NOTICE_COLUMNS = (
    ("title", "Title"),
    ("council_name", "Council"),
    ("kind", "Kind"),
    ("published_on", "Published on"),
    ("display_until", "On display until"),
    ("meeting_at", "Meeting"),
    ("venue", "Venue"),
    ("body", "Notice"),
    ("slug", "Link"),
)

ASSET_COLUMNS = (
    ("reference", "Reference"),
    ("asset_name", "Asset"),
    ("address", "Address"),
    ("postcode", "Postcode"),
    ("latitude", "Latitude"),
    ("longitude", "Longitude"),
    ("body_name", "Nominated by"),
    ("deciding_council", "Council that decided"),
    ("decided_on", "Decision date"),
    ("entry_ends_on", "On the list until"),
    ("reasons", "Reasons"),
)


def grants_publisher() -> dict:
    """The 360Giving package's publisher: an object naming the council and its org-id, as the schema asks."""
    return {"identifier": funder_org_id(), "name": settings.COUNCIL_NAME, "website": absolute_url("/")}


def grant_360giving(row: dict) -> dict:
    """One grant in the 360Giving JSON schema (plain amounts, ISO dates)."""
    return {
        "id": row["identifier"],
        "title": row["title"],
        "description": row["description"],
        "currency": row["currency"],
        "amountAwarded": float(row["amount_awarded"]),
        "awardDate": row["award_date"].isoformat(),
        "recipientOrganization": [{"id": row["recipient_org_identifier"], "name": row["recipient_org_name"]}],
        "fundingOrganization": [{"id": row["funding_org_identifier"], "name": row["funding_org_name"]}],
    }


def _grant_360giving_cells(row: tuple) -> tuple:
    # 360Giving's spreadsheet column titles and plain values, so the file validates in its Data Quality Tool.
    return (*row[:4], f"{row[4]:f}", row[5].isoformat(), *row[6:])


def _decision_links(rows):
    """Full addresses: the decision's page on the portal, and its consultation wherever that is."""
    for row in rows:
        link = absolute_reverse("transparency:decision_detail", slug=row[-1])
        consultation = absolute_url(row[5]) if row[5].startswith("/") else row[5]
        yield (*row[:5], consultation, link)


def _assets(unsuccessful: bool) -> ListDownload:
    return ListDownload(
        filename="unsuccessful-nominations" if unsuccessful else "assets-of-community-value",
        columns=ASSET_COLUMNS,
        filterset=lambda request: views.filtered(
            AssetFilterForm,
            request,
            (AssetNomination.objects.unsuccessful() if unsuccessful else AssetNomination.objects.on_the_list())
            # The column keeps its name from before nominations were routed to a council of record.
            .annotate(deciding_council=F("council__name"))
            .order_by("asset_name", "id"),
        ),
        page=lambda request: views.asset_list(request, unsuccessful=unsuccessful),
        json_key="assets",
        json_meta=lambda request: licence_meta(
            "Unsuccessful nominations" if unsuccessful else "Assets of community value"
        ),
    )


DOWNLOADS: dict[str, ListDownload] = {
    "spending": ListDownload(
        filename="spending-{today}",
        columns=SPENDING_COLUMNS,
        filterset=views.spending_filter,
        page=views.spending,
        json_key="records",
        json_meta=licence_meta_with_filters("Spending over £500"),
        order_by=("-payment_date", "-id"),
        chunk_size=5000,
    ),
    "contracts": ListDownload(
        filename="contracts",
        columns=CONTRACT_COLUMNS,
        filterset=lambda request: views.filtered(ContractFilterForm, request, Contract.objects.all()),
        page=views.contracts,
        json_key="contracts",
        json_meta=lambda request: licence_meta("Contracts over £5,000"),
    ),
    "grants": ListDownload(
        filename="grants-360giving",
        columns=GRANT_360_COLUMNS,
        filterset=lambda request: views.filtered(GrantFilterForm, request, Grant.objects.all()),
        page=views.grants,
        json_key="grants",
        json_meta=lambda request: {"license": LICENCE_URL, "publisher": grants_publisher()},
        csv_row=_grant_360giving_cells,
        json_record=grant_360giving,
    ),
    "decisions": ListDownload(
        filename="decisions",
        columns=DECISION_COLUMNS,
        filterset=lambda request: views.filtered(
            DecisionFilterForm, request, Decision.objects.published().annotate(council_name=F("council__name"))
        ),
        page=views.decisions,
        json_key="decisions",
        json_meta=lambda request: licence_meta("Decisions"),
        rows=_decision_links,
        json_keys=("title", "decision_date", "decision_maker", "council", "summary", "consultation_url", "url"),
    ),
    "notices": ListDownload(
        filename="notices",
        columns=NOTICE_COLUMNS,
        filterset=lambda request: views.notice_filter(
            request, Notice.objects.published().annotate(council_name=F("council__name"))
        ),
        page=views.notices,
        json_key="notices",
        json_meta=lambda request: licence_meta("Public notices"),
        rows=labelled_rows(
            NOTICE_COLUMNS, labels={"kind": Notice.Kind.choices}, link=("transparency:notice_detail", "slug")
        ),
        json_keys=(
            "title",
            "council",
            "kind",
            "published_on",
            "display_until",
            "meeting_at",
            "venue",
            "notice",
            "url",
        ),
    ),
    "assets-listed": _assets(unsuccessful=False),
    "assets-unsuccessful": _assets(unsuccessful=True),
}
