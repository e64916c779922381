"""The shared body of import_spending, import_contracts and import_grants."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from transparency.services import dataset_import


class ImportCommand(BaseCommand):
    dataset: str = ""
    help = "Import a CSV file (all or nothing; the same rows twice are imported once)."

    def add_arguments(self, parser):
        parser.add_argument("file", help="Path to the CSV file")

    def handle(self, *args, **options):
        path = Path(options["file"])
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise CommandError(f"Cannot read {path}: {exc.strerror}") from exc
        result = dataset_import(dataset=self.dataset, file_name=path.name, data=data, by=None)
        batch = result.batch
        if result.already_imported:
            self.stdout.write(
                f"{path.name} was already imported on {batch.imported_at:%d/%m/%Y %H:%M} (batch {batch.pk}): "
                "nothing added."
            )
            return
        if not result.succeeded:
            for error in batch.errors:
                self.stderr.write(f"Line {error['line']}: {error['message']}")
            raise CommandError(f"{batch.error_count} line(s) to correct in {path.name}: nothing was imported.")
        self.stdout.write(
            self.style.SUCCESS(
                f"Imported {path.name}: {batch.row_count} rows, {batch.created_count} new, "
                f"{batch.duplicate_count} already published (batch {batch.pk})."
            )
        )
