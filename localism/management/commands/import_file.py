"""Import a file with any registered importer (localism.imports): the same report staff see in the admin."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from accounts.permissions import staff_accounts
from localism.imports import IMPORTERS
from localism.services import dataset_import


class Command(BaseCommand):
    help = "Import a file with one of the importers (all or nothing): import_file DATASET FILE [--by EMAIL]."
    dataset: str = ""  # set by the commands of one dataset (import_spending, import_listings, …)
    is_by_required = False
    default_file = ""  # set by a command with a file of its own (import_postcodes: the shipped Norfolk file)

    def add_arguments(self, parser):
        if not self.dataset:
            parser.add_argument("dataset", choices=sorted(IMPORTERS), help="What the file contains.")
        if self.default_file:
            parser.add_argument("file", nargs="?", default=self.default_file, help="Path to the file (default: ours)")
        else:
            parser.add_argument("file", help="Path to the file")
        parser.add_argument(
            "--by", required=self.is_by_required, help="Email address of the staff member importing (for the audit)."
        )

    def staff_member(self, by: str | None):
        if not by:
            return None
        staff = staff_accounts().filter(email__iexact=by).first()
        if staff is None:
            raise CommandError(f"No staff member has the email address {by}.")
        return staff

    def handle(self, *args, file: str, by: str | None = None, dataset: str = "", **options):
        staff = self.staff_member(by)
        path = Path(file)
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise CommandError(f"Cannot read {path}: {exc.strerror}") from exc
        result = dataset_import(dataset=dataset or self.dataset, file_name=path.name, data=data, by=staff)
        self.report(result)

    def report(self, result) -> None:
        lines = result.report()
        if not result.succeeded and not result.already_imported:
            raise CommandError("\n".join(lines))
        self.stdout.write(self.style.SUCCESS("\n".join(lines)) if result.succeeded else "\n".join(lines))
