"""Realistic Norfolk spending, contracts and grants for the demo, the bench and the sample files.

The sample files in devtools/sample_files/ were written by `write_sample_files()`: the quarter the demo
leaves for staff to import, and a deliberately broken file whose errors the import must report.
"""

from __future__ import annotations

import csv
import datetime
import io
import random
import zlib
from decimal import Decimal
from pathlib import Path

SAMPLE_DIR = Path(__file__).resolve().parent / "sample_files"

# (service area, organisational unit, expense types)
SERVICE_AREAS = [
    (
        "Adult Social Services",
        "Adult Social Care",
        ["Residential care", "Home care", "Day services", "Supported living", "Direct payments support"],
    ),
    (
        "Children's Services",
        "Children's Social Care",
        ["Foster care allowances", "Independent fostering agencies", "Special educational needs transport"],
    ),
    (
        "Highways and Transport",
        "Community and Environmental Services",
        ["Highway maintenance", "Street lighting", "Winter gritting", "Bus service support", "Bridge repairs"],
    ),
    ("Waste Management", "Community and Environmental Services", ["Waste disposal", "Recycling centres"]),
    ("Libraries and Information", "Culture and Heritage", ["Book stock", "Library IT", "Mobile library fuel"]),
    ("Fire and Rescue", "Norfolk Fire and Rescue Service", ["Vehicle maintenance", "Protective equipment"]),
    ("Public Health", "Public Health", ["Sexual health services", "Smoking cessation", "Drug and alcohol services"]),
    ("Museums", "Culture and Heritage", ["Exhibition costs", "Conservation"]),
    ("Finance and Commercial Services", "Finance", ["Insurance", "Audit fees", "Bank charges"]),
    ("Information Technology", "Strategy and Transformation", ["Software licences", "Hardware", "Telephony"]),
    ("Property", "Corporate Property", ["Building repairs", "Energy", "Cleaning", "Rent"]),
    ("Community Grants", "Communities", ["Voluntary sector grants", "Parish partnership grants"]),
]

SUPPLIERS = [
    ("Wensum Care Services Ltd", "Company", "07345612"),
    ("Broadland Residential Homes Ltd", "Company", "04567123"),
    ("Yare Valley Home Care Ltd", "Company", "08812345"),
    ("Anglian Highways Maintenance Ltd", "Company", "03344556"),
    ("East Coast Street Lighting Ltd", "Company", "06123987"),
    ("Breckland Minibus Hire", "Sole trader", ""),
    ("Norwich Community Transport CIC", "Community interest company", "09123456"),
    ("Norfolk Foster Carers Association", "Charity", "1098765"),
    ("Marshland Recycling Ltd", "Company", "05432198"),
    ("Fenland Waste Solutions Ltd", "Company", "07765432"),
    ("Book Supplies East Ltd", "Company", "02233445"),
    ("Cromer Coach Works Ltd", "Company", "04455667"),
    ("Norfolk Community Foundation", "Charity", "1110817"),
    ("Age UK Norfolk", "Charity", "1051642"),
    ("Norfolk Citizens Advice", "Charity", "1051089"),
    ("Thetford Fire Safety Supplies Ltd", "Company", "08899001"),
    ("Waveney Software Solutions Ltd", "Company", "09988776"),
    ("Great Yarmouth Energy Services Ltd", "Company", "06677889"),
    ("King's Lynn Cleaning Co-operative", "Co-operative", ""),
    ("Dereham Building Repairs Ltd", "Company", "05566778"),
    ("Swaffham Stationery Ltd", "Company", "03322110"),
    ("Norfolk Sexual Health Partnership", "NHS body", ""),
    ("Change Grow Live Norfolk", "Charity", "1079327"),
    ("North Walsham Taxis", "Sole trader", ""),
    ("Diss Gritting Contractors Ltd", "Company", "07711223"),
    ("Sheringham Museum Trust", "Charity", "1114565"),
    ("Aylsham Bridge Engineering Ltd", "Company", "06655443"),
    ("Norfolk County Insurance Brokers Ltd", "Company", "02277889"),
    ("Downham Market Day Centre", "Charity", "1065432"),
    ("Wymondham Supported Living Ltd", "Company", "08833221"),
]

PURPOSES = {
    "Residential care": "Residential care placement",
    "Home care": "Home care hours",
    "Highway maintenance": "Resurfacing and pothole repairs",
    "Winter gritting": "Salt and gritting runs",
    "Book stock": "New stock for branch libraries",
}

