from directory.oruk_import import import_oruk_feed
from localism.management.commands.import_file import Command as ImportFileCommand


class Command(ImportFileCommand):
    dataset = "oruk-feed"
    help = (
        "Import another publisher's Open Referral UK 3.0 feed: an http(s) address of its API (every page is "
        "followed) or a JSON file. All or nothing: a bad record or an unreadable feed changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("source", help="The feed's address (https://…/api/ or …/services) or a JSON file.")
        parser.add_argument("--by", help="Email address of the staff member importing (for the audit trail).")

    def handle(self, *args, source: str, by: str | None, **options):
        self.report(import_oruk_feed(source=source, by=self.staff_member(by)))
