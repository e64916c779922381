from django.core.management.base import BaseCommand, CommandError

from accounts.models import User
from directory.oruk_import import FeedError, import_oruk_feed


class Command(BaseCommand):
    help = (
        "Import another publisher's Open Referral UK 3.0 feed: an http(s) address of its API (every page is "
        "followed) or a JSON file. All or nothing: a bad record or an unreadable feed changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("source", help="The feed's address (https://…/api/ or …/services) or a JSON file.")
        parser.add_argument("--by", help="Email address of the staff member importing (for the audit trail).")

    def handle(self, *args, source: str, by: str | None, **options):
        staff = None
        if by:
            staff = User.objects.filter(email__iexact=by, is_staff=True).first()
            if staff is None:
                raise CommandError(f"No staff member has the email address {by}.")
        try:
            result = import_oruk_feed(source=source, by=staff)
        except FeedError as failure:
            raise CommandError("Nothing was imported:\n" + "\n".join(failure.problems)) from None

        def counts(counter) -> str:
            return ", ".join(f"{n} {kind.replace('_', ' ')}" for kind, n in sorted(counter.items())) or "none"

        self.stdout.write(
            self.style.SUCCESS(
                f"Imported {source}: created {counts(result.created)}; updated {counts(result.updated)}; "
                f"vanished from the feed {counts(result.vanished)}; hidden as out of date {result.hidden_as_stale}."
            )
        )
