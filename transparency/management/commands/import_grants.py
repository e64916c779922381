from transparency.management.commands._import import ImportCommand
from transparency.models import Dataset


class Command(ImportCommand):
    dataset = Dataset.GRANTS
    help = "Import the council's grants CSV file (all or nothing; the same rows twice are imported once)."
