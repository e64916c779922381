from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from localism.services import PostcodeImportError, electoral_areas_from_names, postcodes_import

SHIPPED = Path(__file__).resolve().parents[2] / "data" / "norfolk-postcodes.csv"


class Command(BaseCommand):
    help = (
        "Load postcode positions from a CSV: the shipped Norfolk file (default), the ONS Postcode "
        "Directory or OS Code-Point Open converted to latitude/longitude. All or nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", nargs="?", default=str(SHIPPED), help="CSV file (default: the Norfolk postcodes)")
        parser.add_argument(
            "--names",
            action="append",
            default=[],
            metavar="FILE",
            help="An ONS names and codes file (county electoral divisions, wards or parishes, from the ONS "
            "Postcode Directory's Documents folder): makes those of the county's postcodes into places. Repeatable.",
        )

    def handle(self, *args, **options):
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"No file at {path}.")
        with path.open(encoding="utf-8-sig", newline="") as handle:
            try:
                result = postcodes_import(lines=handle)
            except PostcodeImportError as exc:
                for error in exc.errors:
                    self.stderr.write(error)
                raise CommandError(f"Nothing was imported: {len(exc.errors)} bad line(s) in {path.name}.") from exc
            except UnicodeDecodeError as exc:
                raise CommandError(f"Nothing was imported: {path.name} is not UTF-8 text.") from exc
        self.stdout.write(f"Imported {result.imported} postcodes ({result.skipped} skipped) from {path.name}.")
        for names in map(Path, options["names"]):
            if not names.is_file():
                raise CommandError(f"No file at {names}.")
            with names.open(encoding="utf-8-sig", newline="") as handle:
                try:
                    count = electoral_areas_from_names(lines=handle)
                except PostcodeImportError as exc:
                    raise CommandError(f"{names.name}: {'; '.join(exc.errors)}") from exc
                except UnicodeDecodeError as exc:
                    raise CommandError(f"{names.name} is not UTF-8 text.") from exc
            self.stdout.write(f"Made or updated {count} areas named in {names.name}.")
