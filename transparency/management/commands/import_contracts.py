from localism.management.commands.import_file import Command as ImportFileCommand
from transparency.models import Dataset


class Command(ImportFileCommand):
    dataset = Dataset.CONTRACTS
    help = "Import the council's contracts CSV file (all or nothing; the same rows twice are imported once)."
