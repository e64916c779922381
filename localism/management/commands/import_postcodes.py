"""Postcode positions from a CSV through the one import framework (localism.postcode_import), then, if given,
the ONS names files that make the county's divisions, wards and parishes into places."""

from pathlib import Path

from django.core.management.base import CommandError

from localism.management.commands.import_file import Command as ImportFileCommand
from localism.services import PostcodeImportError, electoral_areas_from_names

SHIPPED = Path(__file__).resolve().parents[2] / "data" / "norfolk-postcodes.csv"


class Command(ImportFileCommand):
    help = (
        "Load postcode positions from a CSV: the shipped Norfolk file (default), the ONS Postcode "
        "Directory or OS Code-Point Open converted to latitude/longitude. All or nothing."
    )
    dataset = "postcodes"
    default_file = str(SHIPPED)

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument(
            "--names",
            action="append",
            default=[],
            metavar="FILE",
            help="An ONS names and codes file (county electoral divisions, wards or parishes, from the ONS "
            "Postcode Directory's Documents folder): makes those of the county's postcodes into places. Repeatable.",
        )

    def handle(self, *args, names: list[str], **options):
        super().handle(*args, **options)
        for path in map(Path, names):
            if not path.is_file():
                raise CommandError(f"No file at {path}.")
            with path.open(encoding="utf-8-sig", newline="") as handle:
                try:
                    count = electoral_areas_from_names(lines=handle)
                except PostcodeImportError as exc:
                    raise CommandError(f"{path.name}: {'; '.join(exc.errors)}") from exc
                except UnicodeDecodeError as exc:
                    raise CommandError(f"{path.name} is not UTF-8 text.") from exc
            self.stdout.write(f"Made or updated {count:,} areas named in {path.name}.")
