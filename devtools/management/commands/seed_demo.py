from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from devtools import demo


class Command(BaseCommand):
    help = (
        "Fill an empty database with realistic demo content for every app (devtools/demo/), "
        "then print the demo logins."
    )

    def add_arguments(self, parser):
        parser.add_argument("--if-empty", action="store_true", help="Do nothing when demo content exists.")
        parser.add_argument(
            "--scale",
            choices=demo.SCALES,
            help="Also make the large data set of `make bench` (full: ~50,000 listings, 1,000,000 spending "
            "records, ...; small: a tenth; large: as full, with 200,000 listings).",
        )
        parser.add_argument(
            "--allow-production", action="store_true", help="Run even with DEBUG off (never on a live site)."
        )

    def handle(self, *args, **options):
        if not settings.DEBUG and not options["allow_production"]:
            raise CommandError("seed_demo creates accounts with known passwords: run it with DEBUG=1 only.")
        if demo.is_seeded():
            if not options["if_empty"]:
                self.stdout.write("Demo content is already there.")
        else:
            with transaction.atomic():
                for seeder in demo.seeders():
                    seeder.seed(self.stdout, scale=demo.scale_for(seeder, options["scale"]))
            self.stdout.write(self.style.SUCCESS("Demo content created."))
        demo.print_logins(self.stdout)
