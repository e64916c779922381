from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from accounts.permissions import staff_accounts
from directory.imports import ImportFailedError, import_listings


class Command(BaseCommand):
    help = "Import published listings from a CSV in the ORUK-flat shape (all rows, or none if any is bad)."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--by", required=True, help="Email address of the staff member importing.")

    def handle(self, *args, file: Path, by: str, **options):
        staff = staff_accounts().filter(email__iexact=by).first()
        if staff is None:
            raise CommandError(f"No staff member has the email address {by}.")
        try:
            result = import_listings(data=file.read_bytes(), by=staff)
        except ImportFailedError as failure:
            raise CommandError("Nothing was imported:\n" + "\n".join(failure.errors)) from None
        self.stdout.write(self.style.SUCCESS(f"Imported {result.imported} listings."))
