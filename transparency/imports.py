"""The transparency files staff import (spending, contracts, grants), read and loaded by localism.imports:
their columns, with the header variants real council files use, how a line becomes a row, and each row's
de-duplication key. Rows are loaded with COPY and one INSERT … ON CONFLICT DO NOTHING, so that importing the
same or overlapping rows again creates no duplicates."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from decimal import Decimal

from django.conf import settings
from django.utils.text import slugify

from localism.imports import CsvSpec, Importer, LineError, Loaded, Parsed, column_table, copy_rows, csv_reader
from transparency.models import Contract, Dataset, Grant, SpendingRecord


def dedup_key(*parts) -> str:
    """A stable key for a row's identity: the same line in two files gives the same key."""
    text = "\x1f".join("" if part is None else str(part).strip().lower() for part in parts)
    return hashlib.sha256(text.encode()).hexdigest()


def supplier_slug(name: str) -> str:
    return slugify(name)[:100] or "unnamed-supplier"


# --- Spending ----------------------------------------------------------------------------------


def _places_by_name(values: list[dict]) -> dict:
    """Place names and ONS codes (lower case) to ids, so a file can say which place a payment was for."""
    from localism.models import Place

    places = {}
    for pk, name, slug, code in Place.objects.values_list("pk", "name", "slug", "ons_code"):
        places.update({name.lower(): pk, slug: pk})
        if code:
            places[code.lower()] = pk
    return {"places": places}


def _build_spending(values: dict, context: dict) -> dict:
    place = values.pop("place_name")
    values["place"] = None
    if place:
        values["place"] = context["places"].get(place.lower())
        if values["place"] is None:
            raise LineError(
                f"“{place[:60]}” is not a place we know (give a district, town or parish, or its ONS code)"
            )
    values["body_name"] = values.get("body_name") or settings.COUNCIL_NAME
    if values["irrecoverable_vat"] is None:
        values["irrecoverable_vat"] = Decimal("0.00")
    values["supplier_slug"] = supplier_slug(values["beneficiary_name"])
    # Transaction number plus body identify a payment; the rest of the line tells apart the lines of a
    # payment split across expense types (the same line in an overlapping file is the same row).
    values["dedup_key"] = dedup_key(
        values["body_name"],
        values["transaction_number"],
        values["payment_date"],
        values["beneficiary_name"],
        values["amount"],
        values["expense_type"],
        values["service_area"],
        "" if values["transaction_number"] else values["purpose"],
    )
    return values


SPENDING_COLUMNS = CsvSpec(
    columns=column_table(
        """
        organisational_unit | Organisational unit       | text  | needed  | 200
            orgunit department directorate organisationunit
        beneficiary_name    | Beneficiary name          | text  | needed  | 255
            beneficiary suppliername supplier payee payeename vendorname
        payment_date        | Payment date              | date  | needed  | -
            dateofpayment datepaid transactiondate date
        amount              | Amount                    | money | needed  | -
            amountgbp amountexvat netamount netamountgbp value totalamount
        irrecoverable_vat   | Irrecoverable VAT amount  | money | in file | -
            irrecoverablevatamount nonrecoverablevat irrecoverablevatamountgbp
        purpose             | Purpose                   | text  | needed  | 500
            purposeofexpenditure expenditurepurpose description details
        body_name           | Body name                 | text  | -       | 200
            body organisationname organisationlabel publishingbody
        transaction_number  | Transaction number        | text  | -       | 100
            transactionno transactionref transactionid paymentreference
        expense_type        | Expense type              | text  | -       | 200
            expensedescription expenditurecategory expensecategory accountdescription
        service_area        | Service area              | text  | -       | 200
            serviceareacategorisation expensearea servicedivision servicelabel
        supplier_id         | Supplier ID               | text  | -       | 100
            beneficiaryid supplierreference vendorid
        supplier_type       | Supplier type             | text  | -       | 100
            beneficiarytype
        registration_number | Charity or company number | text  | -       | 30
            beneficiaryregistrationnumber charityorcompanynumber companynumber charitynumber beneficiarycompanynumber
        merchant_category   | Merchant category         | text  | -       | 200
            merchantcategorycode mcc merchantcategorydescription
        is_procurement_card | Procurement card          | bool  | -       | -
            procurementcard procurementcardtransaction pcard purchasecard procurementcardflag
        place_name          | Place                     | text  | -       | 120
            place area locality district town
        """
    ),
    build=_build_spending,
    prepare=_places_by_name,
)

