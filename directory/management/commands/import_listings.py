from localism.management.commands.import_file import Command as ImportFileCommand


class Command(ImportFileCommand):
    dataset = "listings"
    is_by_required = True
    help = "Import published listings from a CSV in the ORUK-flat shape (all rows, or none if any is bad)."