HEADER = [
    "Body Name",
    "Organisational Unit",
    "Service Area",
    "Expense Type",
    "Payment Date",
    "Transaction Number",
    "Amount",
    "Irrecoverable VAT Amount",
    "Beneficiary Name",
    "Supplier ID",
    "Supplier Type",
    "Beneficiary Registration Number",
    "Purpose",
    "Merchant Category",
    "Procurement Card",
]


def spending_lines(start: datetime.date, days: int, count: int, *, seed: int, first_transaction: int) -> list[list]:
    """Lines of the LGA spend file as a council finance system exports them (£ signs, commas, dd/mm/yyyy)."""
    rng = random.Random(seed)
    lines = []
    for index in range(count):
        area, unit, expense_types = rng.choice(SERVICE_AREAS)
        expense = rng.choice(expense_types)
        supplier, kind, number = rng.choice(SUPPLIERS)
        amount = Decimal(round(min(500 * rng.lognormvariate(1.6, 1.2), 400_000), 2)).quantize(Decimal("0.01"))
        amount = max(amount, Decimal("500.00"))
        if rng.random() < 0.03:
            amount = -amount  # a credit note
        pcard = rng.random() < 0.05
        day = start + datetime.timedelta(days=rng.randrange(days))
        lines.append(
            [
                "Norfolk County Council",
                unit,
                area,
                expense,
                f"{day:%d/%m/%Y}",
                f"{first_transaction + index}",
                f"{'-' if amount < 0 else ''}£{abs(amount):,.2f}",
                "£0.00" if rng.random() < 0.9 else f"£{abs(amount) * Decimal('0.2'):,.2f}",
                supplier,
                f"S{zlib.crc32(supplier.encode()) % 100000:05d}" if not pcard else "",
                kind,
                number,
                PURPOSES.get(expense, expense),
                "Office supplies" if pcard else "",
                "Y" if pcard else "N",
            ]
        )
    return lines


def to_csv(header: list[str], lines: list[list], *, bom: bool = True) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(lines)
    return (("\ufeff" if bom else "") + buffer.getvalue()).encode("utf-8")


def demo_quarter_csv() -> bytes:
    """January to March 2026: the quarter the demo leaves for staff to import."""
    return to_csv(
        HEADER,
        spending_lines(datetime.date(2026, 1, 1), 90, 400, seed=2026_1, first_transaction=5_260_001),
    )


def earlier_quarters_csv() -> bytes:
    """April to December 2025, imported by the demo seeder."""
    return to_csv(
        HEADER,
        spending_lines(datetime.date(2025, 4, 1), 275, 1200, seed=2025_4, first_transaction=5_250_001),
    )


def broken_csv() -> bytes:
    """A file with a mistake on several lines, as people really make them."""
    lines = spending_lines(datetime.date(2026, 1, 1), 90, 12, seed=99, first_transaction=5_290_001)
    lines[2][4] = "31/02/2026"  # no such date
    lines[5][6] = "twelve pounds"  # not an amount
    lines[8][8] = ""  # no supplier
    lines[10][4] = "2026/13/01"  # not dd/mm/yyyy
    return to_csv(HEADER, lines)


CONTRACT_HEADER = [
    "Reference Number",
    "Title of Agreement",
    "Department Responsible",
    "Description of Goods and Services",
    "Supplier Name",
    "Supplier Company Number",
    "Value of Agreement",
    "Irrecoverable VAT",
    "Start Date",
    "End Date",
    "Review Date",
    "Tendered",
    "SME",
    "VCSE",
]