SPENDING_FIELDS = (
    "dedup_key",
    "body_name",
    "organisational_unit",
    "beneficiary_name",
    "supplier_slug",
    "supplier_id",
    "supplier_type",
    "registration_number",
    "payment_date",
    "amount",
    "irrecoverable_vat",
    "purpose",
    "transaction_number",
    "expense_type",
    "service_area",
    "merchant_category",
    "is_procurement_card",
    "place",
)


# --- Contracts ---------------------------------------------------------------------------------


def _build_contract(values: dict, context: dict) -> dict:
    if values["irrecoverable_vat"] is None:
        values["irrecoverable_vat"] = Decimal("0.00")
    if values["value"] <= 0:
        raise LineError("Value must be more than £0")
    if values["end_date"] and values["end_date"] < values["start_date"]:
        raise LineError("End date is before the start date")
    values["is_tendered"] = values.pop("is_tendered")
    # A contract's reference identifies it within the council.
    values["dedup_key"] = dedup_key(settings.COUNCIL_NAME, values["reference"])
    return values


CONTRACTS_COLUMNS = CsvSpec(
    columns=column_table(
        """
        reference                    | Reference                    | text  | needed | 100
            referencenumber contractreference contractref contractid contractnumber
        title                        | Title                        | text  | needed | 300
            contracttitle titleofagreement contractname
        department                   | Department                   | text  | needed | 200
            departmentresponsible organisationalunit directorate service
        description                  | Description                  | text  | -      | 5000
            descriptionofgoodsandservices contractdescription
        supplier_name                | Supplier name                | text  | needed | 255
            supplier contractor providername beneficiaryname
        supplier_registration_number | Supplier registration number | text  | -      | 30
            suppliercompanynumber companynumber charitynumber registrationnumber suppliercharityorcompanynumber
        value                        | Value                        | money | needed | -
            valueofagreement contractvalue totalvalue amount
        irrecoverable_vat            | Irrecoverable VAT            | money | -      | -
            irrecoverablevatamount nonrecoverablevat
        start_date                   | Start date                   | date  | needed | -
            contractstartdate start
        end_date                     | End date                     | date  | -      | -
            contractenddate end
        review_date                  | Review date                  | date  | -      | -
            contractreviewdate
        is_tendered                  | Tendered                     | bool  | -      | -
            tendered competitivelytendered wastendered procurementtendered
        is_sme                       | SME                          | bool  | -      | -
            sme smesupplier smallormediumenterprise
        is_vcse                      | VCSE                         | bool  | -      | -
            vcse vcsesupplier voluntaryorcommunitysector
        """
    ),
    build=_build_contract,
)

CONTRACTS_FIELDS = (
    "dedup_key",
    "reference",
    "title",
    "department",
    "description",
    "supplier_name",
    "supplier_registration_number",
    "value",
    "irrecoverable_vat",
    "start_date",
    "end_date",
    "review_date",
    "is_tendered",
    "is_sme",
    "is_vcse",
)


# --- Grants ------------------------------------------------------------------------------------

_CHARITY_NUMBER = re.compile(r"^\d{6,8}(-\d{1,2})?$")
_COMPANY_NUMBER = re.compile(r"^(\d{8}|[A-Z]{2}\d{6})$")


def grant_prefix() -> str:
    """The council's registered 360Giving prefix (settings.TRANSPARENCY_360G_PREFIX)."""
    return getattr(settings, "TRANSPARENCY_360G_PREFIX", "norfolkcc")


def funder_org_id() -> str:
    """The council's own org-id (GB-LAE-… is the local authority list for England)."""
    return getattr(settings, "TRANSPARENCY_FUNDER_ORG_ID", "GB-LAE-NFK")


def organisation_identifier(*, charity_number: str, company_number: str, name: str) -> str:
    """The org-id.guide identifier 360Giving expects: GB-CHC- (Charity Commission), GB-COH- (Companies House),
    else a 360G- identifier of our own for a group with neither."""
    if charity_number:
        return f"GB-CHC-{charity_number}"
    if company_number:
        return f"GB-COH-{company_number}"
    return f"360G-{grant_prefix()}-org-{slugify(name)[:60]}"