CONTRACT_LINES = [
    [
        "NCC-2025-0142",
        "Home care in Breckland",
        "Adult Social Services",
        "Framework for home care hours in Breckland and South Norfolk.",
        "Wensum Care Services Ltd",
        "07345612",
        "£4,250,000.00",
        "£0.00",
        "01/04/2025",
        "31/03/2029",
        "01/10/2027",
        "Yes",
        "Yes",
        "No",
    ],
    [
        "NCC-2025-0158",
        "Highway resurfacing, North Norfolk",
        "Highways and Transport",
        "Planned resurfacing of B and C roads.",
        "Anglian Highways Maintenance Ltd",
        "03344556",
        "£12,800,000.00",
        "£0.00",
        "01/06/2025",
        "31/05/2030",
        "",
        "Yes",
        "No",
        "No",
    ],
    [
        "NCC-2025-0163",
        "Community transport in rural Norfolk",
        "Highways and Transport",
        "Dial-a-ride and community car schemes.",
        "Norwich Community Transport CIC",
        "09123456",
        "£640,000.00",
        "£0.00",
        "01/07/2025",
        "30/06/2028",
        "01/01/2027",
        "Yes",
        "Yes",
        "Yes",
    ],
    [
        "NCC-2025-0171",
        "Library book stock supply",
        "Libraries and Information",
        "Supply and processing of new books for 47 libraries.",
        "Book Supplies East Ltd",
        "02233445",
        "£1,150,000.00",
        "£0.00",
        "01/08/2025",
        "31/07/2028",
        "",
        "Yes",
        "Yes",
        "No",
    ],
    [
        "NCC-2025-0180",
        "Advice services for older people",
        "Adult Social Services",
        "Information, advice and befriending.",
        "Age UK Norfolk",
        "",
        "£380,000.00",
        "£0.00",
        "01/09/2025",
        "31/08/2027",
        "",
        "No",
        "No",
        "Yes",
    ],
    [
        "NCC-2025-0194",
        "Street lighting maintenance",
        "Highways and Transport",
        "Maintenance of 55,000 street lights.",
        "East Coast Street Lighting Ltd",
        "06123987",
        "£2,300,000.00",
        "£0.00",
        "01/10/2025",
        "30/09/2029",
        "",
        "Yes",
        "Yes",
        "No",
    ],
    [
        "NCC-2025-0201",
        "Drug and alcohol recovery service",
        "Public Health",
        "Community treatment and recovery.",
        "Change Grow Live Norfolk",
        "",
        "£9,600,000.00",
        "£0.00",
        "01/11/2025",
        "31/10/2030",
        "01/11/2028",
        "Yes",
        "No",
        "Yes",
    ],
    [
        "NCC-2025-0212",
        "Fire station cleaning",
        "Fire and Rescue",
        "Cleaning of 42 fire stations.",
        "King's Lynn Cleaning Co-operative",
        "",
        "£210,000.00",
        "£0.00",
        "01/12/2025",
        "30/11/2027",
        "",
        "Yes",
        "Yes",
        "Yes",
    ],
]

GRANT_HEADER = [
    "Grant Reference",
    "Title",
    "Description",
    "Amount Awarded",
    "Award Date",
    "Recipient Name",
    "Charity Number",
    "Company Number",
    "Grant Programme",
]

GRANT_LINES = [
    [
        "CG-2025-001",
        "Warm spaces in Norfolk libraries",
        "Volunteers running warm spaces through the winter.",
        "£25,000.00",
        "14/10/2025",
        "Norfolk Community Foundation",
        "1110817",
        "",
        "Community Resilience Fund",
    ],
    [
        "CG-2025-002",
        "Befriending in North Norfolk",
        "Telephone and home befriending for isolated older people.",
        "£18,500.00",
        "21/10/2025",
        "Age UK Norfolk",
        "1051642",
        "",
        "Community Resilience Fund",
    ],
    [
        "CG-2025-003",
        "Debt advice outreach",
        "Advice sessions in rural village halls.",
        "£32,000.00",
        "04/11/2025",
        "Norfolk Citizens Advice",
        "1051089",
        "",
        "Cost of Living Support",
    ],
    [
        "CG-2025-004",
        "Dial-a-ride volunteers",
        "Recruiting and training volunteer drivers.",
        "£9,750.00",
        "18/11/2025",
        "Norwich Community Transport CIC",
        "",
        "9123456",
        "Parish Partnership",
    ],
    [
        "CG-2025-005",
        "Cromer youth football",
        "Kit and pitch hire for under-11s teams.",
        "£2,400.00",
        "02/12/2025",
        "Cromer Youth Football Club",
        "",
        "",
        "Small Grants",
    ],
    [
        "CG-2025-006",
        "Museum learning volunteers",
        "Volunteer guides for school visits.",
        "£6,000.00",
        "09/12/2025",
        "Sheringham Museum Trust",
        "1114565",
        "",
        "Culture Grants",
    ],
]


def contracts_csv() -> bytes:
    return to_csv(CONTRACT_HEADER, CONTRACT_LINES)


def grants_csv() -> bytes:
    return to_csv(GRANT_HEADER, GRANT_LINES)


def write_sample_files() -> None:
    SAMPLE_DIR.mkdir(exist_ok=True)
    (SAMPLE_DIR / "spending-2026-q1.csv").write_bytes(demo_quarter_csv())
    (SAMPLE_DIR / "spending-broken.csv").write_bytes(broken_csv())
    (SAMPLE_DIR / "contracts.csv").write_bytes(contracts_csv())
    (SAMPLE_DIR / "grants-360giving-source.csv").write_bytes(grants_csv())