def grant_identifier(reference: str) -> str:
    return f"360G-{grant_prefix()}-{slugify(reference)[:100] or 'grant'}"


def _build_grant(values: dict, context: dict) -> dict:
    charity = values.pop("charity_number").upper().replace(" ", "")
    company = values.pop("company_number").upper().replace(" ", "")
    if charity and not _CHARITY_NUMBER.match(charity):
        raise LineError(f"“{charity[:20]}” is not a charity number (6 to 8 digits)")
    if company.isdigit() and len(company) < 8:
        company = company.zfill(8)  # Companies House numbers lose their leading zeros in spreadsheets.
    if company and not _COMPANY_NUMBER.match(company):
        raise LineError(f"“{company[:20]}” is not a company number (8 characters)")
    if values["amount_awarded"] < 0:
        raise LineError("Amount awarded cannot be negative")
    reference = values.pop("reference")
    values["identifier"] = grant_identifier(reference)
    values["recipient_org_identifier"] = organisation_identifier(
        charity_number=charity, company_number=company, name=values["recipient_org_name"]
    )
    values["currency"] = "GBP"
    values["funding_org_identifier"] = funder_org_id()
    values["funding_org_name"] = settings.COUNCIL_NAME
    values["description"] = values["description"] or values["title"]
    values["dedup_key"] = dedup_key(values["identifier"])
    return values


GRANTS_COLUMNS = CsvSpec(
    columns=column_table(
        """
        reference          | Grant reference | text  | needed | 100
            grantreference grantref identifier grantid grantnumber
        title              | Title           | text  | needed | 300
            granttitle projecttitle project
        description        | Description     | text  | -      | 5000
            purpose grantpurpose projectdescription
        amount_awarded     | Amount awarded  | money | needed | -
            amount grantamount value awardamount
        award_date         | Award date      | date  | needed | -
            dateawarded date grantdate
        recipient_org_name | Recipient name  | text  | needed | 255
            recipientname recipient organisationname beneficiaryname
        charity_number     | Charity number  | text  | -      | 20
            recipientcharitynumber registeredcharitynumber
        company_number     | Company number  | text  | -      | 20
            recipientcompanynumber
        programme          | Grant programme | text  | -      | 200
            grantprogramme programmetitle fund
        """
    ),
    build=_build_grant,
)

GRANTS_FIELDS = (
    "dedup_key",
    "identifier",
    "title",
    "description",
    "currency",
    "amount_awarded",
    "award_date",
    "recipient_org_identifier",
    "recipient_org_name",
    "funding_org_identifier",
    "funding_org_name",
    "programme",
)


def _loader(model, fields: tuple[str, ...], after: Callable[[], None] | None = None):
    def load(parsed: Parsed, batch) -> Loaded:
        rows = ([batch.pk, *(row[name] for name in fields)] for row in parsed.rows)
        created = copy_rows(model, ("batch", *fields), rows)
        if after is not None:
            after()
        return Loaded(created=created, existing=parsed.row_count - created)

    return load


def _spending_loaded() -> None:
    from transparency.services import spending_facets_refresh, spending_summaries_warm_after_commit

    spending_facets_refresh()
    spending_summaries_warm_after_commit()


def _importer(dataset: Dataset, spec: CsvSpec, model, fields: tuple[str, ...], after=None) -> Importer:
    return Importer(
        dataset=dataset.value,
        label=dataset.label,
        read=csv_reader(spec),
        load=_loader(model, fields, after),
        permission="transparency.import_data",
        audit_completed="transparency.import.completed",
        audit_failed="transparency.import.failed",
        spec=spec,
        max_bytes=MAX_IMPORT_BYTES,
        order=10,
        help="Importing the same file again, or a file that overlaps one already imported, adds only the new rows.",
    )


# Council files of a year's spending run to tens of megabytes.
MAX_IMPORT_BYTES = getattr(settings, "TRANSPARENCY_MAX_IMPORT_BYTES", 100 * 1024 * 1024)

IMPORTERS = (
    _importer(Dataset.SPENDING, SPENDING_COLUMNS, SpendingRecord, SPENDING_FIELDS, after=_spending_loaded),
    _importer(Dataset.CONTRACTS, CONTRACTS_COLUMNS, Contract, CONTRACTS_FIELDS),
    _importer(Dataset.GRANTS, GRANTS_COLUMNS, Grant, GRANTS_FIELDS),
)
